#include "request_parser.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace {

// RFC 9110 section 5.6.2: a token (method, field name) is one or more of these characters.
bool is_token_char(char c) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), is_token_char);
}

// A request-target is visible ASCII: no spaces, no control bytes, no raw bytes >= 0x80.
bool is_target_char(char c) {
    return c > 0x20 && c < 0x7f;
}

// A field value may hold visible ASCII, spaces, tabs and (for old clients) bytes >= 0x80, but no
// control byte: a CR, LF or NUL inside a value is how header injection attacks start.
bool is_value_char(char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_hex_digit(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// What a host name may hold unencoded: letters, digits, "-._~" and the sub-delims (RFC 3986).
bool is_host_char(char c) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c);
    return alnum || std::string_view("-._~!$&'()*+,;=").find(c) != std::string_view::npos;
}

// uri-host [ ":" port ] (RFC 9112 section 3.2, RFC 3986 section 3.2.2): a name or an IPv4
// address, or an IPv6 address in brackets, then perhaps a port. Anything else (a space, a '/',
// a user name before '@') is a Host that a proxy in front of us may read differently.
bool is_host(std::string_view host) {
    std::size_t i = 0;
    if (host.starts_with('[')) {  // "[::1]": the colons inside are not the port's
        std::size_t close = host.find(']');
        if (close == std::string_view::npos || close == 1) return false;
        for (i = 1; i < close; ++i) {
            if (!is_host_char(host[i]) && host[i] != ':') return false;
        }
        ++i;
    } else {
        for (; i < host.size() && host[i] != ':'; ++i) {
            bool encoded = host[i] == '%' && i + 2 < host.size() && is_hex_digit(host[i + 1]) &&
                           is_hex_digit(host[i + 2]);
            if (encoded) {
                i += 2;
            } else if (!is_host_char(host[i])) {
                return false;
            }
        }
    }
    if (i == host.size()) return true;
    return host[i] == ':' && std::all_of(host.begin() + i + 1, host.end(), is_digit);
}

// "HTTP/" DIGIT "." DIGIT, exactly (RFC 9112 section 2.3).
bool is_http_version(std::string_view text) {
    return text.size() == 8 && text.starts_with("HTTP/") && is_digit(text[5]) && text[6] == '.' &&
           is_digit(text[7]);
}

// The path of a request-target: "/a?b" (origin form) or "http://host/a?b" (absolute form, which
// a server must accept too), split at '?' into path and query.
bool split_target(std::string_view target, HttpRequest& request) {
    // Absolute form starts with a scheme; "/a?next=http://b/" is origin form with a URL in it.
    auto scheme_end = target.find("://");
    if (!target.starts_with('/') && scheme_end != std::string_view::npos) {
        auto path_start = target.find('/', scheme_end + 3);
        target = path_start == std::string_view::npos ? "/" : target.substr(path_start);
    }
    if (!target.starts_with('/') && target != "*") return false;  // "*": OPTIONS * HTTP/1.1
    auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string_view::npos) request.query = target.substr(question + 1);
    return true;
}

// Content-Length is digits and nothing else: "+5", "-1", "5 5" and "0x10" are all refused,
// and so is a number too large for 64 bits.
bool parse_length(std::string_view text, std::uint64_t& length) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), length);
    return !text.empty() && error == std::errc() && end == text.data() + text.size() &&
           std::all_of(text.begin(), text.end(), is_digit);
}

// The body's length from Content-Length, 0 without one. Several fields (or "5, 5" in one) are
// allowed only if they all agree (RFC 9112 section 6.3): a body with two possible lengths is how
// request smuggling works. False if the length is unreadable or ambiguous.
bool content_length(const Headers& headers, std::uint64_t& length) {
    bool seen = false;
    for (std::string_view field : headers.values("Content-Length")) {
        while (true) {
            auto comma = field.find(',');
            std::uint64_t value = 0;
            if (!parse_length(trim(field.substr(0, comma)), value)) return false;
            if (seen && value != length) return false;
            length = value;
            seen = true;
            if (comma == std::string_view::npos) break;
            field.remove_prefix(comma + 1);
        }
    }
    return true;
}

// Exercise 04.2: "100-continue" is a token, so its case does not count (RFC 9110 section 10.1.1).
// ASCII only, as Headers compares names: std::tolower depends on the locale.
bool is_100_continue(std::string_view value) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    std::string_view wanted = "100-continue";
    return std::equal(value.begin(), value.end(), wanted.begin(), wanted.end(),
                      [&](char a, char b) { return lower(a) == b; });
}

}  // namespace

ParseResult RequestParser::parse(std::string_view input) {
    while (state_ != State::Body) {
        std::size_t end = input.find('\n', scanned_);
        if (end == std::string_view::npos) {  // the line is not all here yet
            scanned_ = input.size();
            if (int error = over_limit(input.size() - line_start_))
                return {ParseStatus::Error, 0, error};
            return {ParseStatus::Incomplete};
        }
        // A line ends with CRLF. RFC 9112 section 2.2 lets a server take a bare LF for one, but
        // a proxy in front of it may not: it would read "X: a\nContent-Length: 5" as one field
        // where we read two, and bytes it passes on as a body we would serve as a request.
        if (end == line_start_ || input[end - 1] != '\r') return {ParseStatus::Error, 0, 400};
        std::string_view line = input.substr(line_start_, end - line_start_ - 1);
        line_start_ = scanned_ = end + 1;
        int error = over_limit(line.size());
        if (error == 0)
            error = state_ == State::RequestLine ? take_request_line(line) : take_header_line(line);
        if (error != 0) return {ParseStatus::Error, 0, error};
    }
    if (input.size() - line_start_ < body_length_) return {ParseStatus::Incomplete};
    auto length = static_cast<std::size_t>(body_length_);  // it fits: the bytes are all here
    request_.body.assign(input.substr(line_start_, length));
    return {ParseStatus::Complete, line_start_ + length};
}

// A client that never ends its line must not make us buffer for ever: past these sizes, stop.
int RequestParser::over_limit(std::size_t line_length) const {
    if (state_ == State::RequestLine && line_length > kMaxRequestLine) return 414;
    if (line_start_ + line_length > kMaxHead) return 431;
    return 0;
}

// method SP request-target SP HTTP-version, with exactly one space between the three.
int RequestParser::take_request_line(std::string_view line) {
    if (line.empty()) return 0;  // empty lines before a request are ignored (RFC 9112 2.2)
    auto first_space = line.find(' ');
    auto last_space = line.rfind(' ');
    if (first_space == std::string_view::npos || first_space == last_space) return 400;
    std::string_view method = line.substr(0, first_space);
    std::string_view target = line.substr(first_space + 1, last_space - first_space - 1);
    std::string_view version = line.substr(last_space + 1);
    if (!is_token(method) || target.empty()) return 400;
    if (!std::all_of(target.begin(), target.end(), is_target_char)) return 400;
    if (!is_http_version(version)) return 400;
    // A later minor version (HTTP/1.2) is read as the highest we speak, 1.1 (RFC 9110 section
    // 6.2); only another major version is one we cannot answer (section 15.6.6).
    if (version[5] != '1') return 505;
    if (!split_target(target, request_)) return 400;
    request_.method = method;
    request_.target = target;
    request_.version = version == "HTTP/1.0" ? "HTTP/1.0" : "HTTP/1.1";
    state_ = State::Headers;
    return 0;
}

// name ":" OWS value OWS. The value may itself contain ':' ("Host: 127.0.0.1:8012"): only the
// first colon separates. The seed split on every colon and silently dropped such headers.
int RequestParser::take_header_line(std::string_view line) {
    if (line.empty()) return finish_head();
    // A line starting with a space continues the previous one ("obs-fold"): obsolete, and a
    // classic way to smuggle a header past a proxy. RFC 9112 5.2 lets a server refuse it.
    if (line.front() == ' ' || line.front() == '\t') return 400;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return 400;
    std::string_view name = line.substr(0, colon);  // "Host :" is refused: no space before ':'
    std::string_view value = trim(line.substr(colon + 1));
    if (!is_token(name) || !std::all_of(value.begin(), value.end(), is_value_char)) return 400;
    if (request_.headers.size() == kMaxHeaders) return 431;
    request_.headers.add(std::string(name), std::string(value));
    return 0;
}

// The head is complete: decide how long the body is, or refuse a request we cannot frame.
int RequestParser::finish_head() {
    const Headers& headers = request_.headers;
    // HTTP/1.1 requires exactly one Host field (RFC 9112 section 3.2); two is always an error.
    std::size_t hosts = headers.values("Host").size();
    if (hosts > 1 || (hosts == 0 && request_.version == "HTTP/1.1")) return 400;
    if (hosts == 1 && !is_host(*headers.find("Host"))) return 400;
    if (headers.find("Transfer-Encoding")) return 501;  // chunked bodies come in chapter 10
    if (!content_length(headers, body_length_)) return 400;
    // Exercise 04.2: the head is fine, so a client that waits for our word may send its body.
    // HTTP/1.0 had no Expect, and a 1.0 client does not wait: there it is ignored. Without a
    // body there is nothing to wait for; the answer itself comes next.
    const std::string* expect = headers.find("Expect");
    awaits_continue_ = request_.version == "HTTP/1.1" && body_length_ > 0 && expect != nullptr &&
                       is_100_continue(*expect);
    state_ = State::Body;
    return 0;
}
