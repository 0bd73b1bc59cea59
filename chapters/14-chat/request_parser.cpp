#include "request_parser.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <vector>

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

// The items of a comma-separated list field, over every field of that name, trimmed:
// "gzip, chunked" and two fields "gzip" and "chunked" are the same list (RFC 9110 section 5.3).
std::vector<std::string_view> list_items(const Headers& headers, std::string_view name) {
    std::vector<std::string_view> items;
    for (std::string_view field : headers.values(name)) {
        while (true) {
            std::size_t comma = field.find(',');
            items.push_back(trim(field.substr(0, comma)));
            if (comma == std::string_view::npos) break;
            field.remove_prefix(comma + 1);
        }
    }
    return items;
}

// Takes a quoted-string ("a \"b\"") from the front of `text`; false if it is not one, or if its
// closing quote is missing (RFC 9110 section 5.6.4).
bool take_quoted_string(std::string_view& text) {
    for (std::size_t i = 1; i < text.size(); ++i) {
        if (text[i] == '"') {
            text.remove_prefix(i + 1);
            return true;
        }
        if (text[i] == '\\') ++i;  // a quoted pair: the next byte stands for itself
        if (i == text.size() || !is_value_char(text[i])) return false;
    }
    return false;
}

// Takes a token from the front of `text`; false if there is none.
bool take_token(std::string_view& text) {
    std::size_t length = 0;
    while (length < text.size() && is_token_char(text[length]))
        ++length;
    text.remove_prefix(length);
    return length > 0;
}

void skip_whitespace(std::string_view& text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
}

// What may follow a chunk's size (RFC 9112 section 7.1.1):
//   *( BWS ";" BWS ext-name [ BWS "=" BWS ( token / quoted-string ) ] )
// The extensions mean nothing to us, but a line we cannot read to the grammar is one a proxy
// may read differently ("5 x", "5;", an unclosed quote), so it is refused rather than skipped.
bool is_chunk_extensions(std::string_view text) {
    while (!text.empty()) {
        skip_whitespace(text);
        if (!text.starts_with(';')) return false;  // also: spaces with no ';' after them
        text.remove_prefix(1);
        skip_whitespace(text);
        if (!take_token(text)) return false;
        skip_whitespace(text);
        if (!text.starts_with('=')) continue;
        text.remove_prefix(1);
        skip_whitespace(text);
        bool value = text.starts_with('"') ? take_quoted_string(text) : take_token(text);
        if (!value) return false;
    }
    return true;
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

}  // namespace

ParseResult RequestParser::parse(std::string_view input) {
    while (state_ != State::Done) {
        if (state_ == State::Body) {  // Content-Length bytes: wait until all are here
            if (input.size() - line_start_ < body_length_) return {ParseStatus::Incomplete};
            auto length = static_cast<std::size_t>(body_length_);  // it fits: the bytes are here
            request_.body.assign(input.substr(line_start_, length));
            return {ParseStatus::Complete, line_start_ + length};
        }
        if (state_ == State::ChunkData) {  // one chunk: wait until it is all here
            if (input.size() - line_start_ < chunk_left_) return {ParseStatus::Incomplete};
            request_.body.append(input.substr(line_start_, chunk_left_));
            line_start_ = scanned_ = line_start_ + chunk_left_;
            state_ = State::ChunkEnd;
            continue;
        }
        std::size_t end = input.find('\n', scanned_);  // every other state reads a line
        if (end == std::string_view::npos) {           // the line is not all here yet
            scanned_ = input.size();
            if (int error = over_limit(input.size() - line_start_)) {
                return {ParseStatus::Error, 0, error};
            }
            return {ParseStatus::Incomplete};
        }
        // A line ends with CRLF. RFC 9112 section 2.2 lets a server take a bare LF for one, but
        // a proxy in front of it may not: it would read "X: a\nContent-Length: 5" as one field
        // where we read two, and bytes it passes on as a body we would serve as a request.
        if (end == line_start_ || input[end - 1] != '\r') return {ParseStatus::Error, 0, 400};
        std::string_view line = input.substr(line_start_, end - line_start_ - 1);
        int error = over_limit(line.size());
        line_start_ = scanned_ = end + 1;
        if (error == 0) error = take_line(line);
        if (error != 0) return {ParseStatus::Error, 0, error};
    }
    return {ParseStatus::Complete, line_start_};  // the end of a chunked request's trailers
}

int RequestParser::take_line(std::string_view line) {
    switch (state_) {
        case State::RequestLine:
            return take_request_line(line);
        case State::Headers:
            return take_header_line(line);
        case State::ChunkSize:
            return take_chunk_size(line);
        case State::ChunkEnd:  // the CRLF after a chunk's data, and nothing else
            state_ = State::ChunkSize;
            return line.empty() ? 0 : 400;
        case State::Trailers:  // fields after the last chunk: read and dropped, up to a blank line
            if (line.empty()) state_ = State::Done;
            return 0;
        default:
            return 0;
    }
}

// A client that never ends its line must not make us buffer for ever: past these sizes, stop.
int RequestParser::over_limit(std::size_t line_length) const {
    switch (state_) {
        case State::RequestLine:
            if (line_length > kMaxRequestLine) return 414;
            return line_start_ + line_length > kMaxHead ? 431 : 0;
        case State::Headers:
            return line_start_ + line_length > kMaxHead ? 431 : 0;
        case State::Trailers:
            return line_start_ + line_length - trailers_start_ > kMaxHead ? 431 : 0;
        default: {  // the chunked framing: sizes, extensions and CRLFs around the body's bytes
            if (line_length > kMaxChunkLine) return 400;
            // The framing may cost at most kMaxHead bytes more than the body: without this,
            // one-byte chunks with long extensions would make us hold 1000 times max_body.
            std::size_t framing = line_start_ + line_length - body_start_ - request_.body.size();
            return framing > kMaxHead ? 413 : 0;
        }
    }
}

// Chapter 10: "1a;name=value" is a chunk of 0x1a bytes (RFC 9112 section 7.1.1). Extensions are
// read to the grammar, then ignored. Size 0 is the last chunk. The size is checked against the room
// left under max_body before any of the chunk is read.
int RequestParser::take_chunk_size(std::string_view line) {
    std::size_t digits = 0;
    while (digits < line.size() && is_hex_digit(line[digits]))
        ++digits;
    std::uint64_t size = 0;  // more than 16 hex digits do not fit: 400, like any bad size
    bool fits = std::from_chars(line.data(), line.data() + digits, size, 16).ec == std::errc();
    if (digits == 0 || !fits || !is_chunk_extensions(line.substr(digits))) return 400;
    if (size > max_body_ - request_.body.size()) return 413;
    chunk_left_ = size;
    state_ = size == 0 ? State::Trailers : State::ChunkData;
    trailers_start_ = line_start_;
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
    if (int error = frame_body()) return error;
    return take_expectation();
}

// Where the body ends: after Content-Length bytes, or after a chunked body's last chunk.
int RequestParser::frame_body() {
    const Headers& headers = request_.headers;
    if (!headers.find("Transfer-Encoding")) {
        if (!content_length(headers, body_length_)) return 400;
        if (body_length_ > max_body_) return 413;  // refused before a byte of it is read
        state_ = State::Body;
        return 0;
    }
    // Chapter 10: Transfer-Encoding. With Content-Length too, the body has two possible ends: a
    // proxy that believes one and a server that believes the other can be fed a smuggled request
    // (RFC 9112 section 6.1 lets a server refuse; we do). HTTP/1.0 had no transfer codings at all
    // (section 6.1: treat the framing as faulty).
    if (headers.find("Content-Length") || request_.version == "HTTP/1.0") return 400;
    std::vector<std::string_view> codings = list_items(headers, "Transfer-Encoding");
    // chunked must come last, or nothing tells where the body ends, and only once (section
    // 6.1): 400 (section 6.3). Before it, another coding (gzip) would be legal HTTP that we do
    // not decode: 501 Not Implemented, which says "the request may be fine, we cannot do it".
    if (codings.empty() || !equal_ignoring_case(codings.back(), "chunked")) return 400;
    for (std::size_t i = 0; i + 1 < codings.size(); ++i) {
        if (equal_ignoring_case(codings[i], "chunked")) return 400;
    }
    if (codings.size() > 1) return 501;
    state_ = State::ChunkSize;
    body_start_ = line_start_;
    return 0;
}

// Chapter 10: "Expect: 100-continue" (RFC 9110 section 10.1.1) asks us to say "go on" before the
// client sends a body we would refuse anyway. It is the one expectation HTTP defines; any other is
// one we cannot meet: 417. HTTP/1.0 had no Expect, so there it is ignored.
int RequestParser::take_expectation() {
    if (request_.version == "HTTP/1.0") return 0;
    for (std::string_view expectation : list_items(request_.headers, "Expect")) {
        if (!equal_ignoring_case(expectation, "100-continue")) return 417;
        awaits_continue_ = state_ == State::ChunkSize || body_length_ > 0;
    }
    return 0;
}
