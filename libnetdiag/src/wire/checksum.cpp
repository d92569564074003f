#include "netdiag/wire/checksum.hpp"

namespace netdiag::wire {

namespace {

// Folds a 64-bit one's complement sum until it fits in 32 bits without changing its value
// modulo 0xffff.
std::uint32_t fold_to_32(std::uint64_t sum) {
  while (sum > 0xffffffffU) sum = (sum & 0xffffU) + (sum >> 16);
  return static_cast<std::uint32_t>(sum);
}

}  // namespace

std::uint32_t checksum_accumulate(std::span<const std::byte> data, std::uint32_t sum) {
  std::uint64_t total = sum;
  std::size_t i = 0;
  for (; i + 1 < data.size(); i += 2) {
    total += (std::to_integer<std::uint64_t>(data[i]) << 8) | std::to_integer<std::uint64_t>(data[i + 1]);
  }
  if (i < data.size()) total += std::to_integer<std::uint64_t>(data[i]) << 8;
  return fold_to_32(total);
}

std::uint16_t checksum_fold(std::uint32_t sum) {
  while (sum > 0xffffU) sum = (sum & 0xffffU) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum & 0xffffU);
}

std::uint16_t internet_checksum(std::span<const std::byte> data) {
  return checksum_fold(checksum_accumulate(data));
}

std::uint16_t ipv6_upper_layer_checksum(std::span<const std::byte, 16> source,
                                        std::span<const std::byte, 16> destination,
                                        std::uint8_t next_header,
                                        std::span<const std::byte> message) {
  std::uint32_t sum = checksum_accumulate(source);
  sum = checksum_accumulate(destination, sum);
  const std::uint64_t length = message.size();
  std::uint64_t pseudo = std::uint64_t{sum} + ((length >> 16) & 0xffffU) + (length & 0xffffU) + next_header;
  sum = fold_to_32(pseudo);
  return checksum_fold(checksum_accumulate(message, sum));
}

}  // namespace netdiag::wire
