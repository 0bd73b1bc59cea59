// bench-lateness: how late a TimeoutFuture fires. Sends GET /async/ on each of --timers
// connections, one every --spacing-us, to a server started with --async-ms equal to --delay-ms,
// so that many timers are pending at once with deadlines spread over the millisecond. An
// answer's lateness is when it arrived, minus when its request was sent, minus the delay: the
// loop's own lateness plus one round trip on the loopback (some tens of microseconds). Prints
//   answered N, early E (answers before their delay: a bug), lateness_p50_ms, _p99_ms, _max_ms
// "Arrived" is the kernel's time stamp on the answer's first packet (SO_TIMESTAMPNS), not when
// this client got round to reading it: on a busy machine the client runs late too, and its own
// delays must not be charged to the server.
#include <sys/epoll.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <vector>

#include "arguments.hpp"
#include "connect.hpp"
#include "http_answer.hpp"
#include "stats.hpp"

namespace {

// The kernel stamps packets with the wall clock, so sending is timed with it too.
using WallClock = std::chrono::system_clock;

struct Timer {
    Fd socket;
    WallClock::time_point sent;
    WallClock::time_point arrived;  // the first byte of the answer
    std::string received;
    bool answered = false;
};

// The time stamp SO_TIMESTAMPNS attached to a received message, or now if there is none.
WallClock::time_point stamp_of(msghdr& message) {
    for (cmsghdr* part = CMSG_FIRSTHDR(&message); part; part = CMSG_NXTHDR(&message, part)) {
        if (part->cmsg_level == SOL_SOCKET && part->cmsg_type == SCM_TIMESTAMPNS) {
            timespec stamp{};
            std::memcpy(&stamp, CMSG_DATA(part), sizeof stamp);
            auto since_epoch =
                std::chrono::seconds(stamp.tv_sec) + std::chrono::nanoseconds(stamp.tv_nsec);
            return WallClock::time_point(
                std::chrono::duration_cast<WallClock::duration>(since_epoch));
        }
    }
    return WallClock::now();
}

// Reads what arrived for `timer`; true once its whole answer is in.
bool receive(Timer& timer) {
    char buffer[4096];
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
    iovec part{buffer, sizeof buffer};
    msghdr message{};
    message.msg_iov = &part;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    ssize_t got = ::recvmsg(timer.socket.get(), &message, MSG_DONTWAIT);
    if (got <= 0) return false;
    if (timer.received.empty()) timer.arrived = stamp_of(message);
    timer.received.append(buffer, static_cast<std::size_t>(got));
    return answer_length(timer.received) > 0;
}

// Opens one connection per timer, each watched by `poller` with its index as the event's data.
// Connected before the first request: connecting is not what is measured.
bool open_timers(std::vector<Timer>& timers, std::uint16_t port, const Fd& poller) {
    Clock::time_point deadline = Clock::now() + std::chrono::seconds(5);
    for (std::size_t i = 0; i < timers.size(); ++i) {
        timers[i].socket = start_connect(port);
        if (!timers[i].socket || !wait_connected(timers[i].socket, deadline)) return false;
        int one = 1;
        ::setsockopt(timers[i].socket.get(), SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
        epoll_event event{EPOLLIN, {.u64 = i}};
        ::epoll_ctl(poller.get(), EPOLL_CTL_ADD, timers[i].socket.get(), &event);
    }
    return true;
}

// The lateness of every answer, in milliseconds: what the requests were sent for.
struct Lateness {
    std::vector<double> milliseconds;
    std::size_t early = 0;
};

// Sends GET /async/ on each timer when its turn comes (`spacing` apart from `start`) and collects
// the answers as they arrive, until all are in or `give_up`.
Lateness measure(std::vector<Timer>& timers, const Fd& poller, Clock::time_point start,
                 std::chrono::microseconds spacing, std::chrono::milliseconds delay,
                 Clock::time_point give_up) {
    const std::string request = get_request("/async/");
    Lateness lateness;
    std::size_t next = 0;
    epoll_event ready[256];
    while (lateness.milliseconds.size() < timers.size() && Clock::now() < give_up) {
        for (; next < timers.size() && start + spacing * static_cast<long>(next) <= Clock::now();
             ++next) {
            timers[next].sent = WallClock::now();
            send_all(timers[next].socket, request, give_up);
        }
        int wait_ms = next < timers.size() ? 1 : 10;  // a send is due within the millisecond
        int count = ::epoll_wait(poller.get(), ready, 256, wait_ms);
        for (int k = 0; k < count; ++k) {
            Timer& timer = timers[ready[k].data.u64];
            if (timer.answered || !receive(timer)) continue;
            timer.answered = true;
            std::chrono::duration<double, std::milli> late = timer.arrived - timer.sent - delay;
            lateness.milliseconds.push_back(late.count());
            lateness.early += late.count() < 0 ? 1 : 0;
        }
    }
    return lateness;
}

}  // namespace

int main(int argc, char** argv) {
    Arguments arguments(argc, argv);
    auto port = static_cast<std::uint16_t>(arguments.number("--port", 0));
    auto count = static_cast<std::size_t>(arguments.number("--timers", 1000));
    auto delay = std::chrono::milliseconds(arguments.number("--delay-ms", 1000));
    auto spacing = std::chrono::microseconds(arguments.number("--spacing-us", 700));
    arguments.done();
    raise_descriptor_limit();

    Fd poller(::epoll_create1(EPOLL_CLOEXEC));
    std::vector<Timer> timers(count);
    if (!open_timers(timers, port, poller)) {
        std::cerr << "bench-lateness: cannot open " << count << " connections\n";
        return 1;
    }
    Clock::time_point start = Clock::now();
    Clock::time_point give_up =
        start + spacing * static_cast<long>(count) + delay + std::chrono::seconds(5);
    Lateness lateness = measure(timers, poller, start, spacing, delay, give_up);
    const std::vector<double>& late = lateness.milliseconds;
    std::cout << "answered " << late.size() << "\nearly " << lateness.early << "\nlateness_p50_ms "
              << percentile(late, 0.50) << "\nlateness_p99_ms " << percentile(late, 0.99)
              << "\nlateness_max_ms " << percentile(late, 1.0) << "\n";
    return 0;
}
