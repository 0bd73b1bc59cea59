// Exercise 08.1 (docs/exercises/08-timeout-future.md): a TimeoutFuture that can be cancelled.
// GET /cancel/ cancels the oldest /async/ request still waiting: that request is answered 200
// "cancelled" at once, and nothing more happens at its deadline. /cancel/ itself answers 200
// "cancel 1", or "cancel 0" when no /async/ waits. The other /async/ keep their deadlines.
#include <chrono>
#include <string>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

namespace {

// Sends GET /async/ on `client`, then makes sure the server has read it: a /cancel/ sent on
// another connection might otherwise be served first.
void park(const ServerProcess& server, Client& client) {
    client.send(get("/async/"));
    round_trip(server.port(), get("/home/"));  // answered only after the loop read the /async/
}

}  // namespace

EXERCISE_TEST(Ex08_1, CancelAnswersTheParkedRequestAtOnce,
              fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server({"--async-ms", "5000"});
    Client parked(server.port());
    park(server, parked);
    auto start = Clock::now();
    ASSERT_TRUE(answered(round_trip(server.port(), get("/cancel/")), 200, "cancel 1"));
    EXPECT_TRUE(answered(read_response(parked, false, 2s), 200, "cancelled"))
        << "the /async/ parked on a 5 s TimeoutFuture, after GET /cancel/";
    EXPECT_LT(Clock::now() - start, 1s) << "a cancelled /async/ must not wait for its deadline";
}

EXERCISE_TEST(Ex08_1, CancelsTheOldestAndLeavesTheOthers,
              fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server({"--async-ms", "1500"});
    Client first(server.port());
    park(server, first);
    Client second(server.port());
    park(server, second);
    ASSERT_TRUE(answered(round_trip(server.port(), get("/cancel/")), 200, "cancel 1"));
    EXPECT_TRUE(answered(read_response(first, false, 1s), 200, "cancelled")) << "the oldest";
    EXPECT_TRUE(answered(read_response(second, false, 3s), 200, "async"))
        << "the second /async/, at its deadline";
}

EXERCISE_TEST(Ex08_1, SaysWhenNothingWaits, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server({"--async-ms", "5000"});
    EXPECT_TRUE(answered(round_trip(server.port(), get("/cancel/")), 200, "cancel 0"));
}

// The timer of a cancelled future must not fire later: the connection, kept open, gets exactly
// the answers to what it asked, and nothing at the old deadline.
EXERCISE_TEST(Ex08_1, ACancelledRequestIsAnsweredOnce, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server({"--async-ms", "800"});
    Client parked(server.port());
    park(server, parked);
    ASSERT_TRUE(answered(round_trip(server.port(), get("/cancel/")), 200, "cancel 1"));
    ASSERT_TRUE(answered(read_response(parked, false, 1s), 200, "cancelled"));
    ASSERT_TRUE(parked.send(get("/home/")));
    EXPECT_TRUE(answered(read_response(parked), 200, "home")) << "on the same connection";
    std::string late = parked.read_exactly(1, 1500ms);  // past the old deadline
    EXPECT_TRUE(late.empty() && !parked.closed())
        << "after the answers to GET /async/ (cancelled) and GET /home/, expected nothing more "
        << "on the connection; got " << (late.empty() ? "a close" : visible(late));
}
