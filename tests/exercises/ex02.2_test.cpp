// Exercise 02.2 (docs/exercises/02-select-loop.md): a cap on clients. With --max-clients N, while
// N clients are connected ch02-echo still accepts the next one, but only to send it "busy\n" and
// close it; the N it serves go on being echoed, and once one of them leaves, a new client takes
// its place. A value that is not a whole number exits 2 naming the option. Without the option
// (or with 0) there is no cap, as in the chapter.
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "client.hpp"
#include "echoes.hpp"
#include "exercise.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

// Passes if the server says "busy\n" on `client` and closes it within 2 s; else says what came.
testing::AssertionResult turned_away(Client& client) {
    std::string got = client.read_until("\n", 2s);
    bool closed = got == "busy\n" && client.closed_by_server(2s);
    if (closed) return testing::AssertionSuccess();
    return testing::AssertionFailure()
           << "a client past the cap, which sent nothing, wanted \"busy\\n\" and the close within "
           << "2 s; got " << visible(got)
           << (client.closed() ? ", then the close" : ", and the connection stayed open");
}

// Waits up to 2 s for the server to hold `count` descriptors again: it has seen a client go.
testing::AssertionResult holds_descriptors(const ServerProcess& server, int count) {
    auto until = std::chrono::steady_clock::now() + 2s;
    int now = server.open_descriptors();
    while (now != count && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(10ms);
        now = server.open_descriptors();
    }
    if (now == count) return testing::AssertionSuccess();
    return testing::AssertionFailure() << "the server holds " << now << " descriptors 2 s after "
                                       << "its client closed, not " << count << " as before it";
}

}  // namespace

EXERCISE_TEST(Ex02_2, TurnsAwayTheClientPastN, fails_with("unknown option --max-clients")) {
    ServerProcess server({"--max-clients", "2"});
    std::vector<std::unique_ptr<Client>> served;
    for (int i = 1; i <= 2; ++i) {
        served.push_back(std::make_unique<Client>(server.port()));
        // The echo proves the server took this client before the next one knocks.
        ASSERT_TRUE(echoes(*served.back(), "client " + std::to_string(i) + "\n"));
    }
    Client third(server.port());
    EXPECT_TRUE(turned_away(third)) << "with --max-clients 2 and two clients connected";
    for (auto& client : served)
        EXPECT_TRUE(echoes(*client, "still here\n")) << "a served client, after the third went";
}

EXERCISE_TEST(Ex02_2, LetsANewClientInWhenOneLeaves, fails_with("unknown option --max-clients")) {
    ServerProcess server({"--max-clients", "1"});
    int idle = server.open_descriptors();
    auto first = std::make_unique<Client>(server.port());
    ASSERT_TRUE(echoes(*first, "first\n"));
    Client second(server.port());
    ASSERT_TRUE(turned_away(second)) << "with --max-clients 1 and one client connected";
    first.reset();  // the one served client leaves
    // Wait until the server has closed its end too, so that the next client cannot come first.
    ASSERT_TRUE(holds_descriptors(server, idle));
    Client next(server.port());
    EXPECT_TRUE(echoes(next, "next\n")) << "a client after the only served one left";
}

EXERCISE_TEST(Ex02_2, RefusesAValueThatIsNotANumber, fails_with("unknown option --max-clients")) {
    ServerProcess good({"--max-clients", "3"});  // the option is known
    for (const char* bad : {"lots", "-1", "3x"}) {
        // 2 s: a program that took the value would listen, and be killed then.
        Finished run = run_to_exit({"--port", "0", "--max-clients", bad}, 2s);
        EXPECT_TRUE(exited(run, 2, "--max-clients")) << "--max-clients " << bad;
    }
}
