// Exercise 09.1 (docs/exercises/09-coroutines.md): two waits at once. GET /both/ is a coroutine
// that waits for two TimeoutFutures of --async-ms each, "left" and "right", and answers
// "left, right": after about --async-ms, not twice that, because both timers run together.
#include <chrono>
#include <string>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

EXERCISE_TEST(Ex09_1, AnswersWithBothValues, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server({"--async-ms", "50"});
    EXPECT_TRUE(answered(round_trip(server.port(), get("/both/")), 200, "left, right"));
}

// Two waits of 400 ms each: one after the other would take 800 ms, together 400 ms. The bounds
// leave 300 ms either way for a busy machine.
EXERCISE_TEST(Ex09_1, WaitsForBothAtOnce, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server({"--async-ms", "400"});
    auto start = Clock::now();
    ASSERT_TRUE(answered(round_trip(server.port(), get("/both/")), 200, "left, right"));
    auto took = since(start);
    EXPECT_GE(took, 400ms) << "GET /both/ was answered before its timers were due";
    EXPECT_LT(took, 700ms) << "GET /both/ with --async-ms 400 took " << took.count()
                           << " ms: its two waits ran one after the other, not together";
}

// While /both/ waits, the loop goes on: another client is answered at once, and the one
// waiting gets its answer after.
EXERCISE_TEST(Ex09_1, ServesOthersWhileItWaits, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server({"--async-ms", "300"});
    Client waiting(server.port());
    ASSERT_TRUE(waiting.send(get("/both/")));
    auto start = Clock::now();
    ASSERT_TRUE(answered(round_trip(server.port(), get("/index/")), 200, "OK"));
    EXPECT_LT(since(start), 250ms) << "GET /index/, sent while a GET /both/ waited, was held back";
    EXPECT_TRUE(answered(read_response(waiting), 200, "left, right")) << "the GET /both/";
}
