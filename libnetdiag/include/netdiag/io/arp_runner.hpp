// Drives an ArpEngine on an ArpSocket until the run ends, the deadline passes, or SIGINT/SIGTERM
// arrives.
#pragma once

#include "netdiag/io/arp_socket.hpp"
#include "netdiag/model/arp_report.hpp"
#include "netdiag/privilege/capabilities.hpp"
#include "netdiag/probe/arp_engine.hpp"

#include <functional>

namespace netdiag {

struct ArpRunCallbacks {
  // An answer counted; the report is the running one (the tool adds the MAC's vendor to it).
  std::function<void(ArpReport&, const ArpAnswer&)> on_answer;
  std::function<void(const ArpReport&)> on_sent;
};

// `report` comes with its mode, interface, source and targets set; it is returned finalized.
ArpReport run_arp(Unprivileged<ArpSocket>& socket, ArpReport report, const ArpConfig& config,
                  const ArpRunCallbacks& callbacks);

}  // namespace netdiag
