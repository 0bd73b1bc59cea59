// Exercise 05.2 (docs/exercises/05-responses.md): byte ranges. A GET with "Range: bytes=FIRST-LAST"
// or "bytes=FIRST-" is answered 206 Partial Content with only those bytes of the answer and
// "Content-Range: bytes FIRST-LAST/SIZE" (LAST clipped to the end); a range that starts past the
// end gets 416 with "Content-Range: bytes */SIZE". Other methods, and other forms of Range, get
// the whole answer. ch05-http echoes a request's body, so a GET with the body "hello world" has
// an answer of 11 known bytes to take ranges of.
#include <optional>
#include <string>
#include <vector>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

const std::string kBody = "hello world";  // the answer's 11 bytes: "world" is 6-10

// `method` of kBody, with "Range: `range`".
std::string ranged(const std::string& method, const std::string& range) {
    return method + " /echo/ HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: " + range +
           "\r\nContent-Length: " + std::to_string(kBody.size()) + "\r\n\r\n" + kBody;
}

// Passes if `response` has `status`, `body` and exactly `content_range` in its Content-Range.
testing::AssertionResult answered_part(const Response& response, int status,
                                       const std::string& body, const std::string& content_range) {
    if (response.status == status && response.body == body &&
        response.header("Content-Range") == content_range)
        return testing::AssertionSuccess();
    std::optional<std::string> got = response.header("Content-Range");
    return testing::AssertionFailure()
           << "wanted " << status << " \"" << body << "\" with \"Content-Range: " << content_range
           << "\"\n"
           << describe(response) << (got ? ", Content-Range: " + *got : ", no Content-Range");
}

// Sends `requests` in one go on one connection, and reads one answer for each, in order.
std::vector<Response> pipelined(std::uint16_t port, const std::vector<std::string>& requests) {
    Client client(port, 3s);
    std::string all;
    for (const std::string& request : requests)
        all += request;
    client.send(all);
    std::vector<Response> answers;
    for (const std::string& request : requests) {
        answers.push_back(read_response(client, false, 3s));
        answers.back().request = request;
    }
    return answers;
}

}  // namespace

EXERCISE_TEST(Ex05_2, AnswersARangeWith206, fails_with("got HTTP/1.1 200 OK")) {
    ServerProcess server;
    EXPECT_TRUE(answered_part(round_trip(server.port(), ranged("GET", "bytes=6-10")), 206, "world",
                              "bytes 6-10/11"));
    // Ranges are defined for GET only: a POST's answer goes out whole.
    EXPECT_TRUE(answered(round_trip(server.port(), ranged("POST", "bytes=6-10")), 200, kBody));
}

// An open range runs to the end, a last byte past the end is clipped to it, and each part is
// framed right: the three answers, pipelined, come back whole and in order.
EXERCISE_TEST(Ex05_2, AnswersOpenAndClippedRanges, fails_with("got HTTP/1.1 200 OK")) {
    ServerProcess server;
    auto answers = pipelined(
        server.port(), {ranged("GET", "bytes=6-"), ranged("GET", "bytes=0-99"), get("/index/")});
    EXPECT_TRUE(answered_part(answers[0], 206, "world", "bytes 6-10/11"));
    EXPECT_TRUE(answered_part(answers[1], 206, kBody, "bytes 0-10/11"));
    EXPECT_TRUE(answered(answers[2], 200)) << "the GET /index/ after two parts";
}

// A range that starts past the end cannot be met: 416, which says how long the answer is. The
// request was well framed, so the connection stays open.
EXERCISE_TEST(Ex05_2, RefusesARangePastTheEnd, fails_with("got HTTP/1.1 200 OK")) {
    ServerProcess server;
    auto answers = pipelined(server.port(), {ranged("GET", "bytes=11-20"), get("/index/")});
    EXPECT_TRUE(answered(answers[0], 416));
    EXPECT_EQ(answers[0].header("Content-Range").value_or("none"), "bytes */11")
        << describe(answers[0]);
    EXPECT_TRUE(answered(answers[1], 200)) << "the GET /index/ after the 416";
}
