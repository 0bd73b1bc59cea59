// Exercise 06.1 (docs/exercises/06-routing.md): answer OPTIONS. OPTIONS on a path that some route
// matches is answered 204 No Content, with an Allow header listing the methods of every route
// that matches it, in the routes' order, HEAD right after GET, and OPTIONS last:
// "Allow: GET, HEAD, OPTIONS" for /index/. Other paths: 404, as for any method.
#include <string>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

std::string options(const std::string& path) {
    return "OPTIONS " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

// Passes if `response` is a 204 with exactly `allow` in its Allow header, and no body.
testing::AssertionResult allows(const Response& response, const std::string& allow) {
    if (response.status == 204 && response.header("Allow") == allow && response.body.empty())
        return testing::AssertionSuccess();
    return testing::AssertionFailure()
           << "wanted 204 with \"Allow: " << allow << "\" and no body\n"
           << describe(response)
           << (response.header("Allow") ? ", Allow: " + *response.header("Allow") : ", no Allow");
}

}  // namespace

EXERCISE_TEST(Ex06_1, AnswersOptionsWithTheMethodsOfThePath,
              fails_with("got HTTP/1.1 405 Method Not Allowed")) {
    ServerProcess server;
    EXPECT_TRUE(allows(round_trip(server.port(), options("/index/")), "GET, HEAD, OPTIONS"));
}

EXERCISE_TEST(Ex06_1, AnswersOptionsOnAPostRoute,
              fails_with("got HTTP/1.1 405 Method Not Allowed")) {
    ServerProcess server;
    EXPECT_TRUE(allows(round_trip(server.port(), options("/echo/")), "POST, OPTIONS"));
}

// An answer without a body must still end where it ends: the next answer on the connection
// starts right after it.
EXERCISE_TEST(Ex06_1, KeepsTheConnectionAfterOptions,
              fails_with("got HTTP/1.1 405 Method Not Allowed")) {
    ServerProcess server;
    Client client(server.port());
    ASSERT_TRUE(client.send(options("/index/") + get("/index/")));  // pipelined
    Response first = read_response(client);
    first.request = options("/index/");
    EXPECT_TRUE(allows(first, "GET, HEAD, OPTIONS"));
    EXPECT_TRUE(answered(read_response(client), 200, "OK")) << "the GET /index/ after OPTIONS";
}
