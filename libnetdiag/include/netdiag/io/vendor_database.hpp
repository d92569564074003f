// Who made a network card, from its MAC address: the vendor nd-arp prints after each reply, as
// arp-scan does. The IEEE sells MAC prefixes in three sizes — MA-L (24 bits, the classic OUI),
// MA-M (28) and MA-S (36) — and carves the smaller ones out of MA-L blocks it keeps for itself
// (70:B3:D5 is "IEEE Registration Authority", 70:B3:D5:F2:F is TELEPLATFORMS), so the longest
// matching prefix names the vendor.
//
// The registries come from files, never from the network: Debian's ieee-data package (the IEEE's
// own CSV downloads) or arp-scan's tab-separated ieee-oui.txt and mac-vendor.txt. The package is
// optional, so a missing file only means fewer names, and the files are treated as hostile input:
// a line that does not parse is skipped, every read is bounds-checked, and parsing is linear.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "netdiag/wire/ethernet.hpp"

namespace netdiag {

class VendorDatabase {
 public:
  // /usr/share/ieee-data/oui.csv, mam.csv and oui36.csv: the MA-L, MA-M and MA-S registries.
  static std::vector<std::string> default_paths();

  // A database of every file in `paths` that can be read. A missing, unreadable or oversized
  // (over 32 MiB) file is skipped without a word.
  static VendorDatabase load(const std::vector<std::string>& paths);

  // Parses one file's text and adds its entries; returns how many were new (when two entries
  // have the same prefix, the first one added stays). The first line that is neither blank nor a
  // '#' comment decides the format:
  //  - the IEEE's CSV, when it is the header "Registry,Assignment,Organization Name,...": rows
  //    like `MA-L,F4BD9E,"Cisco Systems, Inc",<address>`, the assignment 6, 7 or 9 hex digits.
  //    Fields may be double-quoted, holding commas and "" for a quote. Only the first three
  //    fields are read, so the few addresses the IEEE breaks over several lines cost nothing:
  //    the row's first line has the vendor, and the others are not rows.
  //  - otherwise arp-scan's "<prefix><TAB><vendor>": the prefix 1 to 12 hex digits, where ':',
  //    '-' and '.' are ignored ("00:00:5e:00:01" is five octets), matching a MAC whose hex digits
  //    start with it.
  // Either case of hex digit; LF or CRLF line ends; the vendor trimmed of spaces and tabs.
  std::size_t add(std::string_view text);

  // The vendor of the longest prefix `mac` starts with; nullopt when none matches. Locally
  // administered MACs are looked up too: arp-scan's mac-vendor.txt names some (QEMU's 52:54:00).
  std::optional<std::string> lookup(const wire::MacAddress& mac) const;

  std::size_t size() const;
  bool empty() const;

  // A prefix is at most the whole MAC address.
  static constexpr std::size_t max_prefix_digits = 12;

 private:
  // vendors_by_digits_[n - 1]: the vendor of each prefix n hex digits long, keyed by its value.
  std::array<std::unordered_map<std::uint64_t, std::string>, max_prefix_digits> vendors_by_digits_;
};

}  // namespace netdiag
