// The seed's timeout example (chapter 08 on): GET /home/ answers "home" at once; GET /async/
// parks on a TimeoutFuture and is answered when it expires (--async-ms). The loop sleeps exactly
// until the next deadline: it neither answers early nor spins while it waits.
#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"
#include "server_process.hpp"
#include "tally.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

SNOW_TEST(Timeout, HomeAnswersAtOnce, since(8)) {
    ServerProcess server;
    Response response = round_trip(server.port(), get("/home/"));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "home");
}

// The seed's TimeoutFuture had no callback, so the request parked on it was never answered.
SNOW_TEST(Timeout, AsyncIsAnsweredAfterItsDelayAndNotBefore, since(8)) {
    ServerProcess server({"--async-ms", "400"});
    Client client(server.port());
    auto start = Clock::now();
    client.send(get("/async/"));
    EXPECT_TRUE(client.read_exactly(1, 250ms).empty()) << "answered before its time";
    Response response = read_response(client, false, 3s);
    auto waited = Clock::now() - start;
    EXPECT_EQ(response.status, 200);
    EXPECT_GE(waited, 400ms);
    EXPECT_LT(waited, 2s);
}

SNOW_TEST(Timeout, FiveHundredWaitWhileHomeAnswersPromptly, since(8)) {
    // Generous bounds, for a loaded machine: /home/ well before the 2.5 s timers are due.
    ServerProcess server({"--async-ms", "2500"});
    std::vector<std::unique_ptr<Client>> waiting;
    for (int i = 0; i < 500; ++i) {
        waiting.push_back(std::make_unique<Client>(server.port()));
        ASSERT_TRUE(waiting.back()->send(get("/async/")));
    }
    auto start = Clock::now();
    EXPECT_EQ(round_trip(server.port(), get("/home/")).body, "home");
    EXPECT_LT(Clock::now() - start, 1000ms);
    Countdown limit(8s);
    Tally answered_all("GET /async/ answered 200 within 8 s");
    for (std::size_t i = 0; i < waiting.size(); ++i) {
        Response response = read_response(*waiting[i], false, limit.left());
        response.request = get("/async/");
        answered_all.add(answered(response, 200), "client " + std::to_string(i));
    }
    EXPECT_TRUE(answered_all.all_passed());
}

SNOW_TEST(Timeout, EarlierDeadlinesAreAnsweredFirst, since(8)) {
    ServerProcess server({"--async-ms", "300"});
    Client first(server.port());
    first.send(get("/async/"));
    std::this_thread::sleep_for(150ms);
    Client second(server.port());
    second.send(get("/async/"));
    EXPECT_EQ(read_response(first, false, 2s).status, 200);
    EXPECT_TRUE(second.read_exactly(1, 50ms).empty()) << "the later deadline came too soon";
    EXPECT_EQ(read_response(second, false, 2s).status, 200);
}

// While requests wait for their timers the loop sleeps in select() with the right timeout; it
// does not poll (the seed woke every 5 ms: 200 times a second).
SNOW_TEST(Timeout, WaitingForATimerUsesNoCpu, since(8)) {
    ServerProcess server({"--async-ms", "10000"});
    Client client(server.port());
    client.send(get("/async/"));
    std::this_thread::sleep_for(100ms);
    auto before = server.cpu_time();
    std::this_thread::sleep_for(2s);
    EXPECT_LT(server.cpu_time() - before, 40ms) << "over 2% of a core while waiting";
}

// Chapter 12: the kernel's timer slack. A sleeping wait of T may end up to 0.1 % of T late (3 ms
// for 3 s), unless the loop asks to wake early and sleeps the rest in a short wait. A lone far
// timer must fire within 2 ms of its deadline (the figure includes one loopback round trip),
// at least once in three: the slack delays every one of them alike, while on a machine busy with
// other tests a woken server may wait for a core, now and then, for longer than that.
// Chapters 08 to 11 have the flaw, but it shows only on an idle machine: on a busy one any other
// wake-up ends the slack early, and an expected failure there would pass at random.
SNOW_TEST(Timeout, ALoneFarTimerKeepsItsTime, since(12)) {
    ServerProcess server({"--async-ms", "3000"});
    std::vector<double> late_ms;
    std::string seen;
    for (int i = 0; i < 3; ++i) {
        Client client(server.port());
        auto start = Clock::now();
        ASSERT_TRUE(client.send(get("/async/")));
        Response response = read_response(client, false, 6s);
        auto waited = Clock::now() - start;
        response.request = get("/async/");
        ASSERT_TRUE(answered(response, 200));
        late_ms.push_back(std::chrono::duration<double, std::milli>(waited - 3s).count());
        seen += (seen.empty() ? "" : ", ") + std::to_string(late_ms.back()) + " ms";
    }
    std::sort(late_ms.begin(), late_ms.end());
    EXPECT_GE(late_ms.front(), 0.0) << "an answer came before its 3 s: " << seen;
    EXPECT_LT(late_ms.front(), 2.0)
        << "GET /async/ with --async-ms 3000, three times one after the other; answered this "
           "much after 3 s: "
        << seen;
}

SNOW_TEST(Timeout, AClientThatLeavesBeforeItsTimerIsForgotten, since(8)) {
    ServerProcess server({"--async-ms", "300"});
    {
        Client leaving(server.port());
        leaving.send(get("/async/"));
        std::this_thread::sleep_for(50ms);
    }
    std::this_thread::sleep_for(400ms);  // its timer fires after it left
    EXPECT_TRUE(server.running());
    EXPECT_EQ(round_trip(server.port(), get("/home/")).body, "home");
}
