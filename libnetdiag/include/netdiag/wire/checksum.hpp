// The Internet checksum (RFC 1071) and the IPv6 upper-layer pseudo-header (RFC 8200 section 8.1).
//
//   Internet checksum: the 16-bit one's complement of the one's complement sum of the data taken
//   as big-endian 16-bit words; an odd trailing byte is padded with a zero byte on the right.
//
//   IPv6 pseudo-header summed in front of the upper-layer message (RFC 8200 section 8.1):
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                                                               |
//   +                                                               +
//   |                                                               |
//   +                         Source Address                        +
//   |                                                               |
//   +                                                               +
//   |                                                               |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                                                               |
//   +                                                               +
//   |                                                               |
//   +                      Destination Address                      +
//   |                                                               |
//   +                                                               +
//   |                                                               |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                   Upper-Layer Packet Length                   |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                      zero                     |  Next Header  |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// Verifying: the checksum over a message that includes its (correct) checksum field is 0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace netdiag::wire {

// Adds `data` to the running one's complement sum `sum` and returns the new sum (carries are
// partly folded so the result never overflows; feed it back in for the next chunk). An odd
// length is handled by padding with one zero byte, so only the last chunk may have odd length.
std::uint32_t checksum_accumulate(std::span<const std::byte> data, std::uint32_t sum = 0);

// Folds the carries of `sum` into 16 bits and returns the one's complement: the value to put in
// a checksum field.
std::uint16_t checksum_fold(std::uint32_t sum);

// checksum_fold(checksum_accumulate(data)).
std::uint16_t internet_checksum(std::span<const std::byte> data);

// The checksum of `message` (an ICMPv6, UDP or TCP message, checksum field included as it is)
// behind the IPv6 pseudo-header built from the addresses, message.size() and `next_header`.
// (UDP senders must transmit a computed 0 as 0xffff; that rule is the caller's.)
std::uint16_t ipv6_upper_layer_checksum(std::span<const std::byte, 16> source,
                                        std::span<const std::byte, 16> destination,
                                        std::uint8_t next_header,
                                        std::span<const std::byte> message);

}  // namespace netdiag::wire
