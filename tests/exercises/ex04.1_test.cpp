// Exercise 04.1 (docs/exercises/04-request-parsing.md): reject a request line longer than N. With
// --max-request-line N, a request line longer than N bytes (not counting its CRLF) is answered
// 414 URI Too Long and the connection closed, as soon as more than N bytes of it have come, ended
// or not; a line of N bytes is served. Without the option N is 8192, as in the chapter.
#include <string>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

// "GET /aaa...a HTTP/1.1", exactly `length` bytes long.
std::string request_line(std::size_t length) {
    std::string frame = "GET / HTTP/1.1";
    return "GET /" + std::string(length - frame.size(), 'a') + " HTTP/1.1";
}

std::string request(std::size_t line_length) {
    return request_line(line_length) + "\r\nHost: 127.0.0.1\r\n\r\n";
}

}  // namespace

EXERCISE_TEST(Ex04_1, AnswersALongerRequestLineWith414,
              fails_with("unknown option --max-request-line")) {
    ServerProcess server({"--max-request-line", "100"});
    expect_refused(server.port(), request(101), 414);
}

EXERCISE_TEST(Ex04_1, ServesARequestLineOfExactlyN,
              fails_with("unknown option --max-request-line")) {
    ServerProcess server({"--max-request-line", "100"});
    EXPECT_TRUE(answered(round_trip(server.port(), request(100)), 200))
        << "a request line of 100 bytes, with --max-request-line 100";
}

// A client that never ends its line must not be waited for: past N bytes the answer is known.
EXERCISE_TEST(Ex04_1, RefusesALineThatHasNotEndedYet,
              fails_with("unknown option --max-request-line")) {
    ServerProcess server({"--max-request-line", "100"});
    Client client(server.port());
    std::string start = request_line(150);  // no CRLF: the line goes on, as far as we say
    ASSERT_TRUE(client.send(start));
    Response response = read_response(client, false, 2s);
    response.request = start;
    EXPECT_TRUE(answered(response, 414)) << "150 bytes of a request line, not ended";
}

EXERCISE_TEST(Ex04_1, TakesALimitAboveTheDefault, fails_with("unknown option --max-request-line")) {
    ServerProcess server({"--max-request-line", "20000"});
    EXPECT_TRUE(answered(round_trip(server.port(), request(16000)), 200))
        << "a request line of 16000 bytes, with --max-request-line 20000 (the default is 8192)";
    expect_refused(server.port(), request(20001), 414);
}
