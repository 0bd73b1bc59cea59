// The seed's first example (chapter 06 on): GET /index/ answers "OK"; a path without a route
// answers 404.
#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

SNOW_TEST(Index, AnswersIndexWithOk, since(6)) {
    ServerProcess server;
    Response response = round_trip(server.port(), get("/index/"));
    EXPECT_EQ(response.status_line, "HTTP/1.1 200 OK");
    EXPECT_EQ(response.body, "OK");
    EXPECT_EQ(response.header("Content-Length").value_or(""), "2");
}

SNOW_TEST(Index, AnswersAnUnknownPathWith404, since(6)) {
    ServerProcess server;
    Response response = round_trip(server.port(), get("/no/such/page"));
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.body, "404 Not Found");
}
