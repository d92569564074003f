// libFuzzer target: the MAC vendor registries (io/vendor_database.hpp), parsed from text that is
// treated as hostile. The first input byte picks (bits 0-1) what goes before the rest of the
// input: 0 nothing (the rest's first line decides the format), 1 the IEEE CSV header line (the
// rest is read as CSV rows), 2 arp-scan's opening comment lines (skipped, so the rest still
// decides), 3 those and one arp-scan entry (the rest is read as arp-scan lines whatever it is).
// Bit 2 ends that prefix's lines with CRLF.
//
// The text goes through VendorDatabase::add twice, and is also read by a small model of the two
// formats written from the header's description: add() returns at most one entry per line,
// exactly the model's new prefixes, and size() grows by that; the second add() adds nothing.
// Then lookups: a MAC made from each prefix the model found (its other digits taken from the
// input) names a vendor, and it and MACs cut from the input's bytes name the vendor of the
// longest matching prefix, as the model says.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_support.hpp"
#include "netdiag/io/vendor_database.hpp"

using netdiag::VendorDatabase;
using netdiag::wire::MacAddress;

namespace {

constexpr std::size_t kMaxLookups = 256;

constexpr std::string_view kCsvHeader = "Registry,Assignment,Organization Name,Organization Address\n";
constexpr std::string_view kArpScanComment =
    "# ieee-oui.txt -- IEEE Ethernet OUI-Vendor mapping file for arp-scan\n"
    "#\n"
    "# <MAC-Prefix><TAB><Vendor>\n"
    "\n";
constexpr std::string_view kArpScanEntry = "000000\tXEROX CORPORATION\n";

std::string with_crlf(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// --- The model: the two formats as vendor_database.hpp describes them. ---------------------

struct Prefix {
  std::size_t digits = 0;
  std::uint64_t value = 0;
  friend auto operator<=>(const Prefix&, const Prefix&) = default;
};

bool blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<Prefix> model_prefix(std::string_view text, std::string_view skipped) {
  Prefix prefix;
  for (const char c : text) {
    if (skipped.find(c) != std::string_view::npos) continue;
    const int digit = hex_value(c);
    if (digit < 0 || prefix.digits == VendorDatabase::max_prefix_digits) return std::nullopt;
    prefix.value = prefix.value * 16 + static_cast<std::uint64_t>(digit);
    ++prefix.digits;
  }
  if (prefix.digits == 0) return std::nullopt;
  return prefix;
}

// RFC 4180: the first three fields, unquoted and unescaped; nullopt when there are fewer or
// one of them is malformed (a quote left open, text after a closing quote, a quote in an
// unquoted field). What follows the third is not looked at.
std::optional<std::array<std::string, 3>> model_fields(std::string_view line) {
  std::array<std::string, 3> fields;
  std::size_t at = 0;
  bool line_ended = false;
  for (std::string& field : fields) {
    if (line_ended) return std::nullopt;
    if (at < line.size() && line[at] == '"') {
      std::size_t i = at + 1;
      for (;;) {
        if (i >= line.size()) return std::nullopt;
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += line[i++];
      }
      if (i == line.size()) {
        line_ended = true;
      } else if (line[i] == ',') {
        at = i + 1;
      } else {
        return std::nullopt;
      }
    } else {
      const std::size_t comma = line.find(',', at);
      const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
      field = std::string(line.substr(at, end - at));
      if (field.find('"') != std::string::npos) return std::nullopt;
      if (comma == std::string_view::npos) {
        line_ended = true;
      } else {
        at = comma + 1;
      }
    }
  }
  return fields;
}

struct ModelEntry {
  Prefix prefix;
  std::string vendor;
};

std::optional<ModelEntry> model_csv_row(std::string_view line) {
  const auto fields = model_fields(line);
  if (!fields) return std::nullopt;
  const auto prefix = model_prefix((*fields)[1], "");
  const std::string vendor(trimmed((*fields)[2]));
  if (!prefix || (prefix->digits != 6 && prefix->digits != 7 && prefix->digits != 9) || vendor.empty())
    return std::nullopt;
  return ModelEntry{*prefix, vendor};
}

std::optional<ModelEntry> model_arp_scan_line(std::string_view line) {
  const std::size_t tab = line.find('\t');
  if (tab == std::string_view::npos) return std::nullopt;
  const auto prefix = model_prefix(line.substr(0, tab), ":-.");
  std::string_view vendor = trimmed(line.substr(tab + 1));
  vendor = trimmed(vendor.substr(0, vendor.find('\t')));
  if (!prefix || vendor.empty()) return std::nullopt;
  return ModelEntry{*prefix, std::string(vendor)};
}

struct Model {
  std::map<Prefix, std::string> vendors;  // the first vendor of each prefix
  std::size_t lines = 0;
};

Model model_of(std::string_view text) {
  Model model;
  std::optional<bool> csv;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++model.lines;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trimmed(line).empty() || line.front() == '#') continue;
    if (!csv) {
      const auto fields = model_fields(line);
      csv = fields && (*fields)[0] == "Registry" && (*fields)[1] == "Assignment" &&
            (*fields)[2] == "Organization Name";
      if (*csv) continue;
    }
    auto entry = *csv ? model_csv_row(line) : model_arp_scan_line(line);
    if (entry) model.vendors.try_emplace(entry->prefix, std::move(entry->vendor));
  }
  return model;
}

std::uint64_t mac_value(const MacAddress& mac) {
  std::uint64_t value = 0;
  for (const std::byte octet : mac) value = value << 8 | std::to_integer<std::uint64_t>(octet);
  return value;
}

MacAddress mac_of(std::uint64_t value) {
  MacAddress mac{};
  for (std::size_t i = 0; i < mac.size(); ++i) mac[i] = static_cast<std::byte>(value >> (8 * (5 - i)) & 0xFF);
  return mac;
}

// The vendor of the longest model prefix `mac` starts with.
std::optional<std::string> model_lookup(const Model& model, const MacAddress& mac) {
  const std::uint64_t value = mac_value(mac);
  for (std::size_t digits = VendorDatabase::max_prefix_digits; digits >= 1; --digits) {
    const auto found = model.vendors.find(Prefix{digits, value >> (4 * (VendorDatabase::max_prefix_digits - digits))});
    if (found != model.vendors.end()) return found->second;
  }
  return std::nullopt;
}

unsigned check_lookup(const VendorDatabase& database, const Model& model, const MacAddress& mac) {
  const auto vendor = database.lookup(mac);
  NETDIAG_FUZZ_CHECK(vendor == model_lookup(model, mac));
  if (!vendor) return 0;
  NETDIAG_FUZZ_CHECK(!vendor->empty() && vendor->find('\n') == std::string::npos);
  NETDIAG_FUZZ_CHECK(!blank(vendor->front()) && !blank(vendor->back()));
  return static_cast<unsigned>(vendor->size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned selector = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string prefix;
  switch (selector & 3U) {
    case 0: break;
    case 1: prefix = kCsvHeader; break;
    case 2: prefix = kArpScanComment; break;
    default: prefix = std::string(kArpScanComment) + std::string(kArpScanEntry); break;
  }
  if ((selector & 4U) != 0) prefix = with_crlf(prefix);
  const std::string text = prefix + std::string(rest);

  VendorDatabase database;
  NETDIAG_FUZZ_CHECK(database.empty() && database.size() == 0);
  const std::size_t added = database.add(text);
  const Model model = model_of(text);
  NETDIAG_FUZZ_CHECK(added <= model.lines);
  NETDIAG_FUZZ_CHECK(added == model.vendors.size());
  NETDIAG_FUZZ_CHECK(database.size() == added && database.empty() == (added == 0));
  // The same text again: every prefix is known, and the first vendor stays.
  NETDIAG_FUZZ_CHECK(database.add(text) == 0);
  NETDIAG_FUZZ_CHECK(database.size() == added);
  // Added to a database that already has an entry, it grows by exactly what add() says, and
  // that entry's prefix keeps its vendor.
  VendorDatabase seeded;
  const std::size_t first = seeded.add(std::string(kCsvHeader) + "MA-L,F4BD9E,\"Cisco Systems, Inc\",x\n");
  NETDIAG_FUZZ_CHECK(first == 1 && seeded.size() == 1);
  const std::size_t more = seeded.add(text);
  NETDIAG_FUZZ_CHECK(seeded.size() == 1 + more);
  NETDIAG_FUZZ_CHECK(more == added - (model.vendors.contains(Prefix{6, 0xF4BD9E}) ? 1U : 0U));
  const MacAddress cisco{std::byte{0xF4}, std::byte{0xBD}, std::byte{0x9E}, std::byte{0}, std::byte{0}, std::byte{0}};
  Model seeded_model = model;
  seeded_model.vendors.insert_or_assign(Prefix{6, 0xF4BD9E}, "Cisco Systems, Inc");
  NETDIAG_FUZZ_CHECK(seeded.lookup(cisco) == model_lookup(seeded_model, cisco));

  unsigned sum = static_cast<unsigned>(added);
  std::size_t lookups = 0;
  // A MAC from each prefix found, its other digits from the input: a vendor, the longest match's.
  std::size_t fill_at = 0;
  for (const auto& [found, vendor] : model.vendors) {
    if (lookups++ == kMaxLookups) break;
    std::uint64_t fill = 0;
    for (std::size_t i = 0; i < 8 && !rest.empty(); ++i)
      fill = fill << 8 | std::uint64_t{static_cast<unsigned char>(rest[fill_at++ % rest.size()])};
    const std::size_t free_bits = 4 * (VendorDatabase::max_prefix_digits - found.digits);
    const std::uint64_t low = free_bits == 0 ? 0 : fill & ((std::uint64_t{1} << free_bits) - 1);
    const MacAddress mac = mac_of(found.value << free_bits | low);
    const auto named = database.lookup(mac);
    NETDIAG_FUZZ_CHECK(named.has_value() && !named->empty());
    sum += check_lookup(database, model, mac);
  }
  // MACs cut from the input's bytes.
  for (std::size_t at = 0; at + 6 <= rest.size() && lookups < 2 * kMaxLookups; at += 6, ++lookups) {
    MacAddress mac{};
    for (std::size_t i = 0; i < mac.size(); ++i) mac[i] = static_cast<std::byte>(rest[at + i]);
    sum += check_lookup(database, model, mac);
  }
  netdiag::fuzz::consume(sum);
  return 0;
}
