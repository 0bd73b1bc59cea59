// Exercise 05.1 (docs/exercises/05-responses.md): `Connection: close` on the N-th request. With
// --max-requests N a connection serves at most N requests: answers 1 to N-1 keep it open, the
// N-th says "Connection: close" and the server closes the connection once it is sent. Requests
// pipelined after the N-th are not answered. Without the option there is no limit.
#include <memory>
#include <string>
#include <vector>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

// Passes if the answer's Connection header says close (when `last`) or does not (otherwise).
testing::AssertionResult says_close(const Response& response, bool last, int number) {
    std::string connection = response.header("Connection").value_or("");
    bool close = connection.find("close") != std::string::npos;
    if (response.status == 200 && close == last) return testing::AssertionSuccess();
    return testing::AssertionFailure() << "answer " << number
                                       << (last ? " should be the last: 200 with Connection: close"
                                                : " should keep the connection: 200, no close")
                                       << "; got " << describe(response);
}

}  // namespace

EXERCISE_TEST(Ex05_1, ClosesAfterTheNthRequest, fails_with("unknown option --max-requests")) {
    ServerProcess server({"--max-requests", "3"});
    Client client(server.port());
    for (int i = 1; i <= 3; ++i) {
        ASSERT_TRUE(client.send(get("/index/"))) << "request " << i << ": the server closed";
        EXPECT_TRUE(says_close(read_response(client), i == 3, i));
    }
    EXPECT_TRUE(client.closed_by_server(2s))
        << "the server kept the connection open for 2 s after the 3rd answer";
}

EXERCISE_TEST(Ex05_1, AnswersNoPipelinedRequestPastTheNth,
              fails_with("unknown option --max-requests")) {
    ServerProcess server({"--max-requests", "2"});
    Client client(server.port());
    std::string five;
    for (int i = 0; i < 5; ++i)
        five += get("/index/");
    ASSERT_TRUE(client.send(five));
    EXPECT_TRUE(says_close(read_response(client), false, 1));
    EXPECT_TRUE(says_close(read_response(client), true, 2));
    std::string after = client.read_until_close(2s);
    EXPECT_TRUE(after.empty() && client.closed())
        << "sent 5 pipelined requests with --max-requests 2; after the 2nd answer expected the "
        << "connection closed, got " << (after.empty() ? "nothing" : visible(after))
        << (client.closed() ? ", then the close" : " and no close within 2 s");
}

EXERCISE_TEST(Ex05_1, CountsEachConnectionApart, fails_with("unknown option --max-requests")) {
    ServerProcess server({"--max-requests", "2"});
    std::vector<std::unique_ptr<Client>> clients;
    for (int c = 0; c < 3; ++c)
        clients.push_back(std::make_unique<Client>(server.port()));
    for (int i = 1; i <= 2; ++i) {
        for (auto& client : clients) {  // interleaved: one request on each, then the next
            ASSERT_TRUE(client->send(get("/index/")));
            EXPECT_TRUE(says_close(read_response(*client), i == 2, i)) << client->name();
        }
    }
}
