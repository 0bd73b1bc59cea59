// Speaking HTTP in tests: requests written by hand, answers read and taken apart.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <iosfwd>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "client.hpp"

namespace snow_test {

// One answer as it came over the wire.
struct Response {
    std::string status_line;  // "HTTP/1.1 200 OK"; empty if no answer came
    int status = 0;           // 200; 0 if no whole answer came
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // For messages: the request it answers, if the kit sent it (round_trip), and, when no whole
    // answer came, what did and why it stopped ("nothing within 2 s", "the server closed").
    std::string request;
    std::string missing;

    // The first header called `name` (any case), if there is one.
    std::optional<std::string> header(std::string_view name) const;
};

// "sent GET /stop/ "GET /stop/ HTTP/1.1\r\n...", got HTTP/1.1 404 Not Found, body "..."": what a
// failed check should say about an exchange. A Response prints itself this way, too.
std::string describe(const Response& response);
void PrintTo(const Response& response, std::ostream* out);

// Passes if `response` has `status` (and `body`, if given); if not, says what was sent and what
// came back. EXPECT_TRUE(answered(round_trip(port, get("/stop/")), 200, "stop"));
testing::AssertionResult answered(const Response& response, int status,
                                  std::optional<std::string_view> body = std::nullopt);

// Reads one answer: the head, then as many body bytes as its Content-Length says (none for an
// answer to HEAD). Bytes after it stay in the client for the next read_response().
Response read_response(Client& client, bool answer_to_head = false,
                       std::chrono::milliseconds timeout = 10s);

// "GET /path HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", with any extra header lines given (each
// ending in \r\n).
std::string get(std::string_view path, std::string_view extra_headers = "");

// A POST of `body` to `path` with its Content-Length.
std::string post(std::string_view path, std::string_view body);

// Sends `request` on a new connection and reads one answer.
Response round_trip(std::uint16_t port, std::string_view request);

// Sends `request` on a new connection; expects the answer `status`, then the connection closed.
// A failure names the request, what came back, and the line that called.
void expect_refused(std::uint16_t port, const std::string& request, int status,
                    std::source_location caller = std::source_location::current());

// After bad input, the server must still answer a well-formed GET /index/ with 200 on a fresh
// connection: no client's mistake is another's problem.
void expect_still_serving(std::uint16_t port,
                          std::source_location caller = std::source_location::current());

// For a helper's failures: adds "called from FILE:LINE" to every failure while it lives.
class CalledFrom {
  public:
    explicit CalledFrom(std::source_location caller)
        : trace_(caller.file_name(), static_cast<int>(caller.line()), "called from here") {}

  private:
    testing::ScopedTrace trace_;
};

}  // namespace snow_test
