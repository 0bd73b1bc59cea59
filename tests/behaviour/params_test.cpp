// Route captures, query and form parameters, a request header and an answer's status and header,
// over the wire (snow/ only): demo's recipes from snow/examples/params.hpp.
#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

SNOW_TEST(Params, ARouteCaptureReachesTheHandler, since(13)) {
    ServerProcess server;
    EXPECT_TRUE(answered(round_trip(server.port(), get("/hello/alice/")), 200, "hello, alice"));
    EXPECT_EQ(round_trip(server.port(), get("/hello/a-b/")).status, 404);  // \w+ only
}

SNOW_TEST(Params, AQueryParameterArrivesDecoded, since(13)) {
    ServerProcess server;
    EXPECT_TRUE(answered(round_trip(server.port(), get("/search/?q=snow+flake%21&page=2")), 200,
                         "searching for snow flake!"));
    EXPECT_TRUE(answered(round_trip(server.port(), get("/search/")), 200, "searching for nothing"));
}

SNOW_TEST(Params, AFormParameterArrivesDecoded, since(13)) {
    ServerProcess server;
    std::string body = "to=all&message=caf%C3%A9+au+lait";
    Response response =
        round_trip(server.port(),
                   "POST /form/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n\r\n" + body);
    EXPECT_TRUE(answered(response, 200, "{\"length\": 13}"));  // "café au lait": 13 bytes
    EXPECT_EQ(response.header("Content-Type").value_or(""), "application/json");
}

SNOW_TEST(Params, ARequestHeaderReachesTheHandler, since(13)) {
    ServerProcess server;
    // Field names are case-insensitive (RFC 9110, section 5.1): the handler asks for User-Agent.
    Response response = round_trip(server.port(), get("/agent/", "user-agent: tester/1.0\r\n"));
    EXPECT_TRUE(answered(response, 200, "you are tester/1.0"));
    EXPECT_TRUE(answered(round_trip(server.port(), get("/agent/")), 200, "you are someone"));
}

SNOW_TEST(Params, AnAnswerCarriesTheStatusAndHeaderItWasGiven, since(13)) {
    ServerProcess server;
    Response response = round_trip(server.port(), get("/old/"));
    EXPECT_TRUE(answered(response, 301, "moved to /index/"));
    EXPECT_EQ(response.header("Location").value_or(""), "/index/") << describe(response);
    EXPECT_EQ(response.status_line, "HTTP/1.1 301 Moved Permanently") << describe(response);
}
