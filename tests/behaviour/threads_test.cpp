// A future may be resolved by another thread (chapter 08 on): GET /thread/ is resolved by a
// std::thread after 50 ms. set_result() wakes the loop through its eventfd, and the loop
// answers on its own thread.
#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"
#include "server_process.hpp"
#include "tally.hpp"

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
    Countdown limit(3s);
    Tally answered_all("GET /thread/ answered \"from a thread\" within 3 s");
    for (std::size_t i = 0; i < clients.size(); ++i) {
        Response response = read_response(*clients[i], false, limit.left());
        response.request = get("/thread/");
        answered_all.add(answered(response, 200, "from a thread"), "client " + std::to_string(i));
    }
    EXPECT_TRUE(answered_all.all_passed());
}
