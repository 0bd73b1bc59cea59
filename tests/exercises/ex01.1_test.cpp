// Exercise 01.1 (docs/exercises/01-blocking-echo.md): an idle timeout. With --idle-ms N,
// ch01-echo closes a client that has sent nothing for N ms, and the next client in the queue
// gets its turn. Silence is measured since the client's last bytes, not since it connected.
// Without the option a client may stay silent for ever, as before.
#include <chrono>
#include <string>
#include <thread>

#include "client.hpp"
#include "exercise.hpp"
#include "server_process.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

namespace {

// Passes if `sent` comes back on `client` within `timeout`; else says what came.
testing::AssertionResult echoes(Client& client, std::string_view sent,
                                std::chrono::milliseconds timeout = 2s) {
    if (!client.send(sent)) return testing::AssertionFailure() << "the server closed";
    std::string got = client.read_exactly(sent.size(), timeout);
    if (got == sent) return testing::AssertionSuccess();
    return testing::AssertionFailure() << "sent " << visible(sent) << ", got back " << visible(got)
                                       << " within " << timeout.count() << " ms";
}

}  // namespace

EXERCISE_TEST(Ex01_1, ClosesASilentClient, fails_with("unknown option --idle-ms")) {
    ServerProcess server({"--idle-ms", "200"});
    Client silent(server.port());
    ASSERT_TRUE(echoes(silent, "hello"));
    auto start = Clock::now();
    EXPECT_TRUE(silent.closed_by_server(2s))
        << "a client silent for 2 s after its echo, with --idle-ms 200, is still connected";
    EXPECT_GE(Clock::now() - start, 150ms) << "closed before it had been silent for 200 ms";
}

EXERCISE_TEST(Ex01_1, LetsTheNextClientIn, fails_with("unknown option --idle-ms")) {
    ServerProcess server({"--idle-ms", "200"});
    Client silent(server.port());
    ASSERT_TRUE(echoes(silent, "first"));  // now the server serves it, and waits in its recv()
    Client next(server.port());
    EXPECT_TRUE(echoes(next, "next", 2s))
        << "a second client, while the first stays connected and silent";
}

// A client that talks every 100 ms is never silent for 200 ms, though it stays longer.
EXERCISE_TEST(Ex01_1, KeepsAClientThatTalks, fails_with("unknown option --idle-ms")) {
    ServerProcess server({"--idle-ms", "200"});
    Client client(server.port());
    for (int i = 1; i <= 5; ++i) {
        ASSERT_TRUE(echoes(client, "ping " + std::to_string(i)))
            << "message " << i << ", " << (i - 1) * 100 << " ms after the first";
        std::this_thread::sleep_for(100ms);
    }
}
