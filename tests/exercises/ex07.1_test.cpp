// Exercise 07.1 (docs/exercises/07-futures.md): a /count/ of parked requests. GET /count/ answers
// 200 with the number of /req/ requests parked now, in decimal ("3"): each GET /req/ adds one,
// each GET /stop/ that resolves one takes one away.
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
// them: a /count/ sent on another connection might otherwise be served first.
std::vector<std::unique_ptr<Client>> park(const ServerProcess& server, int n) {
    std::vector<std::unique_ptr<Client>> parked;
    for (int i = 0; i < n; ++i) {
        parked.push_back(std::make_unique<Client>(server.port()));
        parked.back()->send(get("/req/"));
    }
    // A round trip through the loop: it has read every /req/ sent before this one is answered.
    round_trip(server.port(), get("/index/"));
    return parked;
}

}  // namespace

EXERCISE_TEST(Ex07_1, CountsNothingAtFirst, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    EXPECT_TRUE(answered(round_trip(server.port(), get("/count/")), 200, "0"));
}

EXERCISE_TEST(Ex07_1, CountsTheParkedRequests, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    auto parked = park(server, 3);
    EXPECT_TRUE(answered(round_trip(server.port(), get("/count/")), 200, "3"))
        << "after parking 3 GET /req/";
}

EXERCISE_TEST(Ex07_1, CountsOneLessAfterAStop, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    auto parked = park(server, 3);
    ASSERT_TRUE(answered(round_trip(server.port(), get("/stop/")), 200, "stop"));
    ASSERT_TRUE(answered(read_response(*parked[0]), 200, "done")) << "the oldest /req/";
    EXPECT_TRUE(answered(round_trip(server.port(), get("/count/")), 200, "2"))
        << "after parking 3 GET /req/ and resolving one with /stop/";
}
