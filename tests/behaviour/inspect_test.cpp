// Chapters 04-05 answer a request without a body with what their parser made of it, one
// "name: value" line per part. These tests read that description. (From chapter 06 on the
// programs serve routes instead; the parser's unit tests keep checking the same things.)
#include <string>

#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

bool describes(const Response& response, const std::string& line) {
    return response.body.find(line + "\n") != std::string::npos;
}

}  // namespace

// The seed split "Host: localhost:8012" on every ':' into three parts and dropped it.
SNOW_TEST(Inspect, KeepsAHostWithAPortWhole, since(4)) {
    ServerProcess server;
    std::string host = "127.0.0.1:" + std::to_string(server.port());
    Response response = round_trip(server.port(), "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    EXPECT_TRUE(describes(response, "header: Host: " + host)) << response.body;
}

SNOW_TEST(Inspect, SplitsTheTargetIntoPathAndQuery, since(4)) {
    ServerProcess server;
    Response response = round_trip(server.port(), get("/search/?q=snow&page=2"));
    EXPECT_TRUE(describes(response, "method: GET")) << response.body;
    EXPECT_TRUE(describes(response, "path: /search/")) << response.body;
    EXPECT_TRUE(describes(response, "query: q=snow&page=2")) << response.body;
}

SNOW_TEST(Inspect, TrimsSpacesAroundHeaderValues, since(4)) {
    ServerProcess server;
    Response response = round_trip(server.port(), get("/", "X-Spaced: \t  some value \t\r\n"));
    EXPECT_TRUE(describes(response, "header: X-Spaced: some value")) << response.body;
}

SNOW_TEST(Inspect, ReadsAnAbsoluteFormTarget, since(4)) {
    ServerProcess server;
    Response response = round_trip(server.port(),
                                   "GET http://example.test/a/b?c HTTP/1.1\r\n"
                                   "Host: example.test\r\n\r\n");
    EXPECT_TRUE(describes(response, "path: /a/b")) << response.body;
    EXPECT_TRUE(describes(response, "query: c")) << response.body;
}

SNOW_TEST(Inspect, AcceptsHttp10WithoutAHost, since(4)) {
    ServerProcess server;
    Response response = round_trip(server.port(), "GET /old/ HTTP/1.0\r\n\r\n");
    EXPECT_EQ(response.status, 200);
    EXPECT_TRUE(describes(response, "version: HTTP/1.0")) << response.body;
}
