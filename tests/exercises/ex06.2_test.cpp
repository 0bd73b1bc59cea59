// Exercise 06.2 (docs/exercises/06-routing.md): the missing slash. A request whose path no route
// takes, but which a route would answer with a '/' appended, is answered 308 Permanent Redirect
// with "Location: <path>/", the query kept: "GET /index" goes to "/index/". Any other path that
// no route takes is still 404.
#include <string>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

// Passes if `response` is a 308 to exactly `location`.
testing::AssertionResult redirects_to(const Response& response, const std::string& location) {
    if (response.status == 308 && response.header("Location") == location)
        return testing::AssertionSuccess();
    return testing::AssertionFailure()
           << "wanted 308 with \"Location: " << location << "\"\n"
           << describe(response)
           << (response.header("Location") ? ", Location: " + *response.header("Location")
                                           : ", no Location");
}

}  // namespace

EXERCISE_TEST(Ex06_2, RedirectsAPathWithoutItsSlash, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    EXPECT_TRUE(redirects_to(round_trip(server.port(), get("/index")), "/index/"));
    // Only where a route would answer: no route takes "/nowhere/", none takes DELETE /index/.
    EXPECT_TRUE(answered(round_trip(server.port(), get("/nowhere")), 404));
    EXPECT_TRUE(
        answered(round_trip(server.port(), "DELETE /index HTTP/1.1\r\nHost: x\r\n\r\n"), 404));
}

EXERCISE_TEST(Ex06_2, KeepsTheQueryInTheRedirect, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    EXPECT_TRUE(redirects_to(round_trip(server.port(), get("/index?page=2")), "/index/?page=2"));
}

// A POST is redirected too (308 tells the client to send it again, body and all), and its body
// is read past: the next request on the connection is answered as it should be.
EXERCISE_TEST(Ex06_2, RedirectsAPostAndKeepsTheConnection,
              fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server;
    Client client(server.port(), 3s);
    ASSERT_TRUE(client.send(post("/echo", "hello") + get("/index/")));  // pipelined
    Response first = read_response(client, false, 3s);
    first.request = post("/echo", "hello");
    EXPECT_TRUE(redirects_to(first, "/echo/"));
    EXPECT_TRUE(answered(read_response(client, false, 3s), 200, "OK"))
        << "the GET /index/ after the POST /echo";
}
