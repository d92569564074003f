// nd-dns: resolve a name from the root servers down, one query at a time, and show every step.
#include <signal.h>
#include <unistd.h>

#include <fmt/format.h>

#include <atomic>
#include <cstdio>
#include <sstream>

#include "common/tool_main.hpp"
#include "dns/options.hpp"
#include "netdiag/io/text_file.hpp"
#include "netdiag/privilege/capabilities.hpp"
#include "netdiag/render/dns_json.hpp"
#include "netdiag/render/dns_text.hpp"

namespace {

using namespace netdiag;
using namespace netdiag::tools;

// Batch files and root hints are small text files; anything bigger is a mistake.
constexpr std::size_t kMaxFileBytes = 16 * 1024 * 1024;

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) { g_stop.store(true); }

// SIGINT and SIGTERM end the query in flight (poll() returns EINTR: no SA_RESTART) and the
// resolution with it; the report printed is complete.
void catch_signals() {
  struct sigaction action{};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

std::string read_file(const std::string& flag, const std::string& path) {
  auto text = read_text_file(path, kMaxFileBytes);
  if (!text && text.error() == TextFileError::too_large) {
    throw UsageError{fmt::format("{} {}: larger than 16 MiB; give a smaller file", flag, path)};
  }
  if (!text) throw UsageError{fmt::format("{} {}: cannot read it; give a readable file", flag, path)};
  return std::move(*text);
}

// -f: one name a line, optionally followed by a type; blank lines and '#' / ';' comments skipped.
std::vector<wire::DnsQuestion> read_batch(const std::string& path, std::uint16_t default_type) {
  std::vector<wire::DnsQuestion> questions;
  std::istringstream lines(read_file("-f", path));
  std::size_t number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (const auto comment = line.find_first_of("#;"); comment != std::string::npos) line.resize(comment);
    std::istringstream fields(line);
    std::string name;
    std::string type;
    std::string extra;
    if (!(fields >> name)) continue;
    fields >> type >> extra;
    try {
      if (!extra.empty()) throw UsageError{fmt::format("unexpected '{}': give NAME [TYPE]", extra)};
      questions.push_back({parse_name(name), type.empty() ? default_type : parse_type(type), wire::dns_class_in});
    } catch (const UsageError& error) {
      throw UsageError{fmt::format("-f {} line {}: {}", path, number, error.message)};
    }
  }
  if (questions.empty()) throw UsageError{fmt::format("-f {}: no names in it; give one name a line", path)};
  return questions;
}

std::string start_text(const DnsOptions& options, const dns::ResolverConfig& config) {
  if (options.stub_server) return fmt::format("stub query to {}", options.stub_server->to_string());
  if (options.start_server) return fmt::format("iterative from {}", options.start_server->to_string());
  std::string text = fmt::format("iterative from {} root servers", config.root_hints.size());
  if (options.root_hints_file) text += fmt::format(" ({})", *options.root_hints_file);
  if (!config.qname_minimisation) text += ", no QNAME minimisation";
  return text;
}

int run(int argc, char** argv) {
  const auto command = parse_dns_options(argc, argv);
  if (!command.options) {
    fmt::print("{}", command.print);
    return kExitOk;
  }
  DnsOptions options = *command.options;
  // nd-dns needs no privilege: ordinary UDP and TCP sockets to port 53.
  drop_all_capabilities();

  dns::ResolverConfig config = options.resolver;
  if (options.root_hints_file) {
    std::string error;
    auto hints = dns::parse_root_hints(read_file("--root-hints", *options.root_hints_file), error);
    if (!hints) throw UsageError{fmt::format("--root-hints {}: {}", *options.root_hints_file, error)};
    config.root_hints = std::move(*hints);
  } else if (options.start_server) {
    config.root_hints = {dns::NameServerHint{std::nullopt, {*options.start_server}}};
  } else {
    config.root_hints = dns::iana_root_hints();
  }
  std::vector<wire::DnsQuestion> questions;
  if (options.batch_file) questions = read_batch(*options.batch_file, options.default_type);
  else questions.push_back(*options.question);

  catch_signals();
  DnsTextRenderer text(stdout, {options.text.records, options.text.short_form, options.text.quiet,
                                use_color(options.color, STDOUT_FILENO)});
  std::size_t step_number = 0;
  const wire::DnsQuestion* resolving = nullptr;
  dns::Resolver::StepObserver on_step;
  if (options.format == DnsOutput::text) {
    on_step = [&](const DnsStep& step) { text.step(step, ++step_number); };
  } else if (options.format == DnsOutput::ndjson) {
    on_step = [&](const DnsStep& step) {
      fmt::print("{}\n", render_dns_step_ndjson(*resolving, step, ++step_number));
      std::fflush(stdout);
    };
  }
  const DnsSocketTransport transport(options.transport, g_stop);
  dns::Resolver resolver(config, [&](const dns::DnsQuery& query) { return transport(query); },
                         [] { return std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now()); },
                         on_step);

  const auto started = std::chrono::steady_clock::now();
  std::vector<DnsReport> reports;
  std::uint32_t queries_sent = 0;
  int status = kExitOk;
  for (const wire::DnsQuestion& question : questions) {
    if (g_stop.load()) break;
    resolving = &question;
    step_number = 0;
    if (options.format == DnsOutput::text) {
      if (reports.size() > 0 && !options.text.short_form) fmt::print("\n");
      text.header(question, start_text(options, config));
    }
    const WallTime now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
    DnsReport report = options.stub_server ? resolver.ask_recursive(question, *options.stub_server, now)
                                           : resolver.resolve(question, now);
    queries_sent += report.queries_sent;
    if (exit_status(report) != kExitOk) status = kExitNoAnswer;
    switch (options.format) {
      case DnsOutput::text: text.summary(report); break;
      case DnsOutput::ndjson:
        fmt::print("{}\n", render_dns_summary_ndjson(report));
        std::fflush(stdout);
        break;
      case DnsOutput::json:
        if (!options.batch_file) fmt::print("{}\n", render_dns_json(report));
        break;
    }
    reports.push_back(std::move(report));
  }
  const Duration elapsed = std::chrono::steady_clock::now() - started;
  if (options.batch_file) {
    if (options.format == DnsOutput::json) fmt::print("{}\n", render_dns_batch_json(reports, queries_sent, elapsed));
    if (options.format == DnsOutput::text && !options.text.short_form) {
      std::size_t answered = 0;
      for (const auto& report : reports) answered += report.result == DnsResult::answer ? 1 : 0;
      fmt::print("\n;; batch: {} of {} names answered, {} queries in {:.1f} ms\n", answered, questions.size(),
                 queries_sent, to_ms(elapsed));
    }
  }
  if (reports.size() < questions.size()) status = kExitNoAnswer;
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  return netdiag::tools::run_tool("nd-dns", [&] { return run(argc, argv); });
}
