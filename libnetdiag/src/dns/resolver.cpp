#include "netdiag/dns/resolver.hpp"

#include <algorithm>
#include <utility>

#include "netdiag/wire/dns_rdata.hpp"

namespace netdiag::dns {
namespace {

using wire::DnsName;
using wire::DnsQuestion;
using wire::DnsRecord;
namespace dns_type = wire::dns_type;

std::string server_text(const std::optional<DnsName>& name, const IpAddress& address) {
  return name ? name->to_text() + " (" + address.to_string() + ")" : address.to_string();
}

void add_records(DnsStep& step, DnsSection section, const std::vector<DnsRecord>& records) {
  for (const DnsRecord& record : records) step.records.push_back(DnsStepRecord{section, record});
}

// Fills `step` (already holding the zone, server, query and transport) from what one query
// brought back, and returns what that means. A query without a usable response (silence, a
// network error, bytes that do not parse) means a server failure with the same detail.
ResponseClass read_exchange(const DnsExchange& exchange, ResponseMode mode, DnsStep& step) {
  ResponseClass meaning;
  step.rtt = exchange.rtt;
  step.response_bytes = exchange.response.size();
  if (exchange.status == DnsExchange::Status::timeout) {
    meaning.outcome = DnsOutcome::timeout;
    meaning.detail = "no response";
    if (exchange.rejected > 0) meaning.detail += " (" + std::to_string(exchange.rejected) + " unrelated messages ignored)";
  } else if (exchange.status == DnsExchange::Status::network_error) {
    meaning.outcome = DnsOutcome::network_error;
    meaning.detail = exchange.error;
  } else if (auto message = wire::parse_dns_message(exchange.response); !message) {
    meaning.outcome = DnsOutcome::malformed;
    meaning.detail = "malformed response: " + std::string(wire::to_string(message.error()));
  } else {
    step.header = message->header;
    meaning = classify_response(*message, step.zone, step.query, step.transport, mode);
    add_records(step, DnsSection::answer, message->answers);
    add_records(step, DnsSection::authority, message->authority);
    add_records(step, DnsSection::additional, message->additional);
  }
  step.outcome = meaning.outcome;
  step.detail = meaning.detail;
  return meaning;
}

}  // namespace

// One top-level resolution: its report, its query budget, the name servers being looked up
// (to see a delegation loop), and whether SIGINT stopped it.
struct Resolver::Resolution {
  DnsReport& report;
  unsigned budgeted_queries = 0;
  std::vector<DnsName> lookups;
  bool interrupted = false;
  std::string budget_failure;  // set once the budget ran out
  std::set<DnsName> audited_zones;
};

struct Resolver::Outcome {
  DnsResult result = DnsResult::servfail;
  std::vector<DnsRecord> answer;
  std::vector<DnsRecord> authority;
  DnsName final_name;
  std::string failure;
};

// What asking a zone gave: the response that settled it (classified), or why none did.
struct Resolver::Asked {
  bool ok = false;
  ResponseClass response;
  std::string failure;
  std::size_t step_index = 0;  // in the report: the step of that response
};

Resolver::Resolver(ResolverConfig config, QueryFunction query, Clock now, StepObserver on_step)
    : config_(std::move(config)), query_(std::move(query)), now_(std::move(now)), on_step_(std::move(on_step)) {
  Delegation root;
  for (const NameServerHint& hint : config_.root_hints) root.servers.push_back(NameServer{hint.name, hint.addresses});
  root.expires = MonoTime::max();
  delegations_[DnsName{}] = std::move(root);
}

DnsReport Resolver::resolve(const DnsQuestion& question, WallTime started_at) {
  DnsReport report;
  report.question = question;
  report.started_at = started_at;
  const MonoTime start = now_();
  Resolution run{report, 0, {}, false, {}, {}};
  Outcome outcome = resolve_name(run, question.name, question.type, 0, std::nullopt);
  report.result = run.interrupted ? DnsResult::interrupted : outcome.result;
  report.answer = std::move(outcome.answer);
  report.authority = std::move(outcome.authority);
  report.final_name = outcome.final_name;
  report.failure = run.interrupted ? "interrupted" : std::move(outcome.failure);
  report.elapsed = now_() - start;
  return report;
}

DnsReport Resolver::ask_recursive(const DnsQuestion& question, const IpAddress& server, WallTime started_at) {
  DnsReport report;
  report.question = question;
  report.iterative = false;
  report.started_at = started_at;
  report.final_name = question.name;
  const MonoTime start = now_();
  report.result = DnsResult::servfail;
  std::vector<std::string> failures;
  for (unsigned attempt = 0; attempt < std::max(1U, config_.tries); ++attempt) {
    DnsTransport transport = config_.tcp_only ? DnsTransport::tcp : DnsTransport::udp;
    for (;;) {
      DnsStep step;
      step.zone = DnsName{};
      step.server = DnsServer{std::nullopt, server};
      step.query = question;
      step.transport = transport;
      const DnsExchange exchange = query_(DnsQuery{server, question, transport, true, config_.edns_udp_size});
      if (exchange.status == DnsExchange::Status::interrupted) {
        report.result = DnsResult::interrupted;
        report.failure = "interrupted";
        report.elapsed = now_() - start;
        return report;
      }
      ++report.queries_sent;
      const ResponseClass meaning = read_exchange(exchange, ResponseMode::stub, step);
      report.steps.push_back(step);
      if (on_step_) on_step_(report.steps.back());
      if (step.outcome == DnsOutcome::truncated) {
        transport = DnsTransport::tcp;
        continue;
      }
      if (!is_server_failure(meaning.outcome)) {
        report.answer = meaning.chain;
        report.answer.insert(report.answer.end(), meaning.answer.begin(), meaning.answer.end());
        report.authority = meaning.soa;
        report.final_name = meaning.next_name;
        switch (meaning.outcome) {
          case DnsOutcome::answer: report.result = DnsResult::answer; break;
          case DnsOutcome::nxdomain: report.result = DnsResult::nxdomain; break;
          case DnsOutcome::nodata: report.result = DnsResult::nodata; break;
          default:
            // A chain the server did not finish: a recursive server should have.
            report.result = DnsResult::servfail;
            report.failure = "the server left the alias chain unfinished at " + meaning.next_name.to_text();
        }
        report.elapsed = now_() - start;
        return report;
      }
      failures.push_back(step.detail);
      break;
    }
    if (report.steps.back().outcome != DnsOutcome::timeout &&
        report.steps.back().outcome != DnsOutcome::network_error) {
      break;
    }
  }
  report.failure = "no usable answer from " + server.to_string() + ": " + failures.back();
  report.elapsed = now_() - start;
  return report;
}

Resolver::Outcome Resolver::resolve_name(Resolution& run, const DnsName& name, std::uint16_t type, unsigned depth,
                                         const std::optional<DnsName>& for_server) {
  Outcome total;
  std::vector<DnsName> seen{name};
  DnsName current = name;
  for (unsigned restarts = 0;; ++restarts) {
    Outcome step = resolve_once(run, current, type, depth, for_server);
    total.answer.insert(total.answer.end(), step.answer.begin(), step.answer.end());
    total.authority = std::move(step.authority);
    total.final_name = step.final_name;
    total.result = step.result;
    total.failure = std::move(step.failure);
    if (total.result != DnsResult::answer || step.final_name == current) return total;
    // The answer ended in an alias whose target needs a new resolution.
    const bool has_data = std::any_of(step.answer.begin(), step.answer.end(), [&](const DnsRecord& r) {
      return r.type == type && r.name == step.final_name;
    });
    if (has_data) return total;
    if (std::find(seen.begin(), seen.end(), step.final_name) != seen.end()) {
      total.result = DnsResult::servfail;
      total.failure = "CNAME/DNAME loop: " + step.final_name.to_text() + " comes back to itself";
      return total;
    }
    if (restarts + 1 > config_.max_restarts) {
      total.result = DnsResult::servfail;
      total.failure = "CNAME/DNAME chain longer than " + std::to_string(config_.max_restarts) + " restarts at " +
                      step.final_name.to_text();
      return total;
    }
    seen.push_back(step.final_name);
    current = step.final_name;
  }
}

Resolver::Outcome Resolver::resolve_once(Resolution& run, const DnsName& name, std::uint16_t type, unsigned depth,
                                         const std::optional<DnsName>& for_server) {
  if (auto cached = cached_answer(run, name, type, depth, for_server)) return std::move(*cached);
  Outcome out;
  out.final_name = name;
  auto [zone, delegation] = closest_delegation(name, type);
  unsigned referrals = 0;
  unsigned minimised_queries = 0;
  std::size_t asked_labels = zone.label_count();
  for (;;) {
    // RFC 9156: the next name to ask this zone about. Labels known not to be zone cuts are
    // skipped; the last query is the real question.
    bool minimised = false;
    DnsQuestion question{name, type, wire::dns_class_in};
    const std::size_t total_labels = name.label_count();
    // A DS record lives on the parent side of a cut (RFC 4035 section 3.1.4.1): it is asked of
    // the zone above `name`, never minimised below it.
    const std::size_t last_label = type == dns_type::ds && total_labels > 0 ? total_labels - 1 : total_labels;
    if (config_.qname_minimisation && asked_labels + 1 < last_label && minimised_queries < kMaxMinimiseCount) {
      std::size_t labels = asked_labels + 1;
      if (minimised_queries >= kMinimiseOneLabel) {
        const std::size_t remaining = last_label - asked_labels;
        const std::size_t queries_left = kMaxMinimiseCount - minimised_queries;
        labels = asked_labels + std::max<std::size_t>(1, remaining / queries_left);
      }
      while (labels < last_label && non_cuts_.contains(name.ancestor(labels))) ++labels;
      if (labels < total_labels) {
        question = DnsQuestion{name.ancestor(labels), dns_type::a, wire::dns_class_in};
        minimised = true;
        ++minimised_queries;
      }
    }

    const Asked asked = ask_zone(run, zone, *delegation, question, minimised, depth, for_server);
    if (run.interrupted) {
      out.result = DnsResult::servfail;
      return out;
    }
    if (!asked.ok) {
      out.result = DnsResult::servfail;
      out.failure = asked.failure;
      return out;
    }
    const ResponseClass& response = asked.response;
    if (response.outcome == DnsOutcome::referral) {
      if (++referrals > config_.max_referrals) {
        out.failure = "more than " + std::to_string(config_.max_referrals) + " referrals for " + name.to_text() +
                      " (last to " + response.child_zone.to_text() + ")";
        return out;
      }
      learn_delegation(response);
      zone = response.child_zone;
      delegation = &delegations_[zone];
      asked_labels = std::max(asked_labels, zone.label_count());
      continue;
    }
    if (minimised) {
      if (response.outcome == DnsOutcome::nxdomain) {
        // RFC 8020: nothing exists below a name that does not exist.
        out.result = DnsResult::nxdomain;
        out.authority = response.soa;
        out.final_name = name;
        return out;
      }
      // An answer, NODATA or alias for an ancestor: it exists, and is no zone cut.
      non_cuts_.insert(question.name);
      asked_labels = question.name.label_count();
      continue;
    }
    out.answer = response.chain;
    out.answer.insert(out.answer.end(), response.answer.begin(), response.answer.end());
    out.final_name = response.next_name;
    switch (response.outcome) {
      case DnsOutcome::answer:
      case DnsOutcome::cname:
      case DnsOutcome::dname: out.result = DnsResult::answer; break;
      case DnsOutcome::nxdomain:
        out.result = DnsResult::nxdomain;
        out.authority = response.soa;
        break;
      default:
        out.result = DnsResult::nodata;
        out.authority = response.soa;
        break;
    }
    remember_answer(name, type, out, run.report.steps[asked.step_index]);
    return out;
  }
}

std::optional<Resolver::Outcome> Resolver::cached_answer(Resolution& run, const DnsName& name, std::uint16_t type,
                                                         unsigned depth, const std::optional<DnsName>& for_server) {
  const auto found = answers_.find({name, type});
  if (found == answers_.end()) return std::nullopt;
  const MonoTime now = now_();
  if (found->second.expires <= now) {
    answers_.erase(found);
    return std::nullopt;
  }
  const CachedAnswer& cached = found->second;
  const auto age = static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(now - cached.stored).count());
  const auto aged = [age](std::vector<DnsRecord> records) {
    for (DnsRecord& record : records) record.ttl -= std::min(record.ttl, age);
    return records;
  };
  DnsStep step = cached.step;
  step.cached = true;
  step.rtt.reset();
  step.response_bytes = 0;
  step.depth = depth;
  step.for_server = for_server;
  step.detail = "cached " + std::to_string(age) + " s ago: " + step.detail;
  for (DnsStepRecord& entry : step.records) entry.record.ttl -= std::min(entry.record.ttl, age);
  run.report.steps.push_back(std::move(step));
  if (on_step_) on_step_(run.report.steps.back());
  return Outcome{cached.result, aged(cached.answer), aged(cached.authority), cached.final_name, {}};
}

void Resolver::remember_answer(const DnsName& name, std::uint16_t type, const Outcome& outcome, const DnsStep& step) {
  if (config_.all_servers) return;
  std::optional<std::uint32_t> ttl;
  const auto limit = [&ttl](std::uint32_t seconds) { ttl = std::min(ttl.value_or(seconds), seconds); };
  for (const DnsRecord& record : outcome.answer) limit(record.ttl);
  // RFC 2308 section 5: a negative answer lives for the SOA record's TTL or its MINIMUM field,
  // whichever is less; without a SOA it is not cached at all.
  if (outcome.result != DnsResult::answer) {
    const auto soa = std::find_if(outcome.authority.begin(), outcome.authority.end(),
                                  [](const DnsRecord& record) { return wire::dns_record_soa(record).has_value(); });
    if (soa == outcome.authority.end()) return;
    limit(std::min(soa->ttl, wire::dns_record_soa(*soa)->minimum));
  }
  if (!ttl || *ttl == 0) return;
  const MonoTime now = now_();
  answers_[{name, type}] = CachedAnswer{outcome.result, outcome.answer, outcome.authority, outcome.final_name,
                                        step, now, now + std::chrono::seconds(*ttl)};
}

bool Resolver::is_silent(const IpAddress& address) const {
  const auto found = silent_until_.find(address);
  return found != silent_until_.end() && found->second > now_();
}

std::pair<DnsName, Resolver::Delegation*> Resolver::closest_delegation(const DnsName& name, std::uint16_t type) {
  const MonoTime now = now_();
  const std::size_t labels = name.label_count();
  const std::size_t deepest = type == dns_type::ds && labels > 0 ? labels - 1 : labels;
  for (std::size_t count = deepest;; --count) {
    const DnsName zone = name.ancestor(count);
    const auto found = delegations_.find(zone);
    if (found != delegations_.end() && found->second.expires > now && !found->second.servers.empty()) {
      return {zone, &found->second};
    }
    if (count == 0) break;
  }
  return {DnsName{}, &delegations_[DnsName{}]};
}

void Resolver::learn_delegation(const ResponseClass& referral) {
  const MonoTime now = now_();
  Delegation delegation;
  delegation.expires = now + std::chrono::seconds(std::max<std::uint32_t>(referral.delegation_ttl, 1));
  for (const DnsName& ns : referral.name_servers) {
    NameServer server{ns, {}};
    for (const Glue& glue : referral.glue) {
      if (glue.name == ns) server.addresses.push_back(glue.address);
    }
    if (!server.addresses.empty()) {
      addresses_[ns] = {server.addresses, now + std::chrono::seconds(std::max<std::uint32_t>(referral.delegation_ttl, 1))};
    }
    delegation.servers.push_back(std::move(server));
  }
  delegations_[referral.child_zone] = std::move(delegation);
}

std::vector<IpAddress> Resolver::usable(const std::vector<IpAddress>& addresses) const {
  std::vector<IpAddress> out;
  const auto take = [&](Family family) {
    for (const IpAddress& address : addresses) {
      if (address.family() == family) out.push_back(address);
    }
  };
  // IPv4 first: a host without IPv6 connectivity fails those at once (network unreachable),
  // but some sites drop IPv6 silently, which would cost a timeout per server.
  if (config_.use_ipv4) take(Family::ipv4);
  if (config_.use_ipv6) take(Family::ipv6);
  return out;
}

Resolver::Asked Resolver::ask_zone(Resolution& run, const DnsName& zone, Delegation delegation,
                                   const DnsQuestion& question, bool minimised, unsigned depth,
                                   const std::optional<DnsName>& for_server) {
  // `delegation` is a copy: a name-server lookup below may learn this zone's delegation again.
  Asked result;
  std::vector<std::string> reasons;  // per server, for the failure sentence
  std::set<std::size_t> given_up;    // servers (indexes) not to ask again
  std::map<std::size_t, std::size_t> first_address;  // per server: where its rotation starts
  const unsigned rounds = std::max(1U, config_.tries);
  // The zone's servers in their order, those silent lately at any address after the others: a
  // host that does not answer at one address seldom answers at its other.
  std::vector<std::size_t> order(delegation.servers.size());
  for (std::size_t index = 0; index < order.size(); ++index) order[index] = index;
  std::stable_partition(order.begin(), order.end(), [&](std::size_t index) {
    const std::vector<IpAddress> addresses = usable(delegation.servers[index].addresses);
    return std::none_of(addresses.begin(), addresses.end(), [&](const IpAddress& a) { return is_silent(a); });
  });
  // Asks server `index` once, in round `round` at its next address (so a silent IPv4 address is
  // followed by the IPv6 one next round); true when it settled the question. Only silence and
  // network errors leave a server another chance; a lame, REFUSED, SERVFAIL or garbled answer
  // is the server's, not its address's, and it is not asked again.
  const auto try_server = [&](std::size_t index, const NameServer& server, unsigned round, bool& asked_any) {
    const std::vector<IpAddress> addresses = usable(server.addresses);
    if (given_up.contains(index) || addresses.empty()) return false;
    // Round 0 starts at the first address not silent lately; each round moves on by one.
    const auto first = first_address.try_emplace(index, [&] {
      const auto heard = std::find_if(addresses.begin(), addresses.end(), [&](const IpAddress& a) { return !is_silent(a); });
      return heard == addresses.end() ? 0 : static_cast<std::size_t>(heard - addresses.begin());
    }()).first;
    const IpAddress& address = addresses[(first->second + round) % addresses.size()];
    if (const auto bad = bad_servers_.find({zone, address}); bad != bad_servers_.end()) {
      reasons.push_back(server_text(server.name, address) + ": " + bad->second + " (earlier)");
      given_up.insert(index);
      return false;
    }
    if (!run.budget_failure.empty()) return false;
    asked_any = true;
    result = ask_server(run, zone, server.name, address, question, minimised, depth, for_server, true);
    if (run.interrupted) return false;
    if (result.ok) {
      silent_until_.erase(address);
      return true;
    }
    const DnsOutcome outcome = result.response.outcome;
    const bool retry = outcome == DnsOutcome::timeout || outcome == DnsOutcome::network_error;
    if (retry) silent_until_[address] = now_() + kSilentServerMemory;
    if (!retry || round + 1 == rounds) reasons.push_back(server_text(server.name, address) + ": " + result.failure);
    if (!retry) {
      given_up.insert(index);
      if (run.budget_failure.empty()) {
        for (const IpAddress& other : server.addresses) bad_servers_[{zone, other}] = result.response.detail;
      }
    }
    return false;
  };
  const auto settled = [&]() {
    if (result.ok && config_.all_servers && depth == 0) {
      audit_zone(run, zone, delegation, question, minimised, result, depth);
    }
    return result;
  };
  for (unsigned round = 0; round < rounds; ++round) {
    bool asked_any = false;
    // First every server whose address is known; only when they all failed, in the first
    // round, the others are looked up (a glueless delegation) one at a time.
    std::vector<std::size_t> glueless;
    for (const std::size_t index : order) {
      if (delegation.servers[index].addresses.empty()) {
        glueless.push_back(index);
        continue;
      }
      if (try_server(index, delegation.servers[index], round, asked_any)) return settled();
      if (run.interrupted) return result;
    }
    for (const std::size_t index : glueless) {
      NameServer& server = delegation.servers[index];
      if (round > 0 || !server.name || !run.budget_failure.empty()) continue;
      if (const auto why = find_addresses(run, server, depth)) {
        if (run.interrupted) return result;
        reasons.push_back(server.name->to_text() + ": " + *why);
        continue;
      }
      if (try_server(index, server, round, asked_any)) return settled();
      if (run.interrupted) return result;
    }
    if (!run.budget_failure.empty()) {
      result.ok = false;
      result.failure = run.budget_failure;
      return result;
    }
    if (!asked_any) break;
  }
  std::string list;
  for (const std::string& reason : reasons) list += (list.empty() ? "" : "; ") + reason;
  if (delegation.servers.empty()) list = "no name servers";
  result.ok = false;
  result.failure = "no server of " + zone.to_text() + " answered " + question.name.to_text() + " " +
                   wire::dns_type_to_text(question.type) + (list.empty() ? "" : ": " + list);
  return result;
}

Resolver::Asked Resolver::ask_server(Resolution& run, const DnsName& zone, const std::optional<DnsName>& server_name,
                                     const IpAddress& address, const DnsQuestion& question, bool minimised,
                                     unsigned depth, const std::optional<DnsName>& for_server,
                                     bool counts_against_budget) {
  Asked result;
  DnsTransport transport = config_.tcp_only ? DnsTransport::tcp : DnsTransport::udp;
  for (;;) {
    if (counts_against_budget && run.budgeted_queries >= config_.max_queries) {
      run.budget_failure = "query budget of " + std::to_string(config_.max_queries) + " spent at zone " +
                           zone.to_text() + " asking " + question.name.to_text() + " " +
                           wire::dns_type_to_text(question.type);
      result.failure = run.budget_failure;
      return result;
    }
    if (counts_against_budget) ++run.budgeted_queries;
    DnsStep step;
    step.zone = zone;
    step.server = DnsServer{server_name, address};
    step.query = question;
    step.transport = transport;
    step.minimised = minimised;
    step.depth = depth;
    step.for_server = for_server;
    const DnsExchange exchange = query_(DnsQuery{address, question, transport, false, config_.edns_udp_size});
    if (exchange.status == DnsExchange::Status::interrupted) {
      run.interrupted = true;
      return result;
    }
    ++run.report.queries_sent;
    ResponseClass& meaning = result.response;
    meaning = read_exchange(exchange, ResponseMode::iterative, step);
    run.report.steps.push_back(std::move(step));
    result.step_index = run.report.steps.size() - 1;
    if (on_step_) on_step_(run.report.steps.back());
    if (meaning.outcome == DnsOutcome::truncated) {
      transport = DnsTransport::tcp;
      continue;
    }
    result.ok = !is_server_failure(meaning.outcome);
    if (!result.ok) result.failure = meaning.detail;
    return result;
  }
}

std::optional<std::string> Resolver::find_addresses(Resolution& run, NameServer& server, unsigned depth) {
  const DnsName& name = *server.name;
  const MonoTime now = now_();
  if (const auto cached = addresses_.find(name); cached != addresses_.end() && cached->second.second > now) {
    server.addresses = cached->second.first;
    return std::nullopt;
  }
  if (std::find(run.lookups.begin(), run.lookups.end(), name) != run.lookups.end()) {
    std::string cycle;
    for (const DnsName& lookup : run.lookups) cycle += lookup.to_text() + " -> ";
    return "delegation loop: finding " + name.to_text() + " needs " + cycle + name.to_text();
  }
  if (depth + 1 > config_.max_lookup_depth) {
    return "name-server lookups nested deeper than " + std::to_string(config_.max_lookup_depth);
  }
  run.lookups.push_back(name);
  std::vector<IpAddress> found;
  std::string failure;
  std::vector<std::uint16_t> types;
  if (config_.use_ipv4) types.push_back(dns_type::a);
  if (config_.use_ipv6) types.push_back(dns_type::aaaa);
  for (const std::uint16_t type : types) {
    Outcome lookup = resolve_name(run, name, type, depth + 1, name);
    if (run.interrupted) break;
    for (const DnsRecord& record : lookup.answer) {
      if (record.type != type) continue;
      if (const auto address = wire::dns_record_address(record)) found.push_back(*address);
    }
    if (lookup.result == DnsResult::nxdomain) failure = "the name server's name does not exist";
    // A failure to reach the name's zone fails the other address type the same way.
    if (lookup.result == DnsResult::servfail) failure = lookup.failure;
    if (!found.empty() || lookup.result == DnsResult::servfail || lookup.result == DnsResult::nxdomain) break;
  }
  run.lookups.pop_back();
  if (found.empty()) return failure.empty() ? "no address" : failure;
  server.addresses = found;
  addresses_[name] = {found, now_() + std::chrono::hours(1)};
  return std::nullopt;
}

void Resolver::audit_zone(Resolution& run, const DnsName& zone, const Delegation& delegation,
                          const DnsQuestion& question, bool minimised, const Asked& first, unsigned depth) {
  // The meaning of a response, as one comparable string.
  const auto summary = [](const ResponseClass& response) {
    std::vector<std::string> parts;
    if (response.outcome == DnsOutcome::referral) {
      for (const DnsName& ns : response.name_servers) parts.push_back(ns.to_text());
    } else {
      for (const DnsRecord& record : response.chain) parts.push_back(wire::dns_record_to_text(record));
      for (const DnsRecord& record : response.answer) {
        parts.push_back(wire::dns_rdata_to_text(record.type, record.rdata));
      }
    }
    std::sort(parts.begin(), parts.end());
    std::string text(to_string(response.outcome));
    if (response.outcome == DnsOutcome::referral) text += " to " + response.child_zone.to_text();
    for (const std::string& part : parts) text += (text.empty() ? "" : " ") + part;
    return text;
  };
  const std::string expected = summary(first.response);
  const std::string subject = question.name.to_text() + " " + wire::dns_type_to_text(question.type);
  const auto serial_of = [&](const std::optional<DnsName>& name, const IpAddress& address) -> std::optional<std::uint32_t> {
    const Asked soa =
        ask_server(run, zone, name, address, DnsQuestion{zone, dns_type::soa, wire::dns_class_in}, false, depth, {}, false);
    for (const DnsRecord& record : soa.response.answer) {
      if (const auto data = wire::dns_record_soa(record)) return data->serial;
    }
    return std::nullopt;
  };
  const bool check_serials = run.audited_zones.insert(zone).second;
  std::map<std::uint32_t, std::vector<std::string>> serials;
  const IpAddress answered = run.report.steps.back().server.address;
  for (const NameServer& server : delegation.servers) {
    for (const IpAddress& address : usable(server.addresses)) {
      if (run.interrupted) return;
      const std::string who = server_text(server.name, address);
      if (address != answered) {
        const Asked other = ask_server(run, zone, server.name, address, question, minimised, depth, {}, false);
        if (run.interrupted) return;
        if (!other.ok) {
          run.report.disagreements.push_back(zone.to_text() + ": " + who + " failed on " + subject + ": " + other.failure);
        } else if (const std::string got = summary(other.response); got != expected) {
          run.report.disagreements.push_back(zone.to_text() + ": " + who + " says " + got + " for " + subject +
                                             ", the first server said " + expected);
        }
      }
      if (check_serials) {
        if (const auto serial = serial_of(server.name, address)) serials[*serial].push_back(who);
      }
    }
  }
  if (serials.size() > 1) {
    std::string text = zone.to_text() + ": SOA serials differ:";
    for (const auto& [serial, servers] : serials) {
      text += " " + std::to_string(serial) + " at";
      for (const std::string& who : servers) text += " " + who;
      text += ";";
    }
    text.pop_back();
    run.report.disagreements.push_back(text);
  }
}

}  // namespace netdiag::dns
