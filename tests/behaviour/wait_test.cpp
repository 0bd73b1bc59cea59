// The seed's waiting example (chapter 07 on): GET /req/ parks its connection on a Future until
// GET /stop/ resolves the oldest one with "done". Meanwhile the loop serves everyone else.
#include <memory>
#include <thread>
#include <vector>

#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"
#include "server_process.hpp"
#include "tally.hpp"

using namespace snow_test;

namespace {

// Passes if nothing at all arrives on `client` within `quiet`: it is still waiting.
testing::AssertionResult still_waiting(Client& client, std::chrono::milliseconds quiet = 200ms) {
    std::string first = client.read_exactly(1, quiet);
    if (first.empty() && !client.closed()) return testing::AssertionSuccess();
    return testing::AssertionFailure() << (first.empty() ? "the server closed the connection"
                                                         : "an answer began: " + visible(first));
}

void stop(std::uint16_t port, std::source_location caller = std::source_location::current()) {
    CalledFrom trace(caller);
    EXPECT_TRUE(answered(round_trip(port, get("/stop/")), 200, "stop"));
}

}  // namespace

SNOW_TEST(Wait, ParkedRequestIsAnsweredWhenStopped, since(7)) {
    ServerProcess server;
    Client parked(server.port());
    parked.send(get("/req/"));
    EXPECT_TRUE(still_waiting(parked));
    stop(server.port());
    Response response = read_response(parked, false, 2s);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "done");
}

// The seed kept one self.request for all connections: every callback saw the latest request.
// Here each parked connection keeps its own. An HTTP/1.0 request must be closed after its answer
// and a HEAD request must get no body: a callback given another connection's request would
// get both wrong.
SNOW_TEST(Wait, ParkedRequestsAreAnsweredInOrderEachWithItsOwnRequest, since(7)) {
    ServerProcess server;
    Client old(server.port());
    Client head(server.port());
    Client plain(server.port());
    old.send("GET /req/ HTTP/1.0\r\n\r\n");
    std::this_thread::sleep_for(50ms);  // park them in a known order
    head.send("HEAD /req/ HTTP/1.1\r\nHost: x\r\n\r\n");
    std::this_thread::sleep_for(50ms);
    plain.send(get("/req/"));
    std::this_thread::sleep_for(50ms);

    stop(server.port());
    Response first = read_response(old, false, 2s);
    EXPECT_EQ(first.body, "done");
    EXPECT_EQ(first.header("Connection").value_or(""), "close");
    EXPECT_TRUE(old.closed_by_server(2s));
    EXPECT_TRUE(still_waiting(head));
    EXPECT_TRUE(still_waiting(plain));

    stop(server.port());
    Response second = read_response(head, true, 2s);
    EXPECT_EQ(second.status, 200);
    EXPECT_EQ(second.header("Content-Length").value_or(""), "4");
    EXPECT_TRUE(still_waiting(head)) << "HEAD got a body";
    EXPECT_TRUE(still_waiting(plain));

    stop(server.port());
    Response third = read_response(plain, false, 2s);
    EXPECT_EQ(third.body, "done");
    EXPECT_EQ(third.header("Connection").value_or(""), "keep-alive");
}

SNOW_TEST(Wait, AParkedClientThatLeavesIsForgotten, since(7)) {
    ServerProcess server;
    int before = server.open_descriptors();
    {
        Client leaving(server.port());
        leaving.send(get("/req/"));
        std::this_thread::sleep_for(100ms);
    }  // closes while parked
    int after = -1;
    for (int attempt = 0; attempt < 100 && after != before; ++attempt) {
        std::this_thread::sleep_for(10ms);
        after = server.open_descriptors();
    }
    EXPECT_EQ(after, before) << "the parked connection's descriptor was not closed";
    stop(server.port());  // resolves the future of the connection that left: harmless
    Client parked(server.port());
    parked.send(get("/req/"));
    EXPECT_TRUE(still_waiting(parked));
    stop(server.port());
    EXPECT_EQ(read_response(parked, false, 2s).body, "done");
    EXPECT_TRUE(server.running());
}

SNOW_TEST(Wait, StopWithNothingParkedStillAnswers, since(7)) {
    ServerProcess server;
    stop(server.port());  // the seed's futures.pop(0) raised IndexError here
    EXPECT_TRUE(server.running());
}

SNOW_TEST(Wait, ServesOthersPromptlyWhile100AreParked, since(7)) {
    ServerProcess server;
    std::vector<std::unique_ptr<Client>> parked;
    for (int i = 0; i < 100; ++i) {
        parked.push_back(std::make_unique<Client>(server.port()));
        parked.back()->send(get("/req/"));
    }
    std::this_thread::sleep_for(100ms);
    auto start = std::chrono::steady_clock::now();
    Response response = round_trip(server.port(), get("/elsewhere/"));  // 404 in every program
    EXPECT_TRUE(answered(response, 404));
    EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);
    Tally stopped("GET /stop/ answered 200 \"stop\"");
    for (int i = 0; i < 100; ++i)
        stopped.add(answered(round_trip(server.port(), get("/stop/")), 200, "stop"),
                    "stop " + std::to_string(i));
    EXPECT_TRUE(stopped.all_passed());
    Countdown limit(2s);
    Tally done("parked GET /req/ answered \"done\" within 2 s");
    for (int i = 0; i < 100; ++i) {
        Response response = read_response(*parked[i], false, limit.left());
        response.request = get("/req/");
        done.add(answered(response, 200, "done"), "parked client " + std::to_string(i));
    }
    EXPECT_TRUE(done.all_passed());
}

// Requests pipelined behind a parked one wait their turn: answers go out in order.
SNOW_TEST(Wait, RequestsBehindAParkedOneWaitTheirTurn, since(7)) {
    ServerProcess server;
    Client client(server.port());
    client.send(get("/req/") + get("/elsewhere/"));
    EXPECT_TRUE(still_waiting(client));
    stop(server.port());
    EXPECT_EQ(read_response(client, false, 2s).body, "done");
    EXPECT_EQ(read_response(client, false, 2s).status, 404);
}
