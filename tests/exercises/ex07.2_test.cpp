// Exercise 07.2 (docs/exercises/07-futures.md): a /stopall/. GET /stopall/ resolves the future of
// every parked /req/ at once, each with "done", and answers 200 with how many it resolved, in
// decimal ("3"). Each parked /req/ is then answered 200 "done" on its own connection, which stays
// open. A /req/ parked after it waits for the next /stop/ or /stopall/.
#include <memory>
#include <string>
#include <vector>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

// Parks `n` GET /req/ requests, each on its own connection, and makes sure the server has read
// them: a /stopall/ sent on another connection might otherwise be served first.
std::vector<std::unique_ptr<Client>> park(const ServerProcess& server, int n) {
    std::vector<std::unique_ptr<Client>> parked;
    for (int i = 0; i < n; ++i) {
        parked.push_back(std::make_unique<Client>(server.port(), 3s));
        parked.back()->send(get("/req/"));
    }
    // A round trip through the loop: it has read every /req/ sent before this one is answered.
    round_trip(server.port(), get("/index/"));
    return parked;
}

// The answer to the /req/ parked on `client`, waited for at most `timeout`.
Response answer_to_req(Client& client, std::chrono::milliseconds timeout = 3s) {
    Response response = read_response(client, false, timeout);
    response.request = get("/req/");
    return response;
}

}  // namespace

EXERCISE_TEST(Ex07_2, WakesEveryParkedRequest, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    auto parked = park(server, 3);
    ASSERT_TRUE(answered(round_trip(server.port(), get("/stopall/")), 200, "3"))
        << "after parking 3 GET /req/";
    for (std::size_t i = 0; i < parked.size(); ++i) {
        EXPECT_TRUE(answered(answer_to_req(*parked[i]), 200, "done")) << "/req/ number " << i + 1;
    }
}

// The woken connections stay open: each answers its next request as any connection does.
EXERCISE_TEST(Ex07_2, KeepsTheWokenConnections, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    auto parked = park(server, 2);
    ASSERT_TRUE(answered(round_trip(server.port(), get("/stopall/")), 200, "2"));
    for (auto& client : parked) {
        ASSERT_TRUE(answered(answer_to_req(*client), 200, "done"));
        ASSERT_TRUE(client->send(get("/index/")));
        EXPECT_TRUE(answered(read_response(*client, false, 3s), 200, "OK"))
            << "GET /index/ on a connection whose /req/ /stopall/ woke";
    }
}

// /stopall/ empties the list: a second one finds nobody, and a /req/ parked after it is not
// answered until someone resolves it.
EXERCISE_TEST(Ex07_2, ForgetsWhomItWoke, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    auto parked = park(server, 2);
    ASSERT_TRUE(answered(round_trip(server.port(), get("/stopall/")), 200, "2"));
    EXPECT_TRUE(answered(round_trip(server.port(), get("/stopall/")), 200, "0"))
        << "a second /stopall/ with nobody parked";
    auto late = park(server, 1);
    Response early = answer_to_req(*late[0], 300ms);
    EXPECT_EQ(early.status, 0) << "a /req/ parked after /stopall/ must wait, but\n"
                               << describe(early);
    ASSERT_TRUE(answered(round_trip(server.port(), get("/stop/")), 200, "stop"));
    EXPECT_TRUE(answered(answer_to_req(*late[0]), 200, "done")) << "the /req/ the /stop/ resolved";
}
