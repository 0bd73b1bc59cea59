// Exercise 11.2 (docs/exercises/11-epoll.md): GET /connections/ answers how many client
// connections the server holds now, the asker's own among them: idle, parked or busy, whichever
// poller watches them. A client that leaves is no longer counted once the loop has seen it go.
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

namespace {

// The answer to GET /connections/ on a connection of its own, within 2 s.
Response count(const ServerProcess& server) {
    Client client(server.port());
    return ask(client, get("/connections/"), 2s);
}

// `n` clients, each answered once, so the server holds them all when this returns.
std::vector<std::unique_ptr<Client>> open_idle(const ServerProcess& server, int n) {
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < n; ++i) {
        clients.push_back(std::make_unique<Client>(server.port()));
        EXPECT_TRUE(answered(ask(*clients.back(), get("/index/"), 2s), 200, "OK"));
    }
    return clients;
}

}  // namespace

EXERCISE_TEST(Ex11_2, CountsItsOwnConnection, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    EXPECT_TRUE(answered(count(server), 200, "1")) << "the only client is the one asking";
    Client client(server.port());
    ASSERT_TRUE(answered(ask(client, get("/connections/"), 2s), 200, "1"));
    EXPECT_TRUE(answered(ask(client, get("/connections/"), 2s), 200, "1"))
        << "asked twice on one connection: still one connection";
}

// Connected before the asker, they are accepted before it: the listener hands them out in order.
EXERCISE_TEST(Ex11_2, CountsIdleAndParkedOnes, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    auto idle = open_idle(server, 4);
    std::vector<std::unique_ptr<Client>> parked;
    for (int i = 0; i < 3; ++i) {
        parked.push_back(std::make_unique<Client>(server.port()));
        ASSERT_TRUE(parked.back()->send(get("/req/")));
    }
    EXPECT_TRUE(answered(count(server), 200, "8"))
        << "with 4 idle clients, 3 parked on GET /req/, and the one asking";
}

// The server learns of a close when it reads it, so the test asks again for up to 2 s.
EXERCISE_TEST(Ex11_2, ForgetsTheOnesThatLeave, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    auto clients = open_idle(server, 5);
    ASSERT_TRUE(answered(count(server), 200, "6")) << "with 5 idle clients and the one asking";
    clients.resize(2);  // three leave
    auto give_up = Clock::now() + 2s;
    Response response;
    do {
        response = count(server);
        if (response.body == "3") break;
        std::this_thread::sleep_for(50ms);
    } while (Clock::now() < give_up);
    EXPECT_TRUE(answered(response, 200, "3")) << "2 s after 3 of the 5 idle clients left";
}

// Chapter 11's point: past FD_SETSIZE (1024), which select() could not watch. The server gets
// the raised descriptor limit by being started after it; the first check comes before any skip,
// so that the chapter's program fails it.
EXERCISE_TEST(Ex11_2, CountsPastFdSetSize, fails_with("got HTTP/1.1 404 Not Found")) {
    unsigned long allowed = allow_descriptors(3000);
    ServerProcess server;
    ASSERT_TRUE(answered(count(server), 200, "1"));
    if (allowed < 3000) GTEST_SKIP() << "the hard descriptor limit is too low";
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 1200; ++i)
        clients.push_back(std::make_unique<Client>(server.port()));
    EXPECT_TRUE(answered(count(server), 200, "1201"))
        << "with 1200 idle clients and the one asking";
}
