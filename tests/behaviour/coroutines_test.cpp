// Coroutine handlers (chapter 09 on): GET /twice/ awaits two timers in a row, GET /ready/ awaits
// a future that is already resolved, GET /boom/ throws after an await.
#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"
#include "server_process.hpp"
#include "tally.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

SNOW_TEST(Coroutines, AwaitTwiceInSequence, since(9)) {
    ServerProcess server;
    auto start = Clock::now();
    Response response = round_trip(server.port(), get("/twice/"));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "once, twice");
    EXPECT_GE(Clock::now() - start, 40ms) << "two 20 ms timers, one after the other";
}

SNOW_TEST(Coroutines, AwaitAFutureThatIsAlreadyResolved, since(9)) {
    ServerProcess server;
    Response response = round_trip(server.port(), get("/ready/"));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "ready for /ready/");
}

SNOW_TEST(Coroutines, AThrowingCoroutineGets500AndTheServerGoesOn, since(9)) {
    ServerProcess server;
    Client client(server.port());
    client.send(get("/boom/") + get("/index/"));  // the second request, on the same connection
    EXPECT_EQ(read_response(client, false, 2s).status, 500);
    EXPECT_EQ(read_response(client, false, 2s).body, "OK");
    EXPECT_TRUE(server.running());
    EXPECT_EQ(round_trip(server.port(), get("/index/")).body, "OK");
}

SNOW_TEST(Coroutines, ManyCoroutinesWaitAtOnce, since(9)) {
    ServerProcess server;
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 200; ++i) {
        clients.push_back(std::make_unique<Client>(server.port()));
        clients.back()->send(get("/twice/"));
    }
    Countdown limit(5s);
    Tally answered_all("GET /twice/ answered \"once, twice\" within 5 s");
    for (std::size_t i = 0; i < clients.size(); ++i) {
        Response response = read_response(*clients[i], false, limit.left());
        response.request = get("/twice/");
        answered_all.add(answered(response, 200, "once, twice"), "client " + std::to_string(i));
    }
    EXPECT_TRUE(answered_all.all_passed());
}
