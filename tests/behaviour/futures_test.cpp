// Futures in chapter programs (chapter 07 on). GET /join/ parks on a future that every joiner
// shares, GET /release/ resolves it: a chat's long polls wait like this for the next message.
// GET /nofuture/ is a handler that returns a null future by mistake.
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

// Starts `count` clients that each GET /join/, and gives the server a moment to park them all.
std::vector<std::unique_ptr<Client>> join(std::uint16_t port, int count) {
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < count; ++i) {
        clients.push_back(std::make_unique<Client>(port));
        EXPECT_TRUE(clients.back()->send(get("/join/"))) << "client " << i;
    }
    std::this_thread::sleep_for(300ms);
    return clients;
}

// How many of `clients` (those not null) read "released"; the first failure is reported.
int count_released(const std::vector<std::unique_ptr<Client>>& clients) {
    int released = 0;
    for (std::size_t i = 0; i < clients.size(); ++i) {
        if (!clients[i]) continue;
        Response response = read_response(*clients[i], false, 3s);
        if (response.status == 200 && response.body == "released") {
            ++released;
        } else if (released == static_cast<int>(i)) {
            ADD_FAILURE() << "client " << i << " got status " << response.status << " and '"
                          << response.body << "' to GET /join/";
        }
    }
    return released;
}

}  // namespace

// A future used to keep one waiter: the last to park replaced all the others, who hung for ever.
SNOW_TEST(Futures, OneResultAnswersEveryWaiter, since(7)) {
    ServerProcess server;
    auto clients = join(server.port(), 100);
    EXPECT_EQ(round_trip(server.port(), get("/release/")).body, "release");
    EXPECT_EQ(count_released(clients), 100);
}

// A waiter that leaves is forgotten, and only it: one leaving used to clear the future's only
// waiter, whoever had registered it.
SNOW_TEST(Futures, AWaiterThatLeavesIsForgottenAlone, since(7)) {
    ServerProcess server;
    auto clients = join(server.port(), 100);
    for (int i = 0; i < 100; i += 5)
        clients[i].reset();  // 20 of them hang up
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(round_trip(server.port(), get("/release/")).body, "release");
    EXPECT_EQ(count_released(clients), 80);
    expect_still_serving(server.port());
}

// After a release, the next joiners wait for the next one.
SNOW_TEST(Futures, TheNextJoinersWaitForTheNextRelease, since(7)) {
    ServerProcess server;
    auto first = join(server.port(), 3);
    round_trip(server.port(), get("/release/"));
    EXPECT_EQ(count_released(first), 3);
    auto second = join(server.port(), 3);
    EXPECT_TRUE(second[0]->read_exactly(1, 200ms).empty()) << "answered before the release";
    round_trip(server.port(), get("/release/"));
    EXPECT_EQ(count_released(second), 3);
}

// set_result() from another thread wakes the loop once, and every waiter is answered.
SNOW_TEST(Futures, OneResultFromAnotherThreadAnswersEveryWaiter, since(8)) {
    ServerProcess server;
    auto clients = join(server.port(), 100);
    EXPECT_EQ(round_trip(server.port(), get("/release-from-a-thread/")).body, "release");
    EXPECT_EQ(count_released(clients), 100);
}

// A handler that returns a null future is a bug in the handler: its client gets 500, and the
// loop, which used to dereference it, goes on serving everyone.
SNOW_TEST(Futures, ANullFutureIsA500, since(7)) {
    ServerProcess server;
    EXPECT_EQ(round_trip(server.port(), get("/nofuture/")).status, 500);
    expect_still_serving(server.port());
}
