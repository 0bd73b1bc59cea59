// bench-park: what a parked request costs. Parks --requests connections on GET /req/ (each
// waits on a Future until a GET /stop/), resolves them all, and prints
//   parked N           the /req/ connections that were open and unanswered
//   kib_per_parked K   the server's VmRSS growth, per parked request
//   released R         parked requests answered "done" by one /stop/ each
// Then it measures the server's CPU time over --hold-seconds while --timers GET /async/ (start
// the server with an --async-ms longer than the run, so none fires) and as many parked /req/ as
// fit, up to --requests, are pending; timers first, so that a select() server, full at about
// 1020 connections, holds both:
//   holding_timers T, holding_parked P, cpu_holding_seconds C
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <iostream>
#include <thread>

#include "arguments.hpp"
#include "connect.hpp"
#include "http_answer.hpp"
#include "many_connections.hpp"
#include "proc_stats.hpp"

namespace {

using std::chrono::milliseconds;

// The helper's own keep-alive connection to the server, opened before anything is parked, so
// that a server that takes no more clients (the select() chapters stop near 1024) still hears it.
class Control {
  public:
    explicit Control(std::uint16_t port) : socket_(start_connect(port)) {
        if (socket_ && !wait_connected(socket_, Clock::now() + std::chrono::seconds(5))) {
            socket_.close_now();
        }
    }

    // Asks for `path` `count` times, pipelined in groups of 100; true when all are answered.
    bool ask(const std::string& path, std::size_t count, Clock::time_point deadline) {
        for (std::size_t asked = 0; asked < count && socket_;) {
            std::size_t group = std::min<std::size_t>(100, count - asked);
            std::string requests;
            for (std::size_t i = 0; i < group; ++i)
                requests += get_request(path);
            if (!send_all(socket_, requests, deadline) || !read_answers(group, deadline)) break;
            asked += group;
        }
        return static_cast<bool>(socket_);
    }

  private:
    bool read_answers(std::size_t count, Clock::time_point deadline) {
        std::string received;
        while (count > 0) {
            if (std::size_t length = answer_length(received); length > 0) {
                received.erase(0, length);
                --count;
                continue;
            }
            pollfd one{socket_.get(), POLLIN, 0};
            char buffer[16384];
            ssize_t got = 0;
            if (Clock::now() > deadline || ::poll(&one, 1, 100) < 0 ||
                (got = ::recv(socket_.get(), buffer, sizeof buffer, MSG_DONTWAIT)) == 0) {
                socket_.close_now();  // no answer in time, or closed: the helper says so
                return false;
            }
            if (got > 0) received.append(buffer, static_cast<std::size_t>(got));
        }
        return true;
    }

    Fd socket_;
};

// Parks `count` requests for `path`; returns the connections the server kept without answering.
std::vector<Fd> park(std::uint16_t port, std::size_t count, const std::string& path,
                     Control& control, pid_t pid) {
    ManyConnections plan;
    plan.port = port;
    plan.count = count;
    plan.request = get_request(path);
    plan.expect = Expect::Nothing;
    std::vector<Fd> parked = open_many(plan);
    // Sent is not yet read, and a loop that is given a batch of ready sockets at a time may answer
    // the control connection before it has read them all: wait until the server's memory stops
    // growing from one answered control request to the next (at most 5 s).
    long resident = -1;
    for (int turn = 0; turn < 50; ++turn) {
        std::this_thread::sleep_for(milliseconds(100));
        control.ask("/index/", 1, Clock::now() + std::chrono::seconds(5));
        long now = resident_kib(pid);
        if (now == resident) break;
        resident = now;
    }
    drop_closed(parked);
    return parked;
}

// How many of `parked` are answered "done", waiting for each until `deadline`.
std::size_t count_done(const std::vector<Fd>& parked, Clock::time_point deadline) {
    std::size_t done = 0;
    for (const Arrival& arrival : read_answers(parked, deadline)) {
        done += arrival.complete && arrival.answer.ends_with("done") ? 1 : 0;
    }
    return done;
}

// Resolves every parked request with one /stop/ each; returns how many were answered "done".
std::size_t release(Control& control, const std::vector<Fd>& parked) {
    Clock::time_point deadline = Clock::now() + std::chrono::seconds(20);
    bool stopped = control.ask("/stop/", parked.size(), deadline);
    return stopped ? count_done(parked, deadline) : 0;
}

}  // namespace

int main(int argc, char** argv) {
    Arguments arguments(argc, argv);
    auto port = static_cast<std::uint16_t>(arguments.number("--port", 0));
    auto pid = static_cast<pid_t>(arguments.number("--pid", 0));
    auto requests = static_cast<std::size_t>(arguments.number("--requests", 10000));
    auto timers = static_cast<std::size_t>(arguments.number("--timers", 0));
    auto hold = std::chrono::seconds(arguments.number("--hold-seconds", 10));
    arguments.done();
    raise_descriptor_limit();

    Control control(port);
    control.ask("/index/", 10, Clock::now() + std::chrono::seconds(5));  // warm up
    long before = resident_kib(pid);
    std::vector<Fd> parked = park(port, requests, "/req/", control, pid);
    double grown = static_cast<double>(resident_kib(pid) - before);
    std::cout << "parked " << parked.size() << "\nkib_per_parked "
              << (parked.empty() ? 0 : grown / static_cast<double>(parked.size())) << "\n"
              << "released " << release(control, parked) << "\n";
    parked.clear();  // closed: the server sees them go on its next turns
    std::this_thread::sleep_for(milliseconds(300));
    control.ask("/index/", 1, Clock::now() + std::chrono::seconds(5));

    std::vector<Fd> waiting =
        timers > 0 ? park(port, timers, "/async/", control, pid) : std::vector<Fd>();
    parked = park(port, requests, "/req/", control, pid);
    double cpu_before = cpu_seconds(pid);
    std::this_thread::sleep_for(hold);
    double cpu_after = cpu_seconds(pid);
    drop_closed(waiting);
    drop_closed(parked);
    std::cout << "holding_timers " << waiting.size() << "\nholding_parked " << parked.size()
              << "\ncpu_holding_seconds " << cpu_after - cpu_before << "\n";
    return 0;
}
