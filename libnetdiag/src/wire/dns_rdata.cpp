// Rdata formats. One walker per type (present()) both checks a record's rdata and, when asked,
// writes its presentation form, so what parse_dns_message accepts and what dns_rdata_to_text can
// print never disagree. Presentation follows dig 9.18 (BIND's totext with dig's default style):
// hex and base64 fields split into 56-character chunks, hex upper-case, NSEC3 hashes in
// upper-case base32hex, SVCB keys 0-6 by name and the others as "keyN".
#include "netdiag/wire/dns_rdata.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <string_view>

#include "bytes.hpp"
#include "dns_rdata_internal.hpp"

namespace netdiag::wire {

using detail::byte_at;
using detail::load16;
using detail::load32;

namespace {

// Types this file knows beyond those named in dns_message.hpp.
namespace more_type {
inline constexpr std::uint16_t md = 3, mf = 4, mb = 7, mg = 8, mr = 9, minfo = 14, rp = 17, afsdb = 18, rt = 21,
                               sig = 24, px = 26, nxt = 30, kx = 36, smimea = 53, cds = 59, cdnskey = 60,
                               spf = 99;
}  // namespace more_type

// dig's default +split: hex and base64 fields in chunks of this many characters.
constexpr std::size_t split_width = 56;

// A bounds-checked reader over uncompressed rdata. A read past the end makes it fail for good
// (and returns zeros or an empty span), so a walker reads everything and checks once.
class Reader {
 public:
  explicit Reader(std::span<const std::byte> data) : data_(data) {}
  bool ok() const { return ok_; }
  bool at_end() const { return ok_ && pos_ == data_.size(); }
  std::size_t left() const { return ok_ ? data_.size() - pos_ : 0; }
  void fail() { ok_ = false; }

  std::uint8_t u8() { return need(1) ? static_cast<std::uint8_t>(byte_at(data_, pos_++)) : std::uint8_t{0}; }
  std::uint16_t u16() {
    if (!need(2)) return 0;
    const auto value = load16(data_, pos_);
    pos_ += 2;
    return value;
  }
  std::uint32_t u32() {
    if (!need(4)) return 0;
    const auto value = load32(data_, pos_);
    pos_ += 4;
    return value;
  }
  std::span<const std::byte> bytes(std::size_t n) {
    if (!need(n)) return {};
    const auto span = data_.subspan(pos_, n);
    pos_ += n;
    return span;
  }
  std::span<const std::byte> rest() { return bytes(left()); }
  std::span<const std::byte> character_string() { return bytes(u8()); }
  // An uncompressed name; a compression pointer fails like any other bad label.
  DnsName name() {
    if (!ok_) return {};
    std::size_t end = pos_;
    while (end < data_.size() && byte_at(data_, end) != 0 && (byte_at(data_, end) & 0xc0U) == 0) {
      end += 1 + byte_at(data_, end);
    }
    if (end >= data_.size() || byte_at(data_, end) != 0) {
      ok_ = false;
      return {};
    }
    const auto name = DnsName::from_wire(data_.subspan(pos_, end + 1 - pos_));
    if (!name) {
      ok_ = false;
      return {};
    }
    pos_ = end + 1;
    return *name;
  }

 private:
  bool need(std::size_t n) {
    if (ok_ && data_.size() - pos_ >= n) return true;
    ok_ = false;
    return false;
  }

  std::span<const std::byte> data_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

void append_decimal3(std::string& out, unsigned value) {
  out.push_back('\\');
  out.push_back(static_cast<char>('0' + value / 100));
  out.push_back(static_cast<char>('0' + value / 10 % 10));
  out.push_back(static_cast<char>('0' + value % 10));
}

// A character-string's bytes as dig prints them inside quotes: '"' and '\' escaped with '\',
// bytes outside 0x20..0x7e as "\DDD".
void append_escaped(std::string& out, std::span<const std::byte> bytes) {
  for (const std::byte b : bytes) {
    const auto c = std::to_integer<unsigned>(b);
    if (c < 0x20 || c > 0x7e) {
      append_decimal3(out, c);
    } else {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(static_cast<char>(c));
    }
  }
}

std::string hex_upper(std::span<const std::byte> bytes) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const std::byte b : bytes) {
    out.push_back(digits[std::to_integer<unsigned>(b) >> 4]);
    out.push_back(digits[std::to_integer<unsigned>(b) & 0x0fU]);
  }
  return out;
}

std::string base64(std::span<const std::byte> bytes) {
  static constexpr char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      group = (group << 8) | (k < n ? byte_at(bytes, i + k) : 0U);
    }
    for (std::size_t k = 0; k < 4; ++k) {
      out.push_back(k <= n ? digits[(group >> (18 - 6 * k)) & 0x3fU] : '=');
    }
  }
  return out;
}

// RFC 4648 section 7 without padding, upper-case, as NSEC3 next hashed owner names are printed.
std::string base32hex_text(std::span<const std::byte> bytes) {
  static constexpr char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
  std::string out;
  std::uint32_t buffer = 0;
  unsigned bits = 0;
  for (const std::byte b : bytes) {
    buffer = ((buffer << 8) | std::to_integer<unsigned>(b)) & 0xffffU;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(digits[(buffer >> bits) & 0x1fU]);
    }
  }
  if (bits > 0) out.push_back(digits[(buffer << (5 - bits)) & 0x1fU]);
  return out;
}

// `text` in chunks of split_width characters separated by spaces.
std::string split(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / split_width);
  for (std::size_t i = 0; i < text.size(); i += split_width) {
    if (i > 0) out.push_back(' ');
    out.append(text, i, split_width);
  }
  return out;
}

void append_padded(std::string& out, long long value, int width) {
  std::string digits = std::to_string(value);
  if (digits.size() < static_cast<std::size_t>(width)) {
    out.append(static_cast<std::size_t>(width) - digits.size(), '0');
  }
  out += digits;
}

// RRSIG times: seconds since 1970 as YYYYMMDDHHmmSS (RFC 4034 section 3.2). The 32-bit value is
// read as 1970..2106, without dig's serial-number window around the current time.
std::string signature_time(std::uint32_t value) {
  using namespace std::chrono;
  const sys_seconds time{seconds{value}};
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss clock{time - day};
  std::string out;
  append_padded(out, static_cast<int>(date.year()), 4);
  append_padded(out, static_cast<unsigned>(date.month()), 2);
  append_padded(out, static_cast<unsigned>(date.day()), 2);
  append_padded(out, clock.hours().count(), 2);
  append_padded(out, clock.minutes().count(), 2);
  append_padded(out, clock.seconds().count(), 2);
  return out;
}

// Where a walker writes: nowhere when only checking.
class Text {
 public:
  explicit Text(std::string* out) : out_(out) {}
  Text& operator<<(std::string_view text) {
    if (out_ != nullptr) out_->append(text);
    return *this;
  }
  Text& operator<<(char c) {
    if (out_ != nullptr) out_->push_back(c);
    return *this;
  }
  Text& number(std::uint64_t value) {
    if (out_ != nullptr) out_->append(std::to_string(value));
    return *this;
  }
  Text& name(const DnsName& name) {
    if (out_ != nullptr) out_->append(name.to_text());
    return *this;
  }
  Text& quoted(std::span<const std::byte> bytes) {
    if (out_ != nullptr) {
      out_->push_back('"');
      append_escaped(*out_, bytes);
      out_->push_back('"');
    }
    return *this;
  }
  Text& hex(std::span<const std::byte> bytes) {
    if (out_ != nullptr) out_->append(split(hex_upper(bytes)));
    return *this;
  }
  Text& base64_split(std::span<const std::byte> bytes) {
    if (out_ != nullptr) out_->append(split(base64(bytes)));
    return *this;
  }
  Text& base64_whole(std::span<const std::byte> bytes) {
    if (out_ != nullptr) out_->append(base64(bytes));
    return *this;
  }
  Text& base32hex(std::span<const std::byte> bytes) {
    if (out_ != nullptr) out_->append(base32hex_text(bytes));
    return *this;
  }
  // Bytes as they are (a CAA tag, checked to be letters and digits).
  Text& raw(std::span<const std::byte> bytes) {
    if (out_ == nullptr) return *this;
    for (const std::byte b : bytes) out_->push_back(static_cast<char>(std::to_integer<unsigned char>(b)));
    return *this;
  }
  Text& time(std::uint32_t value) {
    if (out_ != nullptr) out_->append(signature_time(value));
    return *this;
  }
  Text& type(std::uint16_t type) {
    if (out_ != nullptr) out_->append(dns_type_to_text(type));
    return *this;
  }
  Text& address(std::span<const std::byte> bytes) {
    if (out_ == nullptr) return *this;
    if (bytes.size() == 4) {
      std::array<std::byte, 4> v4{};
      std::copy(bytes.begin(), bytes.end(), v4.begin());
      out_->append(IpAddress::v4(v4).to_string());
    } else if (bytes.size() == 16) {
      std::array<std::byte, 16> v6{};
      std::copy(bytes.begin(), bytes.end(), v6.begin());
      out_->append(IpAddress::v6(v6).to_string());
    }
    return *this;
  }

 private:
  std::string* out_;
};

// NSEC/NSEC3 type bitmaps (RFC 4034 section 4.1.2) with BIND's checks: windows in increasing
// order, 1 to 32 bitmap bytes each, the last of them not zero; at least one window unless
// `allow_empty`. Writes " TYPE" for each type present.
bool type_bitmaps(std::span<const std::byte> bitmaps, bool allow_empty, Text& text) {
  if (bitmaps.empty()) return allow_empty;
  std::size_t pos = 0;
  int last_window = -1;
  while (pos < bitmaps.size()) {
    if (bitmaps.size() - pos < 2) return false;
    const unsigned window = byte_at(bitmaps, pos);
    const std::size_t length = byte_at(bitmaps, pos + 1);
    pos += 2;
    if (static_cast<int>(window) <= last_window || length < 1 || length > 32) return false;
    if (bitmaps.size() - pos < length || byte_at(bitmaps, pos + length - 1) == 0) return false;
    for (std::size_t i = 0; i < length; ++i) {
      const unsigned bits = byte_at(bitmaps, pos + i);
      for (unsigned bit = 0; bit < 8; ++bit) {
        if ((bits & (0x80U >> bit)) != 0) {
          text << ' ';
          text.type(static_cast<std::uint16_t>(window * 256 + i * 8 + bit));
        }
      }
    }
    last_window = static_cast<int>(window);
    pos += length;
  }
  return true;
}

std::string svcb_key_name(std::uint16_t key) {
  static constexpr std::array<std::string_view, 7> names = {"mandatory", "alpn", "no-default-alpn", "port",
                                                            "ipv4hint", "ech", "ipv6hint"};
  if (key < names.size()) return std::string(names[key]);
  return "key" + std::to_string(key);
}

// One SvcParam value (RFC 9460 section 7, as BIND 9.18 checks and prints it); `text` already has
// the key.
bool svcb_value(std::uint16_t key, std::span<const std::byte> value, Text& text) {
  Reader r(value);
  switch (key) {
    case 0: {  // mandatory: a list of keys
      if (value.empty() || value.size() % 2 != 0) return false;
      text << '=';
      for (std::size_t i = 0; i < value.size(); i += 2) {
        if (i > 0) text << ',';
        text << svcb_key_name(load16(value, i));
      }
      return true;
    }
    case 1: {  // alpn: character-strings; ',' and '\' inside an id get an extra "\\"
      if (value.empty()) return false;
      std::string ids;
      while (r.left() > 0) {
        const auto id = r.character_string();
        if (!r.ok() || id.empty()) return false;
        if (!ids.empty()) ids.push_back(',');
        for (const std::byte b : id) {
          const auto c = std::to_integer<unsigned>(b);
          if (c == ',' || c == '\\') ids += "\\\\";
          append_escaped(ids, std::span<const std::byte>(&b, 1));
        }
      }
      text << "=\"" << ids << '"';
      return true;
    }
    case 2: return value.empty();  // no-default-alpn
    case 3:                        // port
      if (value.size() != 2) return false;
      text << '=';
      text.number(load16(value, 0));
      return true;
    case 4:  // ipv4hint
    case 6:  // ipv6hint
    {
      const std::size_t size = key == 4 ? 4 : 16;
      if (value.empty() || value.size() % size != 0) return false;
      text << '=';
      for (std::size_t i = 0; i < value.size(); i += size) {
        if (i > 0) text << ',';
        text.address(value.subspan(i, size));
      }
      return true;
    }
    case 5:  // ech: base64, not split
      if (value.empty()) return false;
      text << '=';
      text.base64_whole(value);
      return true;
    default:
      if (!value.empty()) {
        text << '=';
        text.quoted(value);
      }
      return true;
  }
}

enum class Known : std::uint8_t { no, valid, invalid };

// Checks `rdata` against the format of `type` and, when `out` is given, writes its presentation
// form there (meaningful only when the result is valid).
Known present(std::uint16_t type, std::span<const std::byte> rdata, std::string* out) {
  Reader r(rdata);
  Text t(out);
  bool good = true;  // the type's own checks beyond "every field there, nothing left over"
  switch (type) {
    case dns_type::a:
    case dns_type::aaaa: {
      const auto bytes = r.bytes(type == dns_type::a ? 4 : 16);
      if (r.at_end()) t.address(bytes);
      break;
    }
    case dns_type::ns:
    case dns_type::cname:
    case dns_type::dname:
    case dns_type::ptr:
    case more_type::md:
    case more_type::mf:
    case more_type::mb:
    case more_type::mg:
    case more_type::mr:
      t.name(r.name());
      break;
    case more_type::minfo:
    case more_type::rp:
      t.name(r.name()) << ' ';
      t.name(r.name());
      break;
    case dns_type::mx:
    case more_type::afsdb:
    case more_type::rt:
    case more_type::kx:
      t.number(r.u16()) << ' ';
      t.name(r.name());
      break;
    case more_type::px:
      t.number(r.u16()) << ' ';
      t.name(r.name()) << ' ';
      t.name(r.name());
      break;
    case dns_type::soa:
      t.name(r.name()) << ' ';
      t.name(r.name());
      for (int i = 0; i < 5; ++i) {
        t << ' ';
        t.number(r.u32());
      }
      break;
    case dns_type::txt:
    case more_type::spf:
      good = r.left() > 0;
      for (bool first = true; r.left() > 0; first = false) {
        const auto string = r.character_string();
        if (!r.ok()) break;
        if (!first) t << ' ';
        t.quoted(string);
      }
      break;
    case dns_type::hinfo:
      t.quoted(r.character_string()) << ' ';
      t.quoted(r.character_string());
      break;
    case dns_type::srv:
      t.number(r.u16()) << ' ';
      t.number(r.u16()) << ' ';
      t.number(r.u16()) << ' ';
      t.name(r.name());
      break;
    case dns_type::naptr:
      t.number(r.u16()) << ' ';
      t.number(r.u16()) << ' ';
      t.quoted(r.character_string()) << ' ';
      t.quoted(r.character_string()) << ' ';
      t.quoted(r.character_string()) << ' ';
      t.name(r.name());
      break;
    case dns_type::caa: {
      t.number(r.u8()) << ' ';
      const auto tag = r.character_string();
      good = !tag.empty() && std::ranges::all_of(tag, [](std::byte b) {
        const auto c = std::to_integer<unsigned>(b);
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      });
      t.raw(tag) << ' ';
      t.quoted(r.rest());
      break;
    }
    case dns_type::ds:
    case more_type::cds: {
      t.number(r.u16()) << ' ';
      t.number(r.u8()) << ' ';
      const auto digest_type = r.u8();
      t.number(digest_type) << ' ';
      const auto digest = r.rest();
      const std::size_t expected = digest_type == 1 ? 20 : digest_type == 2 ? 32 : digest_type == 4 ? 48 : 0;
      good = !digest.empty() && (expected == 0 || digest.size() == expected);
      t.hex(digest);
      break;
    }
    case dns_type::sshfp: {
      t.number(r.u8()) << ' ';
      const auto fingerprint_type = r.u8();
      t.number(fingerprint_type) << ' ';
      const auto fingerprint = r.rest();
      const std::size_t expected = fingerprint_type == 1 ? 20 : fingerprint_type == 2 ? 32 : 0;
      good = !fingerprint.empty() && (expected == 0 || fingerprint.size() == expected);
      t.hex(fingerprint);
      break;
    }
    case dns_type::tlsa:
    case more_type::smimea: {
      t.number(r.u8()) << ' ';
      t.number(r.u8()) << ' ';
      t.number(r.u8()) << ' ';
      const auto data = r.rest();
      good = !data.empty();
      t.hex(data);
      break;
    }
    case dns_type::dnskey:
    case more_type::cdnskey: {
      t.number(r.u16()) << ' ';
      t.number(r.u8()) << ' ';
      t.number(r.u8()) << ' ';
      const auto key = r.rest();
      good = !key.empty();
      t.base64_split(key);
      break;
    }
    case dns_type::rrsig:
    case more_type::sig: {
      t.type(r.u16()) << ' ';
      t.number(r.u8()) << ' ';
      t.number(r.u8()) << ' ';
      t.number(r.u32()) << ' ';
      t.time(r.u32()) << ' ';
      t.time(r.u32()) << ' ';
      t.number(r.u16()) << ' ';
      t.name(r.name()) << ' ';
      const auto signature = r.rest();
      good = !signature.empty();
      t.base64_split(signature);
      break;
    }
    case dns_type::nsec:
      t.name(r.name());
      good = r.ok() && type_bitmaps(r.rest(), false, t);
      break;
    case dns_type::nsec3:
    case dns_type::nsec3param: {
      t.number(r.u8()) << ' ';
      t.number(r.u8()) << ' ';
      t.number(r.u16()) << ' ';
      const auto salt = r.character_string();
      if (salt.empty()) {
        t << '-';
      } else {
        t.hex(salt);
      }
      if (type == dns_type::nsec3) {
        t << ' ';
        const auto hash = r.character_string();
        t.base32hex(hash);
        good = r.ok() && !hash.empty() && type_bitmaps(r.rest(), true, t);
      }
      break;
    }
    case dns_type::svcb:
    case dns_type::https: {
      t.number(r.u16()) << ' ';
      t.name(r.name());
      int last_key = -1;
      while (good && r.left() > 0) {
        const auto key = r.u16();
        const auto value = r.bytes(r.u16());
        if (!r.ok()) break;
        good = static_cast<int>(key) > last_key && key != 0xffff;
        last_key = key;
        t << ' ' << svcb_key_name(key);
        good = good && svcb_value(key, value, t);
      }
      break;
    }
    default:
      return Known::no;
  }
  return good && r.at_end() ? Known::valid : Known::invalid;
}

// RFC 3597 section 5: "\# LENGTH HEX", "\# 0" when empty.
std::string generic_text(std::span<const std::byte> rdata) {
  std::string out = "\\# " + std::to_string(rdata.size());
  if (!rdata.empty()) out += ' ' + split(hex_upper(rdata));
  return out;
}

// ---- presentation → rdata -------------------------------------------------------------------

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Token {
  std::string_view text;  // without the quotes, escapes still in
  bool quoted = false;
};

// Whitespace-separated tokens; "..." is one token; a backslash escapes the next character.
std::optional<std::vector<Token>> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    const bool quoted = text[i] == '"';
    const std::size_t start = quoted ? i + 1 : i;
    std::size_t j = start;
    while (j < text.size() && (quoted ? text[j] != '"' : !is_space(text[j]) && text[j] != '"')) {
      j += text[j] == '\\' ? 2U : 1U;
    }
    if (j > text.size() || (quoted && j == text.size())) return std::nullopt;  // dangling '\' or '"'
    tokens.push_back({text.substr(start, j - start), quoted});
    i = quoted ? j + 1 : j;
  }
  return tokens;
}

// A character-string's bytes from its text, escapes resolved; at most 255 bytes.
std::optional<std::vector<std::byte>> character_string(std::string_view text) {
  std::vector<std::byte> out;
  for (std::size_t i = 0; i < text.size();) {
    unsigned value = static_cast<unsigned char>(text[i]);
    if (text[i] == '\\') {
      if (i + 1 >= text.size()) return std::nullopt;
      const auto digit = [&](std::size_t at) { return at < text.size() && text[at] >= '0' && text[at] <= '9'; };
      if (digit(i + 1)) {
        if (!digit(i + 2) || !digit(i + 3)) return std::nullopt;
        value = static_cast<unsigned>((text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0'));
        if (value > 255) return std::nullopt;
        i += 4;
      } else {
        value = static_cast<unsigned char>(text[i + 1]);
        i += 2;
      }
    } else {
      ++i;
    }
    out.push_back(static_cast<std::byte>(value));
  }
  if (out.size() > 255) return std::nullopt;
  return out;
}

template <typename Integer>
std::optional<Integer> number(const Token& token) {
  Integer value{};
  const char* end = token.text.data() + token.text.size();
  const auto [ptr, ec] = std::from_chars(token.text.data(), end, value);
  if (token.quoted || token.text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

class Writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<std::byte>(v)); }
  void u16(std::uint16_t v) {
    u8(static_cast<std::uint8_t>(v >> 8));
    u8(static_cast<std::uint8_t>(v & 0xffU));
  }
  void u32(std::uint32_t v) {
    u16(static_cast<std::uint16_t>(v >> 16));
    u16(static_cast<std::uint16_t>(v & 0xffffU));
  }
  void bytes(std::span<const std::byte> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  std::vector<std::byte> take() { return std::move(out_); }

 private:
  std::vector<std::byte> out_;
};

std::optional<std::vector<std::byte>> generic_from_text(const std::vector<Token>& tokens) {
  if (tokens.size() < 2) return std::nullopt;
  const auto length = number<std::uint16_t>(tokens[1]);
  if (!length) return std::nullopt;
  std::string hex;
  for (std::size_t i = 2; i < tokens.size(); ++i) {
    if (tokens[i].quoted) return std::nullopt;
    hex += tokens[i].text;
  }
  if (hex.size() != std::size_t{*length} * 2) return std::nullopt;
  std::vector<std::byte> out;
  out.reserve(*length);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
    if (ec != std::errc{} || ptr != hex.data() + i + 2) return std::nullopt;
    out.push_back(static_cast<std::byte>(value));
  }
  return out;
}

}  // namespace

std::optional<IpAddress> dns_record_address(const DnsRecord& record) {
  if (record.type == dns_type::a && record.rdata.size() == 4) {
    std::array<std::byte, 4> bytes{};
    std::ranges::copy(record.rdata, bytes.begin());
    return IpAddress::v4(bytes);
  }
  if (record.type == dns_type::aaaa && record.rdata.size() == 16) {
    std::array<std::byte, 16> bytes{};
    std::ranges::copy(record.rdata, bytes.begin());
    return IpAddress::v6(bytes);
  }
  return std::nullopt;
}

std::optional<DnsName> dns_record_target(const DnsRecord& record) {
  switch (record.type) {
    case dns_type::ns:
    case dns_type::cname:
    case dns_type::dname:
    case dns_type::ptr: {
      const auto name = DnsName::from_wire(record.rdata);
      if (!name) return std::nullopt;
      return *name;
    }
    default: return std::nullopt;
  }
}

std::optional<DnsSoa> dns_record_soa(const DnsRecord& record) {
  if (record.type != dns_type::soa) return std::nullopt;
  Reader r(record.rdata);
  DnsSoa soa;
  soa.mname = r.name();
  soa.rname = r.name();
  soa.serial = r.u32();
  soa.refresh = r.u32();
  soa.retry = r.u32();
  soa.expire = r.u32();
  soa.minimum = r.u32();
  if (!r.at_end()) return std::nullopt;
  return soa;
}

std::string dns_rdata_to_text(std::uint16_t type, std::span<const std::byte> rdata) {
  std::string out;
  if (present(type, rdata, &out) == Known::valid) return out;
  return generic_text(rdata);
}

std::string dns_record_to_text(const DnsRecord& record) {
  std::string out = record.name.to_text();
  out += '\t';
  out += std::to_string(record.ttl);
  out += '\t';
  out += dns_class_to_text(record.klass);
  out += '\t';
  out += dns_type_to_text(record.type);
  out += '\t';
  out += dns_rdata_to_text(record.type, record.rdata);
  return out;
}

std::optional<std::vector<std::byte>> dns_rdata_from_text(std::uint16_t type, std::string_view text) {
  const auto tokens_or = tokenize(text);
  if (!tokens_or || tokens_or->empty()) return std::nullopt;
  const auto& tokens = *tokens_or;
  if (!tokens[0].quoted && tokens[0].text == "\\#") return generic_from_text(tokens);

  const auto name = [](const Token& token) -> std::optional<DnsName> {
    if (token.quoted) return std::nullopt;
    const auto parsed = DnsName::from_text(token.text);
    if (!parsed) return std::nullopt;
    return *parsed;
  };
  Writer w;
  switch (type) {
    case dns_type::a:
    case dns_type::aaaa: {
      if (tokens.size() != 1 || tokens[0].quoted) return std::nullopt;
      const auto address = IpAddress::parse(tokens[0].text);
      if (!address || (address->family() == Family::ipv4) != (type == dns_type::a)) return std::nullopt;
      w.bytes(address->bytes());
      return w.take();
    }
    case dns_type::ns:
    case dns_type::cname:
    case dns_type::dname:
    case dns_type::ptr: {
      if (tokens.size() != 1) return std::nullopt;
      const auto target = name(tokens[0]);
      if (!target) return std::nullopt;
      w.bytes(target->wire());
      return w.take();
    }
    case dns_type::mx: {
      if (tokens.size() != 2) return std::nullopt;
      const auto preference = number<std::uint16_t>(tokens[0]);
      const auto exchange = name(tokens[1]);
      if (!preference || !exchange) return std::nullopt;
      w.u16(*preference);
      w.bytes(exchange->wire());
      return w.take();
    }
    case dns_type::srv: {
      if (tokens.size() != 4) return std::nullopt;
      const auto priority = number<std::uint16_t>(tokens[0]);
      const auto weight = number<std::uint16_t>(tokens[1]);
      const auto port = number<std::uint16_t>(tokens[2]);
      const auto target = name(tokens[3]);
      if (!priority || !weight || !port || !target) return std::nullopt;
      w.u16(*priority);
      w.u16(*weight);
      w.u16(*port);
      w.bytes(target->wire());
      return w.take();
    }
    case dns_type::soa: {
      if (tokens.size() != 7) return std::nullopt;
      const auto mname = name(tokens[0]);
      const auto rname = name(tokens[1]);
      if (!mname || !rname) return std::nullopt;
      w.bytes(mname->wire());
      w.bytes(rname->wire());
      for (std::size_t i = 2; i < 7; ++i) {
        const auto value = number<std::uint32_t>(tokens[i]);
        if (!value) return std::nullopt;
        w.u32(*value);
      }
      return w.take();
    }
    case dns_type::txt: {
      for (const Token& token : tokens) {
        const auto string = character_string(token.text);
        if (!string) return std::nullopt;
        w.u8(static_cast<std::uint8_t>(string->size()));
        w.bytes(*string);
      }
      auto out = w.take();
      if (out.size() > 0xffff) return std::nullopt;
      return out;
    }
    default: return std::nullopt;
  }
}

namespace detail {

std::expected<std::vector<std::byte>, DnsError> read_dns_rdata(std::span<const std::byte> message,
                                                               std::size_t offset, std::size_t length,
                                                               std::uint16_t type) {
  const std::size_t end = offset + length;
  std::size_t pos = offset;
  std::vector<std::byte> out;
  out.reserve(length);
  const auto copy = [&](std::size_t n) {
    if (end - pos < n) return false;
    out.insert(out.end(), message.begin() + static_cast<std::ptrdiff_t>(pos),
               message.begin() + static_cast<std::ptrdiff_t>(pos + n));
    pos += n;
    return true;
  };
  const auto name = [&] {
    const auto read = read_dns_name(message, pos);
    if (!read || read->next > end) return false;
    const auto wire = read->name.wire();
    out.insert(out.end(), wire.begin(), wire.end());
    pos = read->next;
    return true;
  };
  const auto character_string = [&] { return pos < end && copy(1 + byte_at(message, pos)); };

  bool ok = true;
  switch (type) {
    case dns_type::ns:
    case dns_type::cname:
    case dns_type::dname:
    case dns_type::ptr:
    case more_type::md:
    case more_type::mf:
    case more_type::mb:
    case more_type::mg:
    case more_type::mr:
    case dns_type::nsec:
    case more_type::nxt:
      ok = name();
      break;
    case dns_type::soa:
    case more_type::minfo:
    case more_type::rp:
      ok = name() && name();
      break;
    case dns_type::mx:
    case more_type::afsdb:
    case more_type::rt:
      ok = copy(2) && name();
      break;
    case more_type::px:
      ok = copy(2) && name() && name();
      break;
    case dns_type::srv:
      ok = copy(6) && name();
      break;
    case dns_type::naptr:
      ok = copy(4) && character_string() && character_string() && character_string() && name();
      break;
    case dns_type::rrsig:
    case more_type::sig:
      ok = copy(18) && name();
      break;
    default:
      break;
  }
  if (!ok || !copy(end - pos)) return std::unexpected(DnsError::bad_rdata);
  if (out.size() > 0xffff || present(type, out, nullptr) == Known::invalid) {
    return std::unexpected(DnsError::bad_rdata);
  }
  return out;
}

}  // namespace detail

}  // namespace netdiag::wire
