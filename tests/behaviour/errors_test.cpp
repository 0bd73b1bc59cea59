// Errors in handlers (chapter 10 on): GET /throw/ throws from a plain handler. It gets 500 and
// a line on stderr; no other request or connection notices.
#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"
#include "server_process.hpp"
#include "tally.hpp"

using namespace snow_test;

SNOW_TEST(Errors, AThrowingHandlerGets500AndALogLine, since(10)) {
    ServerProcess server;
    Client client(server.port());
    client.send(get("/throw/") + get("/index/"));  // the next request on the same connection
    EXPECT_EQ(read_response(client).status, 500);
    EXPECT_EQ(read_response(client).body, "OK");
    EXPECT_TRUE(contains(server.error_output(), "GET /throw/ HTTP/1.1"));
    expect_still_serving(server.port());
}

SNOW_TEST(Errors, AnErrorOnOneConnectionLeavesTheOthersAlone, since(10)) {
    ServerProcess server;
    Client parked(server.port());
    parked.send(get("/req/"));
    std::this_thread::sleep_for(50ms);
    Tally failed("GET /throw/ answered 500");
    for (int i = 0; i < 20; ++i)
        failed.add(answered(round_trip(server.port(), get("/throw/")), 500),
                   "request " + std::to_string(i));
    EXPECT_TRUE(failed.all_passed());
    EXPECT_EQ(round_trip(server.port(), get("/stop/")).body, "stop");
    EXPECT_EQ(read_response(parked, false, 2s).body, "done");
}
