// Plain result structs of an nd-arp run: the answers that counted, per address the MACs that
// answered for it, and the conflicts found. Statistics and conflicts are computed once, by
// finalize().
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/model/rtt_statistics.hpp"
#include "netdiag/wire/ethernet.hpp"

namespace netdiag {

// ping: who has the target (arping's default); dad: is the address free (-D, RFC 5227);
// announce: tell the link (-U, -A); scan: every address of a range (--scan, --localnet).
enum class ArpMode : std::uint8_t { ping, dad, announce, scan };
std::string_view to_string(ArpMode mode);

struct ArpInterface {
  std::string name;
  int index = 0;
  wire::MacAddress mac{};
  std::optional<IpAddress> address;  // its first IPv4 address
  unsigned prefix_length = 0;
};

// One ARP packet that counted: in ping and scan modes a reply to one of our requests; in dad and
// announce modes a packet of another host claiming the address, or probing for it.
struct ArpAnswer {
  std::size_t target = 0;        // index into ArpReport::targets
  wire::MacAddress mac{};        // the sender hardware address
  std::uint16_t operation = 2;   // wire::arp_operation: reply, or request (a claim, a probe)
  bool probe = false;            // an ARP probe (sender address 0.0.0.0) for the address
  bool to_broadcast = false;     // sent to the broadcast MAC, not to ours
  // The request of ours it answers (1-based) and how that request went; 0 when it answers none
  // of ours (a claim in dad or announce mode).
  std::uint64_t request = 0;
  bool request_broadcast = true;
  std::optional<Duration> rtt;   // kernel stamps: the answer's arrival minus the request's leaving
  WallTime received_at{};
  unsigned macs_for_address = 1;  // different MACs seen for the address so far, this one included
};

struct ArpHostMac {
  wire::MacAddress mac{};
  std::uint64_t answers = 0;
  std::optional<Duration> first_rtt;
};

// An address that answered, with every MAC that answered for it (more than one: a conflict).
struct ArpHost {
  std::vector<ArpHostMac> macs;
};

struct ArpConflict {
  // duplicate_address: one address, several MACs. several_addresses: one MAC answering for
  // several addresses (a multi-homed host, or a router doing proxy ARP).
  enum class Kind : std::uint8_t { duplicate_address, several_addresses } kind = Kind::duplicate_address;
  std::vector<IpAddress> addresses;  // one for duplicate_address
  std::vector<wire::MacAddress> macs;  // one for several_addresses
};

struct ArpReport {
  ArpMode mode = ArpMode::ping;
  ArpInterface interface;
  IpAddress source;                // the sender address of our packets (0.0.0.0 for dad)
  std::string target_spec;         // as given: an address, a CIDR, a range, a file
  std::vector<IpAddress> targets;  // in sending order
  // Scan: addresses of the range left out (this host's own).
  std::vector<IpAddress> skipped;
  WallTime started_at{};
  Duration elapsed{};
  bool interrupted = false;

  // What the run was asked for, for the summary and the exit status.
  std::optional<std::uint64_t> count;  // -c
  bool deadline_given = false;         // -w: with -c, count means replies wanted
  bool finish_on_reply = false;        // -f

  std::uint64_t requests_sent = 0;
  std::uint64_t broadcasts_sent = 0;
  std::uint64_t send_errors = 0;
  int last_send_errno = 0;
  std::uint64_t answers_received = 0;    // every ArpAnswer
  std::uint64_t broadcast_answers = 0;   // of which sent to the broadcast MAC
  std::uint64_t request_answers = 0;     // of which ARP requests (claims, probes)
  // Every answer in order; a long ping run that prints them as they come keeps none.
  bool keep_answers = true;
  std::vector<ArpAnswer> answers;
  std::map<std::size_t, ArpHost> hosts;  // by target index: the addresses that answered
  // Vendors of the MACs seen (from the IEEE registry), filled in by the tool.
  std::map<wire::MacAddress, std::string> vendors;

  // Computed by finalize():
  std::optional<RttStatistics> rtt;  // of the answers to our requests
  std::vector<ArpConflict> conflicts;

  // Counts and files `answer`, sets its macs_for_address, and returns it so.
  ArpAnswer add(ArpAnswer answer);
  void finalize();

 private:
  RttAccumulator rtt_samples_;
};

// What dad mode found: free only when probes went out, nobody claimed the address and the run
// was not interrupted before it could tell (unknown); contested when another host probed for it.
enum class DadResult : std::uint8_t { free, in_use, contested, unknown };
std::string_view to_string(DadResult result);
DadResult dad_result(const ArpReport& report);

// ping: 0 when a reply came (with -c and -w: when -c replies came); dad: 0 when the address is
// free; announce: 0; scan: 0 when any address answered. 1 otherwise (iputils arping's codes).
int exit_status(const ArpReport& report);

}  // namespace netdiag
