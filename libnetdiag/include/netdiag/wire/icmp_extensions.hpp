// ICMP extension structures (RFC 4884) and the MPLS label stack object (RFC 4950): a parser, a
// builder, a finder for ICMP and ICMPv6 errors, and traceroute/mtr wording for label stacks.
//
// An ICMP error (IPv4 types 3, 11, 12; IPv6 types 1, 3) may carry an extension structure after
// the quoted datagram. Its Length field (IPv4: 32-bit words, byte 5; IPv6: 64-bit words, byte 4)
// then gives the length of the quoted datagram, which is zero-padded to at least 128 bytes.
// The structure runs to the end of the ICMP message:
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |Version|      (Reserved)       |           Checksum            |  extension header
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |             Length            |   Class-Num   |    C-Type     |  object header
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                   // (Object payload) //                      |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                    further objects ...                        |
//
//   Version: 2. Checksum: the Internet checksum of the whole structure (header and objects)
//   with this field 0; 0 means the sender computed none. Object Length: in bytes, counting its
//   own 4-byte header.
//
// MPLS label stack object (RFC 4950): Class-Num 1, C-Type 1, one 32-bit entry per label as it
// was on the packet that expired, top of the stack first:
//
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                Label                  | TC  |S|      TTL      |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
//   Label: 20 bits. TC: traffic class (the "EXP" bits before RFC 5462). S: bottom of stack.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "netdiag/core/types.hpp"
#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/icmpv6.hpp"
#include "netdiag/wire/parse_error.hpp"

namespace netdiag::wire {

namespace icmp_extension_class {
inline constexpr std::uint8_t mpls_label_stack = 1;       // RFC 4950
inline constexpr std::uint8_t interface_information = 2;  // RFC 5837
inline constexpr std::uint8_t interface_identification = 3;  // RFC 8335
}

struct IcmpExtensionObject {
  std::uint8_t class_num = 0;
  std::uint8_t c_type = 0;
  std::span<const std::byte> payload{};  // the object's bytes after its 4-byte header
};

class IcmpExtensions {
 public:
  static constexpr std::size_t header_length = 4;
  static constexpr std::size_t object_header_length = 4;
  static constexpr std::uint8_t version_2 = 2;
  // More objects than this is an error: real routers send one to four.
  static constexpr std::size_t max_objects = 32;

  std::uint8_t version() const;     // always 2 once parsed
  std::uint16_t checksum() const;   // 0: none computed
  // True when the checksum is 0 (none computed) or verifies over the whole structure.
  bool checksum_ok() const;
  std::span<const IcmpExtensionObject> objects() const { return {objects_.data(), count_}; }
  std::span<const std::byte> bytes() const { return bytes_; }  // the whole structure

 private:
  friend std::expected<IcmpExtensions, ParseError> parse_icmp_extensions(std::span<const std::byte> data);
  explicit IcmpExtensions(std::span<const std::byte> bytes) : bytes_(bytes) {}

  std::span<const std::byte> bytes_;
  std::array<IcmpExtensionObject, max_objects> objects_{};
  std::size_t count_ = 0;
};

// Parses a whole extension structure: the 4-byte header (else truncated) with version 2 (else
// bad_version), then objects up to the end of `data`. Each object needs its 4-byte header and a
// Length >= 4 (else bad_total_length) that fits in what is left (else truncated); a Length that is
// not a multiple of 4 is accepted (some routers send them) and the next object starts right
// after it. 1-3 bytes left over after the last object are truncated. More than max_objects is
// too_many_extension_headers. The checksum is not checked here: see checksum_ok().
std::expected<IcmpExtensions, ParseError> parse_icmp_extensions(std::span<const std::byte> data);

// The extension structure of an ICMP(v6) error, found the way deployed routers send it:
//  - Length L != 0 and >= 128 bytes (RFC 4884): the structure starts at L;
//  - Length L != 0 but < 128 (seen in the wild: the datagram zero-padded to 128 but Length
//    not counting the padding): at 128 when the body is longer than that, else at L;
//  - Length 0 (MPLS routers that predate RFC 4884 put the structure right after 128 bytes of
//    datagram with no Length): at 128 when the body is longer, accepted only with a non-zero
//    checksum that verifies, so a long quoted datagram is not misread.
// A candidate must parse; one found by the last two rules must also pass checksum_ok() (which a 0
// checksum does, except under the Length-0 rule). nullopt when the message is not an error that
// can carry extensions, or no candidate passes. The views' own extension() applies only the first
// rule, without the 128 minimum, so for the second kind it starts in the padding.
std::optional<IcmpExtensions> find_icmp_extensions(const IcmpView& message);
std::optional<IcmpExtensions> find_icmp_extensions(const Icmpv6View& message);

using MplsLabelEntry = MplsLabel;  // core/types.hpp, so that a Reply can carry it

// The entries of every class 1, C-Type 1 object, in order (normally there is one object). Bytes
// after the last whole 4-byte entry of an object are ignored.
std::vector<MplsLabelEntry> mpls_label_stack(const IcmpExtensions& extensions);

// The payload of an MPLS label stack object (4 bytes per entry; label and traffic class are
// masked to 20 and 3 bits). Error: buffer_too_small.
std::expected<std::span<std::byte>, BuildError> build_mpls_label_stack(
    std::span<std::byte> out, std::span<const MplsLabelEntry> entries);

// Writes an extension structure (version 2 header, then each object with its length) into
// `out` and returns the written prefix. The checksum is computed unless with_checksum is false
// (then it is 0, "none computed"). The payloads must not overlap `out`. Errors: payload_too_large
// when an object payload exceeds 65531 bytes or there are more than max_objects objects,
// buffer_too_small.
std::expected<std::span<std::byte>, BuildError> build_icmp_extensions(
    std::span<std::byte> out, std::span<const IcmpExtensionObject> objects, bool with_checksum = true);

// A label stack as Linux traceroute -e prints it (Debian's traceroute 2.1.2; the caller adds the
// " <" and ">" around it after the hop's address): "MPLS:L=24001,E=0,S=1,T=1", entries joined by
// "/". Empty for an empty stack.
std::string format_mpls_traceroute(std::span<const MplsLabelEntry> stack);

// One entry as mtr 0.95 prints it, on its own line under the hop (older mtr said "Exp" for "TC"):
// "[MPLS: Lbl 24001 TC 0 S 1 TTL 1]".
std::string format_mpls_mtr(const MplsLabelEntry& entry);

}  // namespace netdiag::wire
