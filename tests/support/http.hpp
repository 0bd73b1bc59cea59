// Speaking HTTP in tests: requests written by hand, answers read and taken apart.
#pragma once

#include <chrono>
#include <optional>
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

    // The first header called `name` (any case), if there is one.
    std::optional<std::string> header(std::string_view name) const;
};

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
void expect_refused(std::uint16_t port, const std::string& request, int status);

// After bad input, the server must still answer a well-formed GET /index/ with 200 on a fresh
// connection: no client's mistake is another's problem.
void expect_still_serving(std::uint16_t port);

}  // namespace snow_test
