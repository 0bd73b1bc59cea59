// The poller (chapter 11 on): with epoll the loop holds thousands of connections; with select
// it cannot watch a descriptor past FD_SETSIZE (1024), and refuses those clients cleanly.
#include <memory>
#include <thread>
#include <vector>

#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<std::unique_ptr<Client>> connect_many(std::uint16_t port, int count) {
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < count; ++i)
        clients.push_back(std::make_unique<Client>(port));
    return clients;
}

}  // namespace

SNOW_TEST(Pollers, EpollHoldsFiveThousandIdleConnectionsAndStillAnswers, since(11)) {
    if (allow_descriptors(12'000) < 12'000) GTEST_SKIP() << "the hard descriptor limit is too low";
    ServerProcess server({"--poller", "epoll"});
    auto idle = connect_many(server.port(), 5000);
    auto start = Clock::now();
    EXPECT_EQ(round_trip(server.port(), get("/index/")).body, "OK");
    EXPECT_LT(Clock::now() - start, 1s);
    EXPECT_GE(server.open_descriptors(), 5000);
}

SNOW_TEST(Pollers, SelectRefusesClientsPastFdSetSizeCleanly, since(11)) {
    allow_descriptors(4000);
    ServerProcess server({"--poller", "select"});
    auto many = connect_many(server.port(), 1100);  // the server's descriptors pass 1024
    std::this_thread::sleep_for(500ms);             // let it accept (or refuse) them all
    int refused = 0;
    for (auto& client : many)
        refused += client->closed_by_server(0ms);
    EXPECT_GT(refused, 50) << "select() cannot watch them: they must be closed";
    EXPECT_TRUE(server.running());
    EXPECT_TRUE(contains(server.error_output(), "refusing one"));
    many.clear();  // room again below FD_SETSIZE
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(round_trip(server.port(), get("/index/")).body, "OK");
}

SNOW_TEST(Pollers, RejectsAnUnknownPoller, since(11)) {
    EXPECT_TRUE(exited(run_to_exit({"--poller", "kqueue"}), 2, "kqueue"));
}
