#include "netdiag/io/vendor_database.hpp"

#include <array>
#include <numeric>
#include <utility>

#include "netdiag/io/text_file.hpp"

namespace netdiag {
namespace {

// Ten times the largest registry file today (oui.csv, 3 MB); also what keeps a path like
// /dev/zero from reading forever.
constexpr std::size_t kMaxFileBytes = 32 * 1024 * 1024;

// A MAC prefix: its first `digits` hex digits, as a number.
struct Prefix {
  std::size_t digits = 0;
  std::uint64_t value = 0;
};

struct Entry {
  Prefix prefix;
  std::string vendor;
};

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<unsigned> hex_digit(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
  return std::nullopt;
}

// 1 to 12 hex digits, the characters in `ignored` skipped wherever they are; nullopt for anything
// else.
std::optional<Prefix> hex_prefix(std::string_view text, std::string_view ignored) {
  Prefix prefix;
  for (const char c : text) {
    if (ignored.find(c) != std::string_view::npos) continue;
    const std::optional<unsigned> digit = hex_digit(c);
    if (!digit || prefix.digits == VendorDatabase::max_prefix_digits) return std::nullopt;
    prefix.value = prefix.value << 4 | *digit;
    ++prefix.digits;
  }
  if (prefix.digits == 0) return std::nullopt;
  return prefix;
}

// One CSV field at the start of a line (RFC 4180 quoting), still escaped.
struct Field {
  std::string_view text;                // without its quotes; every quote in it is doubled
  std::optional<std::string_view> rest;  // what follows the comma after it; nullopt: the line ended
};

// Nullopt when the field is malformed: a quote left open, anything but a comma after the closing
// quote, or a quote in an unquoted field.
std::optional<Field> split_field(std::string_view line) {
  if (!line.starts_with('"')) {
    const std::size_t comma = line.find(',');
    const std::string_view text = line.substr(0, comma);
    if (text.find('"') != std::string_view::npos) return std::nullopt;
    if (comma == std::string_view::npos) return Field{text, std::nullopt};
    return Field{text, line.substr(comma + 1)};
  }
  std::size_t at = 1;
  for (;;) {
    const std::size_t quote = line.find('"', at);
    if (quote == std::string_view::npos) return std::nullopt;
    if (quote + 1 < line.size() && line[quote + 1] == '"') {  // "" stands for one quote
      at = quote + 2;
      continue;
    }
    const std::string_view text = line.substr(1, quote - 1);
    const std::string_view after = line.substr(quote + 1);
    if (after.empty()) return Field{text, std::nullopt};
    if (after.front() != ',') return std::nullopt;
    return Field{text, after.substr(1)};
  }
}

// The first three fields of a CSV line, still escaped; nullopt when it has fewer or one of them
// is malformed. What follows them is not looked at.
std::optional<std::array<std::string_view, 3>> first_three_fields(std::string_view line) {
  std::array<std::string_view, 3> fields;
  std::optional<std::string_view> rest = line;
  for (std::string_view& field : fields) {
    if (!rest) return std::nullopt;
    const std::optional<Field> split = split_field(*rest);
    if (!split) return std::nullopt;
    field = split->text;
    rest = split->rest;
  }
  return fields;
}

// A field's text with each "" made one quote (split_field() leaves no lone quote).
std::string unescape(std::string_view text) {
  std::string unescaped;
  unescaped.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unescaped += text[i];
    if (text[i] == '"') ++i;
  }
  return unescaped;
}

bool is_csv_header(std::string_view line) {
  const std::optional<std::array<std::string_view, 3>> fields = first_three_fields(line);
  return fields && (*fields)[0] == "Registry" && (*fields)[1] == "Assignment" &&
         (*fields)[2] == "Organization Name";
}

// `MA-L,002272,American Micro-Fuel Device Corp.,<address>`: registry, assignment, organization.
std::optional<Entry> parse_csv_row(std::string_view line) {
  const std::optional<std::array<std::string_view, 3>> fields = first_three_fields(line);
  if (!fields) return std::nullopt;
  const std::optional<Prefix> prefix = hex_prefix((*fields)[1], "");
  const std::string_view vendor = trim((*fields)[2]);
  if (!prefix || (prefix->digits != 6 && prefix->digits != 7 && prefix->digits != 9) || vendor.empty())
    return std::nullopt;
  return Entry{*prefix, unescape(vendor)};
}

// `00:00:5e:00:01<TAB>VRRP (last octet is VRID)`. Like arp-scan, the vendor ends at the next tab.
std::optional<Entry> parse_arp_scan_line(std::string_view line) {
  const std::size_t tab = line.find('\t');
  if (tab == std::string_view::npos) return std::nullopt;
  const std::optional<Prefix> prefix = hex_prefix(line.substr(0, tab), ":-.");
  std::string_view vendor = trim(line.substr(tab + 1));
  vendor = trim(vendor.substr(0, vendor.find('\t')));
  if (!prefix || vendor.empty()) return std::nullopt;
  return Entry{*prefix, std::string(vendor)};
}

enum class Format { ieee_csv, arp_scan };

}  // namespace

std::vector<std::string> VendorDatabase::default_paths() {
  return {"/usr/share/ieee-data/oui.csv", "/usr/share/ieee-data/mam.csv", "/usr/share/ieee-data/oui36.csv"};
}

VendorDatabase VendorDatabase::load(const std::vector<std::string>& paths) {
  VendorDatabase database;
  for (const std::string& path : paths) {
    if (const auto text = read_text_file(path, kMaxFileBytes)) database.add(*text);
  }
  return database;
}

std::size_t VendorDatabase::add(std::string_view text) {
  std::size_t added = 0;
  std::optional<Format> format;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (trim(line).empty() || line.starts_with('#')) continue;
    if (!format) {
      format = is_csv_header(line) ? Format::ieee_csv : Format::arp_scan;
      if (format == Format::ieee_csv) continue;
    }
    std::optional<Entry> entry = format == Format::ieee_csv ? parse_csv_row(line) : parse_arp_scan_line(line);
    if (entry && vendors_by_digits_[entry->prefix.digits - 1]
                     .try_emplace(entry->prefix.value, std::move(entry->vendor))
                     .second)
      ++added;
  }
  return added;
}

std::optional<std::string> VendorDatabase::lookup(const wire::MacAddress& mac) const {
  std::uint64_t value = 0;
  for (const std::byte octet : mac) value = value << 8 | std::to_integer<std::uint64_t>(octet);
  for (std::size_t digits = max_prefix_digits; digits >= 1; --digits) {
    const std::unordered_map<std::uint64_t, std::string>& vendors = vendors_by_digits_[digits - 1];
    if (vendors.empty()) continue;
    const auto found = vendors.find(value >> (4 * (max_prefix_digits - digits)));
    if (found != vendors.end()) return found->second;
  }
  return std::nullopt;
}

std::size_t VendorDatabase::size() const {
  return std::accumulate(vendors_by_digits_.begin(), vendors_by_digits_.end(), std::size_t{0},
                         [](std::size_t sum, const auto& vendors) { return sum + vendors.size(); });
}

bool VendorDatabase::empty() const { return size() == 0; }

}  // namespace netdiag
