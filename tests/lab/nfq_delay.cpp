// nfq_delay — lab helper: delay every packet of one NFQUEUE by a fixed time, then accept it.
//
//   nfq_delay QUEUE_NUM DELAY_MS
//
// The kernel here has no sch_netem (and no nft "queue" expression), so the lab sends the packets
// it wants delayed to an NFQUEUE (iptables -j NFQUEUE, through xt/nft_compat) and this program,
// running in the same network namespace, holds each one for DELAY_MS before issuing NF_ACCEPT.
//
// Packets wait in a time-ordered queue (a FIFO: the delay is constant, so arrival order is due
// order) and one loop releases whatever is due, then sleeps with ppoll() until the next due time
// or the next packet. A burst therefore keeps its spacing instead of being serialised behind one
// sleep per packet. Only packet metadata is copied to user space.
//
// Prints "nfq_delay: queue N ready" on stdout once bound, so a harness can wait for it before
// installing the rules that queue packets. On SIGTERM/SIGINT every held packet is accepted at
// once and the queue is unbound. Test helper only: not installed.

#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string_view>

namespace {

volatile sig_atomic_t g_stop = 0;

extern "C" void on_signal(int) { g_stop = 1; }

using Nanos = std::int64_t;

Nanos now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<Nanos>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

struct Held {
  std::uint32_t id;
  Nanos due;
};

struct State {
  Nanos delay_ns = 0;
  std::deque<Held> held;  // ordered by due time (constant delay, monotonic clock)
  std::uint64_t received = 0;
  std::uint64_t released = 0;
};

extern "C" int on_packet(nfq_q_handle*, nfgenmsg*, nfq_data* nfa, void* data) {
  auto* state = static_cast<State*>(data);
  const nfqnl_msg_packet_hdr* hdr = nfq_get_msg_packet_hdr(nfa);
  if (hdr == nullptr) return 0;
  state->held.push_back(Held{ntohl(hdr->packet_id), now_ns() + state->delay_ns});
  ++state->received;
  return 0;
}

void release_due(nfq_q_handle* qh, State& state, Nanos now, bool all) {
  while (!state.held.empty() && (all || state.held.front().due <= now)) {
    if (nfq_set_verdict(qh, state.held.front().id, NF_ACCEPT, 0, nullptr) < 0) {
      std::fprintf(stderr, "nfq_delay: set_verdict: %s\n", std::strerror(errno));
    }
    state.held.pop_front();
    ++state.released;
  }
}

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr, "nfq_delay: %s\nusage: nfq_delay QUEUE_NUM DELAY_MS\n", why);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) usage("wrong number of arguments");
  const std::string_view queue_arg{argv[1]};
  unsigned queue_num = 0;
  if (auto [p, ec] = std::from_chars(queue_arg.data(), queue_arg.data() + queue_arg.size(), queue_num);
      ec != std::errc{} || p != queue_arg.data() + queue_arg.size() || queue_num > 65535) {
    usage("QUEUE_NUM must be 0..65535");
  }
  char* end = nullptr;
  const double delay_ms = std::strtod(argv[2], &end);
  if (end == argv[2] || *end != '\0' || !(delay_ms >= 0.0) || delay_ms > 600'000.0) {
    usage("DELAY_MS must be a number of milliseconds, 0..600000");
  }

  State state;
  state.delay_ns = static_cast<Nanos>(delay_ms * 1e6);

  // Wake up on time: the default 50 us timer slack would show up in every delayed RTT.
  prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);

  struct sigaction sa{};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: ppoll must return EINTR
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);

  nfq_handle* h = nfq_open();
  if (h == nullptr) {
    std::fprintf(stderr, "nfq_delay: nfq_open: %s\n", std::strerror(errno));
    return 1;
  }
  nfq_q_handle* qh = nfq_create_queue(h, static_cast<std::uint16_t>(queue_num), &on_packet, &state);
  if (qh == nullptr) {
    std::fprintf(stderr, "nfq_delay: cannot bind queue %u: %s\n", queue_num, std::strerror(errno));
    nfq_close(h);
    return 1;
  }
  if (nfq_set_mode(qh, NFQNL_COPY_META, 0) < 0) {
    std::fprintf(stderr, "nfq_delay: set_mode: %s\n", std::strerror(errno));
    return 1;
  }
  nfq_set_queue_maxlen(qh, 65536);
  nfnl_rcvbufsiz(nfq_nfnlh(h), 8u << 20);
  const int fd = nfq_fd(h);

  std::printf("nfq_delay: queue %u ready (delay %.3f ms)\n", queue_num, delay_ms);
  std::fflush(stdout);

  sigset_t empty;
  sigemptyset(&empty);
  alignas(8) static char buf[1 << 16];
  std::uint64_t overruns = 0;

  while (g_stop == 0) {
    Nanos now = now_ns();
    release_due(qh, state, now, false);

    timespec timeout{};
    timespec* timeout_ptr = nullptr;  // nothing held: sleep until a packet comes
    if (!state.held.empty()) {
      const Nanos wait = state.held.front().due - now;
      timeout.tv_sec = static_cast<time_t>(wait / 1'000'000'000);
      timeout.tv_nsec = static_cast<long>(wait % 1'000'000'000);
      timeout_ptr = &timeout;
    }
    pollfd pfd{fd, POLLIN, 0};
    const int ready = ppoll(&pfd, 1, timeout_ptr, &empty);
    if (ready < 0) {
      if (errno == EINTR) continue;
      std::fprintf(stderr, "nfq_delay: ppoll: %s\n", std::strerror(errno));
      break;
    }
    if (ready == 0) continue;

    // Drain everything readable now, so a burst gets its arrival times stamped promptly.
    for (;;) {
      const ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
      if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) break;
        if (errno == ENOBUFS) {  // the kernel dropped queue messages; keep going
          ++overruns;
          continue;
        }
        std::fprintf(stderr, "nfq_delay: recv: %s\n", std::strerror(errno));
        g_stop = 1;
        break;
      }
      nfq_handle_packet(h, buf, static_cast<int>(n));
    }
  }

  release_due(qh, state, now_ns(), true);
  nfq_destroy_queue(qh);
  nfq_close(h);
  std::fprintf(stderr, "nfq_delay: queue %u: %llu packets delayed, %llu netlink overruns\n", queue_num,
               static_cast<unsigned long long>(state.released), static_cast<unsigned long long>(overruns));
  return 0;
}
