// Exercise 12.1 (docs/exercises/12-measuring.md): a /stats/ route. GET /stats/ is answered 200
// with the server's counters, one a line: "connections N\nrequests M\n", N the connections open
// now (the one asking included) and M the whole requests read since the start (this one
// included).
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

namespace {

std::string stats(int connections, int requests) {
    return "connections " + std::to_string(connections) + "\nrequests " + std::to_string(requests) +
           "\n";
}

// `n` clients, each with one GET /index/ answered: the server has accepted them all.
std::vector<std::unique_ptr<Client>> connect(const ServerProcess& server, int n) {
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < n; ++i) {
        clients.push_back(std::make_unique<Client>(server.port()));
        clients.back()->send(get("/index/"));
        read_response(*clients.back());
    }
    return clients;
}

}  // namespace

EXERCISE_TEST(Ex12_1, CountsItself, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    EXPECT_TRUE(answered(round_trip(server.port(), get("/stats/")), 200, stats(1, 1)))
        << "the first request to a new server";
}

EXERCISE_TEST(Ex12_1, CountsOpenConnectionsAndRequests, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    auto clients = connect(server, 3);
    Client client(server.port());
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(client.send(get("/index/")));
        read_response(client);
    }
    ASSERT_TRUE(client.send(get("/stats/")));
    EXPECT_TRUE(answered(read_response(client), 200, stats(4, 6)))
        << "after 3 clients sent a request each, and a 4th sent 2 and asks";
}

// A client that hangs up is no longer counted, once the server has seen it go.
EXERCISE_TEST(Ex12_1, ForgetsClosedConnections, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    auto clients = connect(server, 3);
    clients.resize(1);  // two close
    Client client(server.port());
    Response response;
    for (int i = 1; i <= 20; ++i) {
        ASSERT_TRUE(client.send(get("/stats/")));
        response = read_response(client);
        ASSERT_EQ(response.status, 200) << describe(response);
        if (response.body.starts_with("connections 2\n")) return;
        std::this_thread::sleep_for(50ms);  // the server may not have read their close yet
    }
    ADD_FAILURE() << "wanted \"connections 2\" within 1 s after 2 of 3 clients closed\n"
                  << describe(response);
}
