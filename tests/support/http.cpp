#include "http.hpp"

#include <algorithm>
#include <cctype>

#include <gtest/gtest.h>

namespace snow_test {
namespace {

bool same_name(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

// Fills status and headers from the head ("HTTP/1.1 200 OK\r\nName: value\r\n...\r\n\r\n").
void parse_head(const std::string& head, Response& response) {
    std::size_t line_end = head.find("\r\n");
    response.status_line = head.substr(0, line_end);
    if (response.status_line.size() >= 12 && response.status_line.starts_with("HTTP/1.")) {
        response.status = std::stoi(response.status_line.substr(9, 3));
    }
    std::size_t start = line_end + 2;
    while (start < head.size()) {
        std::size_t end = head.find("\r\n", start);
        std::string line = head.substr(start, end - start);
        start = end + 2;
        std::size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::size_t value = line.find_first_not_of(' ', colon + 1);
        response.headers.emplace_back(line.substr(0, colon),
                                      value == std::string::npos ? "" : line.substr(value));
    }
}

}  // namespace

std::optional<std::string> Response::header(std::string_view name) const {
    for (const auto& [field, value] : headers) {
        if (same_name(field, name)) return value;
    }
    return std::nullopt;
}

Response read_response(Client& client, bool answer_to_head, std::chrono::milliseconds timeout) {
    Response response;
    std::string head = client.read_until("\r\n\r\n", timeout);
    if (!head.ends_with("\r\n\r\n")) return response;
    parse_head(head, response);
    std::size_t length = std::stoul(response.header("Content-Length").value_or("0"));
    if (!answer_to_head) response.body = client.read_exactly(length, timeout);
    if (response.body.size() != (answer_to_head ? 0 : length)) response.status = 0;  // cut short
    return response;
}

std::string get(std::string_view path, std::string_view extra_headers) {
    return "GET " + std::string(path) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
           std::string(extra_headers) + "\r\n";
}

std::string post(std::string_view path, std::string_view body) {
    return "POST " + std::string(path) +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + std::string(body);
}

Response round_trip(std::uint16_t port, std::string_view request) {
    Client client(port);
    client.send(request);
    return read_response(client);
}

void expect_refused(std::uint16_t port, const std::string& request, int status) {
    Client client(port);
    client.send(request);
    Response response = read_response(client, false, 5s);
    EXPECT_EQ(response.status, status) << "for request: " << testing::PrintToString(request);
    EXPECT_TRUE(client.closed_by_server(5s)) << "still open after: " << request;
}

void expect_still_serving(std::uint16_t port) {
    EXPECT_EQ(round_trip(port, get("/index/")).status, 200);
}

}  // namespace snow_test
