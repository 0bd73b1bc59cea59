// bench-idle: how many idle connections a server holds, what each costs in resident memory, and
// how long a new client waits for an answer while they are held. For each of --levels (say
// 1000,10000) it opens connections until that many are held, each after one request answered
// (an idle kept-alive connection; for an echo server, one echo), and prints
//   held_L N                the connections still open once L were asked for
//   kib_per_connection_L K  the server's VmRSS growth since none were held, per connection
//   latency_p50_us_L, latency_p99_us_L   --probes requests, one at a time, on a new connection,
//                          once L are held (and first with none held: level 0)
//   latency_unanswered_L   instead, when a new client got no answer: the server takes no more
// Levels after one the server could not reach are not tried.
#include <chrono>
#include <iostream>
#include <sstream>
#include <thread>

#include "arguments.hpp"
#include "connect.hpp"
#include "http_answer.hpp"
#include "many_connections.hpp"
#include "proc_stats.hpp"
#include "round_trip.hpp"
#include "stats.hpp"

namespace {

// The latency line for `level`, when that many are held; and "unanswered" whenever a new client
// got no answer at all (the server takes no more clients), however many were held.
void print_latency(const std::vector<double>& sample, int wanted, std::size_t level,
                   std::size_t held) {
    if (static_cast<int>(sample.size()) < wanted) {
        std::cout << "latency_unanswered_" << level << " " << wanted - sample.size() << "\n";
    } else if (held >= level) {
        std::cout << "latency_p50_us_" << level << " " << percentile(sample, 0.50) << "\n"
                  << "latency_p99_us_" << level << " " << percentile(sample, 0.99) << "\n";
    }
}

std::vector<std::size_t> parse_levels(const std::string& text) {
    std::vector<std::size_t> levels;
    std::istringstream list(text);
    for (std::string level; std::getline(list, level, ',');)
        levels.push_back(std::stoul(level));
    return levels;
}

}  // namespace

int main(int argc, char** argv) {
    Arguments arguments(argc, argv);
    ManyConnections plan;
    plan.port = static_cast<std::uint16_t>(arguments.number("--port", 0));
    auto pid = static_cast<pid_t>(arguments.number("--pid", 0));
    bool echo = arguments.text("--kind", "http") == "echo";
    std::string path = arguments.text("--path", "/index/");
    plan.expect = echo ? Expect::Echo : Expect::HttpAnswer;
    plan.request = echo ? std::string("ping") : get_request(path);
    auto levels = parse_levels(arguments.text("--levels", "1000,10000"));
    int probes = static_cast<int>(arguments.number("--probes", 200));
    arguments.done();
    raise_descriptor_limit();

    using std::chrono::milliseconds;
    auto probe = [&] {
        return round_trips(plan.port, plan.request, plan.expect, probes, milliseconds(1000));
    };
    print_latency(probe(), probes, 0, 0);
    long before = resident_kib(pid);
    std::vector<Fd> held;
    for (std::size_t level : levels) {
        plan.count = level - std::min(level, held.size());
        for (Fd& socket : open_many(plan))
            held.push_back(std::move(socket));
        std::this_thread::sleep_for(milliseconds(200));  // a server that refuses closes at once
        drop_closed(held);
        double grown = static_cast<double>(resident_kib(pid) - before);
        std::cout << "held_" << level << " " << held.size() << "\n";
        if (!held.empty()) {
            std::cout << "kib_per_connection_" << level << " "
                      << grown / static_cast<double>(held.size()) << "\n";
        }
        print_latency(probe(), probes, level, held.size());
        if (held.size() < level) break;
    }
    return 0;
}
