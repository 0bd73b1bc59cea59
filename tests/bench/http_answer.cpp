#include "http_answer.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace {

bool same_letters(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// The Content-Length header's value in `head` (from the status line to the blank line), or 0.
std::size_t content_length(std::string_view head) {
    constexpr std::string_view kName = "content-length:";
    for (std::size_t start = head.find("\r\n"); start != std::string_view::npos;) {
        start += 2;
        std::size_t end = head.find("\r\n", start);
        std::string_view line = head.substr(start, end - start);
        if (line.size() > kName.size() && same_letters(line.substr(0, kName.size()), kName)) {
            std::string_view value = line.substr(kName.size());
            while (!value.empty() && value.front() == ' ')
                value.remove_prefix(1);
            std::size_t length = 0;
            std::from_chars(value.data(), value.data() + value.size(), length);
            return length;
        }
        start = end;
    }
    return 0;
}

}  // namespace

std::size_t answer_length(std::string_view bytes) {
    std::size_t blank = bytes.find("\r\n\r\n");
    if (blank == std::string_view::npos) return 0;
    std::size_t total = blank + 4 + content_length(bytes.substr(0, blank));
    return bytes.size() >= total ? total : 0;
}

int answer_status(std::string_view bytes) {
    // "HTTP/1.1 200 OK": the code is the three digits after the first space.
    if (!bytes.starts_with("HTTP/") || bytes.size() < 12) return 0;
    int status = 0;
    std::from_chars(bytes.data() + 9, bytes.data() + 12, status);
    return status;
}

std::string get_request(std::string_view path, bool close) {
    std::string request = "GET ";
    request += path;
    request += " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (close) request += "Connection: close\r\n";
    request += "\r\n";
    return request;
}
