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

// "HTTP/" DIGIT "." DIGIT, exactly (RFC 9112 section 2.3).
bool is_http_version(std::string_view text) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    return text.size() == 8 && text.starts_with("HTTP/") && digit(text[5]) && text[6] == '.' &&
           digit(text[7]);
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
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The body's length from Content-Length, 0 without one. Several fields (or "5, 5" in one) are
// allowed only if they all agree (RFC 9112 section 6.3): a body with two possible lengths is how
// request smuggling works. False if the length is unreadable or ambiguous.
bool content_length(const Headers& headers, std::size_t& length) {
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
            request_.body.assign(input.substr(line_start_, body_length_));
            return {ParseStatus::Complete, line_start_ + body_length_};
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
        // A line ends with CRLF; a bare LF is accepted too (RFC 9112 section 2.2 allows it).
        std::string_view line = input.substr(line_start_, end - line_start_);
        if (line.ends_with('\r')) line.remove_suffix(1);
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

// New in this chapter: "1a;name=value" is a chunk of 0x1a bytes; extensions after ';' are
// ignored (RFC 9112 section 7.1.1). Size 0 is the last chunk. The size is checked against the
// room left under max_body before any of the chunk is read.
int RequestParser::take_chunk_size(std::string_view line) {
    std::string_view hex = line.substr(0, line.find(';'));
    while (hex.ends_with(' ') || hex.ends_with('\t'))
        hex.remove_suffix(1);
    std::uint64_t size = 0;
    auto [end, error] = std::from_chars(hex.data(), hex.data() + hex.size(), size, 16);
    if (hex.empty() || error != std::errc() || end != hex.data() + hex.size()) return 400;
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
    if (version != "HTTP/1.1" && version != "HTTP/1.0") return 505;
    if (!split_target(target, request_)) return 400;
    request_.method = method;
    request_.target = target;
    request_.version = version;
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
    if (!headers.find("Transfer-Encoding")) {
        if (!content_length(headers, body_length_)) return 400;
        if (body_length_ > max_body_) return 413;  // refused before a byte of it is read
        state_ = State::Body;
        return 0;
    }
    // New in this chapter: Transfer-Encoding. With Content-Length too, the body has two possible
    // ends: a proxy that believes one and a server that believes the other can be fed a
    // smuggled request (RFC 9112 section 6.3 lets a server refuse; we do). HTTP/1.0 had no
    // transfer codings at all (section 6.1: treat the framing as faulty).
    if (headers.find("Content-Length") || request_.version == "HTTP/1.0") return 400;
    std::vector<std::string_view> codings;
    for (std::string_view field : headers.values("Transfer-Encoding")) {
        while (true) {
            std::size_t comma = field.find(',');
            codings.push_back(trim(field.substr(0, comma)));
            if (comma == std::string_view::npos) break;
            field.remove_prefix(comma + 1);
        }
    }
    // chunked must come last, or nothing tells where the body ends: 400 (section 6.3). Before
    // it, another coding (gzip, chunked) would be legal HTTP that we do not decode: 501 Not
    // Implemented, which says "the request may be fine, this server cannot do it".
    if (codings.empty() || !equal_ignoring_case(codings.back(), "chunked")) return 400;
    if (codings.size() > 1) return 501;
    state_ = State::ChunkSize;
    body_start_ = line_start_;
    return 0;
}
