// Opening thousands of connections at once, each with one request, and keeping those the server
// keeps: the idle connections and the parked requests that the bench holds.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "connect.hpp"
#include "fd.hpp"

// What a connection opened by open_many() must do before it counts as held.
enum class Expect {
    HttpAnswer,  // a complete HTTP answer comes back, and the connection stays open (keep-alive)
    Echo,        // the request's bytes come back, and the connection stays open
    Nothing,     // nothing comes back and the server does not close it: a parked request
};

struct ManyConnections {
    std::uint16_t port = 0;
    std::size_t count = 0;  // how many to open
    std::string request;    // sent once on each
    Expect expect = Expect::HttpAnswer;
    std::size_t in_flight = 256;  // opened at a time: the listen backlog never overflows
    std::chrono::milliseconds patience{5000};  // for one connection to do what is expected
};

// Opens the connections `plan` asks for and returns those that did what it expects and are open.
// Stops early when `in_flight` connections in a row have failed: the server takes no more (the
// select() chapters close the 1021st or so at once, chapter 01 never answers the second one).
std::vector<Fd> open_many(const ManyConnections& plan);

// Drops from `held` the connections the server has closed since (or answered, when nothing was
// expected): either shows up as a readable socket, so one poll() over all of them tells.
void drop_closed(std::vector<Fd>& held);

// One answer awaited by read_answers(): what came, and when it was whole (or the connection
// closed, or the wait ran out).
struct Arrival {
    std::string answer;      // the complete answer, or what came of it
    bool complete = false;   // a whole HTTP answer came
    Clock::time_point at{};  // when it was complete, or given up on
};

// Reads one HTTP answer on each of `connections`, all at once (one poll() over all of them),
// until each has one, has closed, or `deadline` passes.
std::vector<Arrival> read_answers(const std::vector<Fd>& connections, Clock::time_point deadline);
