// A future may be resolved by another thread (chapter 08 on): GET /thread/ is resolved by a
// std::thread after 50 ms. set_result() wakes the loop through its eventfd, and the loop
// answers on its own thread.
#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

SNOW_TEST(Threads, AFutureResolvedByAnotherThreadIsAnsweredPromptly, since(8)) {
    ServerProcess server;
    Client client(server.port());
    auto start = Clock::now();
    client.send(get("/thread/"));
    Response response = read_response(client, false, 2s);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "from a thread");
    EXPECT_LT(Clock::now() - start, 200ms) << "the loop did not wake when the thread resolved it";
}

SNOW_TEST(Threads, ManyThreadsResolvingAtOnceAreAllAnswered, since(8)) {
    ServerProcess server;
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 50; ++i) {
        clients.push_back(std::make_unique<Client>(server.port()));
        clients.back()->send(get("/thread/"));
    }
    for (auto& client : clients)
        EXPECT_EQ(read_response(*client, false, 3s).body, "from a thread");
}
