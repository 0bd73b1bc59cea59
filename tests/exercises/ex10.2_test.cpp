// Exercise 10.2 (docs/exercises/10-limits-and-errors.md): a cap on open connections. With
// --max-connections N the server holds at most N clients: a client that connects past them is
// answered 503 Service Unavailable and closed, while the N go on being served. When one of them
// leaves, the next client is served. A bad N makes the program exit 2, naming the option.
#include <chrono>
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

// GET /index/ on `client`: its answer, within 2 s.
Response ask(Client& client) {
    return ask(client, get("/index/"), 2s);
}

// `n` clients, each answered once, so the server holds them all when this returns.
std::vector<std::unique_ptr<Client>> fill(const ServerProcess& server, int n) {
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 1; i <= n; ++i) {
        clients.push_back(std::make_unique<Client>(server.port()));
        EXPECT_TRUE(answered(ask(*clients.back()), 200, "OK")) << "client " << i << " of " << n;
    }
    return clients;
}

}  // namespace

EXERCISE_TEST(Ex10_2, RefusesPastTheLimitWith503, fails_with("unknown option --max-connections")) {
    ServerProcess server({"--max-connections", "2"});
    auto clients = fill(server, 2);
    Client third(server.port());
    EXPECT_TRUE(answered(ask(third), 503)) << "a 3rd client, with 2 allowed and 2 open";
    EXPECT_TRUE(third.closed_by_server(2s)) << "the 3rd client is still open 2 s after its 503";
}

EXERCISE_TEST(Ex10_2, ServesTheNWhileItRefuses, fails_with("unknown option --max-connections")) {
    ServerProcess server({"--max-connections", "3"});
    auto clients = fill(server, 3);
    for (int i = 1; i <= 2; ++i) {
        Client extra(server.port());
        ASSERT_TRUE(answered(ask(extra), 503)) << "extra client " << i << ", with 3 open";
    }
    for (std::size_t i = 0; i < clients.size(); ++i)
        EXPECT_TRUE(answered(ask(*clients[i]), 200, "OK"))
            << "client " << i + 1 << " of the 3 allowed, after the refusals";
}

// The server learns of a close only when it reads it, so the test tries for up to 2 s.
EXERCISE_TEST(Ex10_2, ServesAgainWhenOneLeaves, fails_with("unknown option --max-connections")) {
    ServerProcess server({"--max-connections", "1"});
    auto clients = fill(server, 1);
    clients.clear();  // the one allowed leaves
    auto give_up = Clock::now() + 2s;
    Response response;
    do {
        Client next(server.port());
        response = ask(next);
        if (response.status != 503) break;
        std::this_thread::sleep_for(50ms);
    } while (Clock::now() < give_up);
    EXPECT_TRUE(answered(response, 200, "OK")) << "a new client, after the one allowed left";
}

EXERCISE_TEST(Ex10_2, ABadLimitIsRefused, fails_with("unknown option --max-connections")) {
    for (const char* bad : {"many", "-1", "5x", "99999999999"}) {
        EXPECT_TRUE(
            exited(run_to_exit({"--max-connections", bad}, 5s), 2, "--max-connections needs"))
            << "--max-connections " << bad;
    }
}
