// snow/'s graceful stop and access log. On SIGTERM the framework stops accepting, answers parked
// requests 503, finishes the answers already on their way, and exits 0 within its grace period.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"
#include "server_process.hpp"
#include "shims.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

SNOW_TEST(Stopping, AParkedRequestGets503, since(11)) {
    ServerProcess server;
    Client parked(server.port());
    parked.send(get("/req/"));
    std::this_thread::sleep_for(100ms);
    auto start = Clock::now();
    EXPECT_EQ(server.stop(SIGTERM), 0);
    EXPECT_LT(Clock::now() - start, 2s);
    Response response = read_response(parked, false, 2s);
    EXPECT_EQ(response.status, 503);
    EXPECT_EQ(response.header("Connection").value_or(""), "close");
}

SNOW_TEST(Stopping, FinishesAnAnswerOnItsWay, since(11)) {
    ServerProcess server({"--max-body", "4000000"});
    Client client(server.port());
    client.set_receive_buffer(16 * 1024);
    std::string body(3'000'000, 'w');
    ASSERT_TRUE(client.send(post("/echo/", body)));
    std::this_thread::sleep_for(200ms);  // the answer is under way, and mostly still ours
    server.signal(SIGTERM);
    Response response = read_response(client, false, 5s);  // read it all, slowly or not
    EXPECT_EQ(response.status, 200);
    EXPECT_TRUE(response.body == body) << "cut short: " << response.body.size() << " bytes";
    EXPECT_EQ(server.stop(SIGTERM), 0);
}

// A 503 that does not go out in one send() (a shim makes the program's sends short, and every
// second one fail with EAGAIN, as on a congested connection) is finished as the socket drains,
// and the program exits as soon as it is: it does not sit out the grace period. The stop once
// wrote the 503 without arming write interest; what one send() left then waited, unsent, for
// the grace to end, and the client got 8 bytes.
SNOW_TEST(Stopping, A503ThatTakesManySendsDoesNotWaitOutTheGrace, since(11)) {
    if (!Shim::possible()) GTEST_SKIP() << "LD_PRELOAD does not mix with AddressSanitizer";
    std::optional<ServerProcess> server;
    {
        ShortSends congested(8);
        server.emplace(std::vector<std::string>{"--stop-grace-ms", "10000"});
    }
    Client parked(server->port());
    ASSERT_TRUE(parked.send(get("/req/")));
    std::this_thread::sleep_for(100ms);
    // Killed (status -1) if still running after 3 s: the grace is 10 s.
    EXPECT_EQ(server->stop(SIGTERM, 3s), 0);
    Response response = read_response(parked, false, 1s);
    EXPECT_EQ(response.status, 503) << describe(response);
}

// A future resolved in the same turn of the loop as the stop signal arrives is answered with its
// value, not 503: its answer was due before the stop began. A shim delivers SIGTERM just as the
// loop's wait runs out for the earliest timer there is, /async/'s TimeoutFuture of 40 ms, so the
// turn that sees the stop also sees the timer due. A loop that stops before it runs the due
// timers answers 503. (40 ms: short enough to be slept in one wait; from chapter 12 on, a longer
// wait ends a little early, against the kernel's timer slack, and would be the one that ran out.)
SNOW_TEST(Stopping, AFutureResolvedAsTheStopArrivesIsAnsweredWithItsValue, since(11)) {
    if (!Shim::possible()) GTEST_SKIP() << "LD_PRELOAD does not mix with AddressSanitizer";
    std::optional<ServerProcess> server;
    {
        TermOnTimeout stop_as_the_timer_falls_due(1);
        server.emplace(std::vector<std::string>{"--async-ms", "40"});
    }
    Client parked(server->port());
    ASSERT_TRUE(parked.send(get("/async/")));
    Response response = read_response(parked, false, 2s);
    response.request = get("/async/");
    EXPECT_TRUE(answered(response, 200, "async"));
    // Nothing but the stop closes a kept-alive connection this soon: the signal did come.
    EXPECT_TRUE(parked.closed_by_server(1s)) << "the shim's SIGTERM did not stop the program";
    EXPECT_EQ(server->stop(SIGTERM, 2s), 0);
}

SNOW_TEST(Stopping, AnIdleConnectionDoesNotDelayTheExit, since(11)) {
    ServerProcess server;
    Client idle(server.port());
    idle.send(get("/index/"));
    EXPECT_EQ(read_response(idle).status, 200);  // kept alive, and now idle
    auto start = Clock::now();
    EXPECT_EQ(server.stop(SIGTERM), 0);
    EXPECT_LT(Clock::now() - start, 1s);
    EXPECT_TRUE(idle.closed_by_server(1s));
}

SNOW_TEST(Stopping, RefusesNewClientsOnceStopped, since(11)) {
    ServerProcess server;
    std::uint16_t port = server.port();
    EXPECT_EQ(server.stop(SIGTERM), 0);
    EXPECT_THROW(Client late(port), std::system_error);
}

SNOW_TEST(AccessLog, WritesOneLinePerAnswerWhenOn, since(11)) {
    ServerProcess server({"--access-log"});
    Client client(server.port());
    client.send(get("/index/") + get("/nothing/"));
    read_response(client);
    read_response(client);
    EXPECT_EQ(server.stop(SIGTERM), 0);
    std::string log = server.error_output();
    EXPECT_TRUE(contains(log, "GET /index/ HTTP/1.1 200 2\n"));
    EXPECT_TRUE(contains(log, "GET /nothing/ HTTP/1.1 404 13\n"));
}

SNOW_TEST(AccessLog, IsOffByDefault, since(11)) {
    ServerProcess server;
    EXPECT_EQ(round_trip(server.port(), get("/index/")).status, 200);
    EXPECT_EQ(server.stop(SIGTERM), 0);
    EXPECT_EQ(server.error_output(), "");
}

// The access log used to cost about ten write(2) calls per request, one per piece of the line
// written to the unbuffered stderr. strace counts them: one per line now. (Skipped where strace
// is missing or may not attach.)
SNOW_TEST(AccessLog, CostsOneWritePerLine, since(11)) {
    ServerProcess server({"--access-log"});
    std::string trace = ::testing::TempDir() + "snow-access-log-" + std::to_string(::getpid());
    std::string strace_pid = trace + ".pid";
    std::string command = "strace -q -e trace=write -o " + trace + " -p " +
                          std::to_string(server.pid()) + " 2>/dev/null & echo $! > " + strace_pid;
    if (std::system(command.c_str()) != 0) GTEST_SKIP() << "cannot start strace";
    std::this_thread::sleep_for(500ms);  // let it attach
    Client client(server.port());
    for (int i = 0; i < 20; ++i) {
        ASSERT_TRUE(client.send(get("/index/")));
        ASSERT_EQ(read_response(client).status, 200) << "request " << i;
    }
    std::this_thread::sleep_for(200ms);
    std::system(("kill -INT $(cat " + strace_pid + ") 2>/dev/null; sleep 0.3").c_str());
    std::ifstream lines(trace);
    if (!lines) GTEST_SKIP() << "strace wrote no trace (is it installed, may it attach?)";
    int to_stderr = 0;
    int calls = 0;
    for (std::string line; std::getline(lines, line);) {
        ++calls;
        if (line.starts_with("write(2,")) ++to_stderr;
    }
    std::remove(trace.c_str());
    std::remove(strace_pid.c_str());
    if (calls == 0) GTEST_SKIP() << "strace saw no write at all: it did not attach";
    EXPECT_EQ(to_stderr, 20) << "writes to stderr for 20 logged answers";
}
