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
    static constexpr std::size_t kMaxChunkLine = 1024;        // "1a2b;ext=...": longer is 400
    static constexpr std::size_t kDefaultMaxBody = 1 << 20;

    // Chapter 10: a body longer than `max_body` bytes is refused with 413, before it is read, when
    // Content-Length announces it; as soon as it grows past, when chunked.
    explicit RequestParser(std::size_t max_body = kDefaultMaxBody) : max_body_(max_body) {}

    ParseResult parse(std::string_view input);
    HttpRequest& request() { return request_; }
    void reset() { *this = RequestParser(max_body_); }
    // True once the head is complete and the body is arriving (the timeouts differ).
    bool reading_body() const { return state_ != State::RequestLine && state_ != State::Headers; }
    // Chapter 10: true when the request asked "Expect: 100-continue" and its body is still to come.
    // Such a client may wait for "HTTP/1.1 100 Continue" before it sends the body (RFC 9110 section
    // 10.1.1); call continue_sent() once the server has sent it.
    bool awaits_continue() const { return awaits_continue_; }
    void continue_sent() { awaits_continue_ = false; }

  private:
    // Body: Content-Length bytes. ChunkSize, ChunkData, ChunkEnd, Trailers: a chunked body,
    // read chunk by chunk ("5\r\nhello\r\n" ... "0\r\n\r\n"). Done: a chunked request is whole.
    enum class State { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Done };

    int take_line(std::string_view line);
    int take_request_line(std::string_view line);
    int take_header_line(std::string_view line);
    int take_chunk_size(std::string_view line);
    int finish_head();
    int frame_body();
    int take_expectation();
    int over_limit(std::size_t line_length) const;

    std::size_t max_body_;
    State state_ = State::RequestLine;
    std::size_t line_start_ = 0;      // where the line being read starts (the body, once in Body)
    std::size_t scanned_ = 0;         // bytes already searched for the end of that line
    std::uint64_t body_length_ = 0;   // 64 bits on every build: never narrowed
    std::size_t chunk_left_ = 0;      // bytes of the current chunk still to come
    std::size_t trailers_start_ = 0;  // where the trailer fields start, to bound them
    std::size_t body_start_ = 0;      // where a chunked body starts, to bound its framing
    bool awaits_continue_ = false;
    HttpRequest request_;
};
