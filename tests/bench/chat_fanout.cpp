// bench-chat: one chat message to many parked pollers (ch14-chat, snow's chat). Parks --pollers
// connections on POST /a/message/updates?cursor=0 (start the server with a --poll-timeout-ms
// longer than the run, so that no round ends by itself), posts one message, and prints
//   chat_parked N      the polls that were parked: open and unanswered
//   kib_per_poller K   the server's VmRSS growth, per parked poll
//   chat_answered A    parked polls answered with the message
//   fanout_p50_ms, fanout_p99_ms, fanout_max_ms
//                      from sending the post to each poll's whole answer
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "arguments.hpp"
#include "connect.hpp"
#include "http_answer.hpp"
#include "many_connections.hpp"
#include "proc_stats.hpp"
#include "stats.hpp"

namespace {

using std::chrono::milliseconds;

std::string post(std::string_view target, std::string_view form) {
    return "POST " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
           "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
           std::to_string(form.size()) + "\r\n\r\n" + std::string(form);
}

// Parks `count` polls; returns the connections the server kept without answering, once its
// memory has stopped growing (it has read them all), at most 10 s later.
std::vector<Fd> park_pollers(std::uint16_t port, pid_t pid, std::size_t count) {
    ManyConnections plan;
    plan.port = port;
    plan.count = count;
    plan.request = post("/a/message/updates?cursor=0", "");
    plan.expect = Expect::Nothing;
    std::vector<Fd> parked = open_many(plan);
    long resident = -1;
    for (int turn = 0; turn < 100; ++turn) {
        std::this_thread::sleep_for(milliseconds(100));
        long now = resident_kib(pid);
        if (now == resident) break;
        resident = now;
    }
    drop_closed(parked);
    return parked;
}

}  // namespace

int main(int argc, char** argv) {
    Arguments arguments(argc, argv);
    auto port = static_cast<std::uint16_t>(arguments.number("--port", 0));
    auto pid = static_cast<pid_t>(arguments.number("--pid", 0));
    auto pollers = static_cast<std::size_t>(arguments.number("--pollers", 10000));
    arguments.done();
    raise_descriptor_limit();

    long before = resident_kib(pid);
    std::vector<Fd> parked = park_pollers(port, pid, pollers);
    double grown = static_cast<double>(resident_kib(pid) - before);

    Fd poster = start_connect(port);
    Clock::time_point deadline = Clock::now() + std::chrono::seconds(20);
    Clock::time_point sent = Clock::now();
    bool posted = poster && wait_connected(poster, deadline) &&
                  send_all(poster, post("/a/message/new", "body=hello"), deadline);
    std::vector<double> fanout_ms;
    std::size_t answered = 0;
    if (posted) {
        for (const Arrival& arrival : read_answers(parked, deadline)) {
            if (!arrival.complete || arrival.answer.find("hello") == std::string::npos) continue;
            ++answered;
            fanout_ms.push_back(
                std::chrono::duration<double, std::milli>(arrival.at - sent).count());
        }
    }
    std::cout << "chat_parked " << parked.size() << "\nkib_per_poller "
              << (parked.empty() ? 0 : grown / static_cast<double>(parked.size()))
              << "\nchat_answered " << answered << "\nfanout_p50_ms " << percentile(fanout_ms, 0.5)
              << "\nfanout_p99_ms " << percentile(fanout_ms, 0.99) << "\nfanout_max_ms "
              << percentile(fanout_ms, 1.0) << "\n";
    return 0;
}
