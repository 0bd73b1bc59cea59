// RequestParser: bytes in, one HttpRequest out, however the bytes were split.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "request.hpp"

enum class ParseStatus { Complete, Incomplete, Error };

struct ParseResult {
    ParseStatus status;
    std::size_t consumed = 0;  // Complete: how many bytes of the input the request took
    int error = 0;             // Error: the HTTP status to answer (400, 414, 431, 501, 505)
};

// Reads one HTTP/1.1 request (RFC 9112) from a connection's input. Feed parse() all the input
// not yet consumed, each time more arrives. It answers Complete (request() is ready, and the
// first `consumed` bytes of the input were its), Incomplete (call again with more bytes) or
// Error (answer with `error` and close). Between calls it remembers how far it got, so every
// byte is examined once, and it never reads past the input it was given. It keeps offsets, not
// pointers, because the caller's buffer may move its bytes between calls. For the same reason
// the request owns copies of its parts, where a parser such as picohttpparser hands back
// string_views into the caller's buffer: from chapter 07 on, a request may wait, parked, while
// the buffer is compacted under it, and views would then point at other bytes. The copies cost
// an allocation or two per request. Call reset() before parsing the next request.
class RequestParser {
  public:
    static constexpr std::size_t kMaxRequestLine = 8 * 1024;  // longer: 414 URI Too Long
    static constexpr std::size_t kMaxHead = 64 * 1024;        // request line + headers; more: 431
    static constexpr std::size_t kMaxHeaders = 100;           // more fields: 431

    ParseResult parse(std::string_view input);
    HttpRequest& request() { return request_; }
    void reset() { *this = RequestParser(); }

    // Exercise 04.2: true once the head is parsed, if it said "Expect: 100-continue" and a body
    // is still to come. Such a client waits for "HTTP/1.1 100 Continue" before it sends the body
    // (RFC 9110 section 10.1.1): send it, then call continue_sent(), so that it goes once.
    bool awaits_continue() const { return awaits_continue_; }
    void continue_sent() { awaits_continue_ = false; }

  private:
    enum class State { RequestLine, Headers, Body };

    int take_request_line(std::string_view line);
    int take_header_line(std::string_view line);
    int finish_head();
    int over_limit(std::size_t line_length) const;

    State state_ = State::RequestLine;
    std::size_t line_start_ = 0;     // where the line being read starts (the body, once in Body)
    std::size_t scanned_ = 0;        // bytes already searched for the end of that line
    std::uint64_t body_length_ = 0;  // 64 bits on every build: never narrowed
    bool awaits_continue_ = false;   // exercise 04.2
    HttpRequest request_;
};
