#include "http.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ostream>

#include "deadline.hpp"

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
        const char* code = response.status_line.data() + 9;
        std::from_chars(code, code + 3, response.status);  // left 0 if it is no number
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

std::string seconds(std::chrono::milliseconds time) {
    std::string text = std::to_string(time.count() / 1000);
    if (time.count() % 1000 != 0) text += "." + std::to_string(time.count() % 1000 / 100);
    return text + " s";
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
    std::string head;
    {
        Waiting waiting("an answer on the " + client.name());
        head = client.read_until("\r\n\r\n", timeout);
    }
    std::string why = client.closed() ? "then the server closed the connection"
                                      : "then nothing within " + seconds(timeout);
    if (!head.ends_with("\r\n\r\n")) {
        response.missing =
            head.empty() ? "no answer: " + why.substr(5) : visible(head) + ", " + why;
        return response;
    }
    parse_head(head, response);
    if (response.status == 0) {
        response.missing = visible(head) + ", which is no HTTP/1.x answer";
        return response;
    }
    std::string length = response.header("Content-Length").value_or("0");
    std::size_t size = 0;
    auto [end, error] = std::from_chars(length.data(), length.data() + length.size(), size);
    if (error != std::errc() || end != length.data() + length.size()) {
        response.missing = visible(head) + ", whose Content-Length is not a number";
        response.status = 0;
        return response;
    }
    if (!answer_to_head) response.body = client.read_exactly(size, timeout);
    if (response.body.size() != (answer_to_head ? 0 : size)) {
        response.missing = visible(head) + " and " + std::to_string(response.body.size()) +
                           " of its " + std::to_string(size) + " body bytes, " + why;
        response.status = 0;  // cut short
    }
    return response;
}

std::string describe(const Response& response) {
    std::string text;
    if (!response.request.empty()) {
        std::string_view request = response.request;
        auto line = request.substr(0, request.find_first_of("\r\n"));  // "GET /x/ HTTP/1.1"
        line = line.substr(0, line.find(' ', line.find(' ') + 1));     // "GET /x/"
        text += "sent " + std::string(line) + ": " + visible(request) + "\n";
    }
    if (!response.missing.empty()) return text + "got " + response.missing;
    text += "got " + response.status_line;
    if (!response.body.empty()) text += ", body " + visible(response.body);
    return text;
}

void PrintTo(const Response& response, std::ostream* out) {
    *out << describe(response);
}

testing::AssertionResult answered(const Response& response, int status,
                                  std::optional<std::string_view> body) {
    if (response.status == status && (!body || response.body == *body)) {
        return testing::AssertionSuccess();
    }
    std::string wanted = std::to_string(status) + (body ? " " + visible(*body) : "");
    return testing::AssertionFailure() << "wanted " << wanted << "\n" << describe(response);
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
    Waiting waiting("the answer to " + visible(request, 60));
    Client client(port);
    client.send(request);
    Response response = read_response(client);
    response.request = request;
    return response;
}

void expect_refused(std::uint16_t port, const std::string& request, int status,
                    std::source_location caller) {
    CalledFrom trace(caller);
    Client client(port);
    client.send(request);
    Response response = read_response(client, false, 5s);
    response.request = request;
    EXPECT_TRUE(answered(response, status));
    if (response.status != status) return;  // failed already: no need to wait for the close
    EXPECT_TRUE(client.closed_by_server(5s))
        << "the connection is still open 5 s after the answer to " << visible(request);
}

void expect_still_serving(std::uint16_t port, std::source_location caller) {
    CalledFrom trace(caller);
    EXPECT_TRUE(answered(round_trip(port, get("/index/")), 200));
}

}  // namespace snow_test
