// Exercise 08.2 (docs/exercises/08-timeout-future.md): a TimeoutFuture whose delay the request
// chooses. GET /sleep/?ms=N is parked for N milliseconds and answered 200 "slept N". N must be a
// whole number from 0 to 10000: anything else is answered 400 at once.
#include <chrono>
#include <string>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

// The bounds leave 600 ms for a busy machine; an answer before 400 ms did not wait.
EXERCISE_TEST(Ex08_2, SleepsAsLongAsAsked, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    Client client(server.port());
    auto start = Clock::now();
    ASSERT_TRUE(answered(ask(client, get("/sleep/?ms=400"), 3s), 200, "slept 400"));
    auto took = since(start);
    EXPECT_GE(took, 400ms) << "GET /sleep/?ms=400 was answered before its time";
    EXPECT_LT(took, 1000ms) << "GET /sleep/?ms=400 took " << took.count() << " ms";
}

// Each request has its own timer: a short sleep asked for after a long one is answered first,
// and the long one still at its own time. A zero sleep is answered at once.
EXERCISE_TEST(Ex08_2, EachSleepKeepsItsOwnTime, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    Client long_sleep(server.port());
    ASSERT_TRUE(long_sleep.send(get("/sleep/?ms=1200")));
    Client short_sleep(server.port());
    auto start = Clock::now();
    ASSERT_TRUE(answered(ask(short_sleep, get("/sleep/?ms=200"), 1s), 200, "slept 200"))
        << "asked for while a GET /sleep/?ms=1200 waited";
    Client no_sleep(server.port());
    EXPECT_TRUE(answered(ask(no_sleep, get("/sleep/?ms=0"), 1s), 200, "slept 0"));
    Response late = read_response(long_sleep, false, 3s);
    late.request = get("/sleep/?ms=1200");
    EXPECT_TRUE(answered(late, 200, "slept 1200"));
    EXPECT_GE(since(start), 900ms) << "GET /sleep/?ms=1200 was answered before its time";
}

// What is not a whole number from 0 to 10000 is the client's mistake: 400, at once (there is
// no timer to wait for), and the connection still serves.
EXERCISE_TEST(Ex08_2, RefusesABadDelay, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    for (const char* query : {"", "?ms=", "?ms=abc", "?ms=-5", "?ms=5x", "?ms=10001",
                              "?ms=99999999999999999999", "?seconds=1"}) {
        Client client(server.port());
        std::string request = get("/sleep/" + std::string(query));
        EXPECT_TRUE(answered(ask(client, request, 1s), 400));
        EXPECT_TRUE(answered(ask(client, get("/home/"), 1s), 200, "home"))
            << "on the same connection, after the 400";
    }
}

// The longest sleep allowed is allowed: 10000 is refused by no rule, so the answer is not a 400
// (the test does not wait the 10 s for it).
EXERCISE_TEST(Ex08_2, AcceptsTheLongestSleep, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    Client client(server.port());
    Response response = ask(client, get("/sleep/?ms=10000"), 500ms);
    EXPECT_TRUE(response.status == 0 && !client.closed())
        << "GET /sleep/?ms=10000 must wait 10 s; " << describe(response);
}
