// Exercise 04.2 (docs/exercises/04-request-parsing.md): "Expect: 100-continue". A client that
// sends it with a body waits, before it sends the body, to hear that the head is fine. Once the
// head is parsed and the body has still to come, ch04-http sends it
//     HTTP/1.1 100 Continue\r\n\r\n
// once, then reads the body and answers as before. The expectation's name and value are read in
// any case; an HTTP/1.0 request's Expect is ignored, as RFC 9110 section 10.1.1 says.
#include <string>
#include <thread>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// The head of a POST of five bytes that says `expect` (an "Expect: ..." line and its CRLF).
std::string head(std::string_view expect, std::string_view version = "HTTP/1.1") {
    return "POST /upload " + std::string(version) + "\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n" +
           std::string(expect) + "\r\n";
}

// Sends `sent`, a head without its body, and passes if exactly the 100 comes back within 2 s.
testing::AssertionResult says_continue(Client& client, const std::string& sent) {
    if (!client.send(sent)) return testing::AssertionFailure() << "the server closed";
    std::string got = client.read_until("\r\n\r\n", 2s);
    if (got == kContinue) return testing::AssertionSuccess();
    return testing::AssertionFailure()
           << "sent the head " << visible(sent) << " and no body; wanted HTTP/1.1 100 Continue "
           << "within 2 s, before the body; got " << (got.empty() ? "nothing" : visible(got))
           << (client.closed() ? ", then the close" : "");
}

// Sends the body in `pieces` and reads the answer, which must be 200 with the body.
testing::AssertionResult answers_body(Client& client, std::string_view sent_head,
                                      std::initializer_list<std::string_view> pieces) {
    std::string body;
    for (std::string_view piece : pieces) {
        if (!body.empty()) std::this_thread::sleep_for(100ms);  // one read each on the server
        if (!client.send(piece)) return testing::AssertionFailure() << "the server closed";
        body += piece;
    }
    Response response = read_response(client, false, 2s);
    response.request = std::string(sent_head) + body;
    return answered(response, 200, body);
}

// On a new connection: the head saying `expect`, the 100, then the body in `pieces` and its 200.
testing::AssertionResult continues(const ServerProcess& server, std::string_view expect,
                                   std::initializer_list<std::string_view> pieces) {
    Client client(server.port());
    std::string sent = head(expect);
    testing::AssertionResult said = says_continue(client, sent);
    return said ? answers_body(client, sent, pieces) : said;
}

}  // namespace

EXERCISE_TEST(Ex04_2, SaysContinueBeforeTheBody,
              fails_with("wanted HTTP/1.1 100 Continue within 2 s")) {
    ServerProcess server;
    EXPECT_TRUE(continues(server, "Expect: 100-continue\r\n", {"hello"}));
}

// Sent after the head, not after each read: a body in two pieces gets one 100, then the answer.
EXERCISE_TEST(Ex04_2, SaysItOnceForABodyInPieces,
              fails_with("wanted HTTP/1.1 100 Continue within 2 s")) {
    ServerProcess server;
    EXPECT_TRUE(continues(server, "Expect: 100-continue\r\n", {"hel", "lo"}));
}

// Field names are case-insensitive (RFC 9110 section 5.1), and so is the expectation (10.1.1).
EXERCISE_TEST(Ex04_2, ReadsTheExpectationInAnyCase,
              fails_with("wanted HTTP/1.1 100 Continue within 2 s")) {
    ServerProcess server;
    EXPECT_TRUE(continues(server, "expect: 100-Continue\r\n", {"hello"}));
}

// HTTP/1.0 had no Expect: a 1.0 client does not wait, so it gets no 100 (RFC 9110 10.1.1).
EXERCISE_TEST(Ex04_2, IgnoresTheExpectationOfHttp10,
              fails_with("wanted HTTP/1.1 100 Continue within 2 s")) {
    ServerProcess server;
    {
        Client client(server.port());  // first, that this server says it at all
        ASSERT_TRUE(says_continue(client, head("Expect: 100-continue\r\n")));
    }
    Client client(server.port());
    std::string sent = head("Expect: 100-continue\r\n", "HTTP/1.0");
    ASSERT_TRUE(client.send(sent));
    std::string early = client.read_until("\r\n\r\n", 500ms);
    EXPECT_TRUE(early.empty()) << "sent the HTTP/1.0 head " << visible(sent)
                               << " and no body; wanted nothing back yet, got " << visible(early);
    EXPECT_TRUE(answers_body(client, sent, {"hello"})) << "an HTTP/1.0 request that says Expect";
}
