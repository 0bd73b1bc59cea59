// How an HttpResponse goes out on the wire. (The public <snow/response.hpp> has the type; this
// private header adds what only the server uses.)
#pragma once

#include <ctime>
#include <string>
#include <string_view>

#include <snow/response.hpp>
#include "buffer.hpp"

namespace snow {

// The time in HTTP's one date format (RFC 9110 section 5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::time_t time);

// The Date header's value, formatted once per second rather than once per answer: gmtime_r()
// and snprintf() cost about 0.4 us, 3 % of a keep-alive request's CPU time in perf (chapter
// 12). Keeps the last second it formatted; one per thread (see current_http_date()).
class DateCache {
  public:
    // http_date(now), formatted again only when `now` is another second than last time. The
    // view is valid until the next call.
    std::string_view at(std::time_t now) {
        if (now != second_) {
            text_ = http_date(now);
            second_ = now;
        }
        return text_;
    }

  private:
    std::time_t second_ = -1;
    std::string text_;
};

// http_date(now) from this thread's DateCache: each server's loop runs on its own thread.
std::string_view current_http_date();

// Appends the whole answer to `out`: status line, headers, blank line, body. All of it at once,
// so that it leaves in one send(). Sent in two, Nagle's algorithm would hold back the second
// small piece until the client acknowledges the first, and Linux delays that ACK by 40 ms or
// more (up to 200 ms): a keep-alive client would get at most 25 answers a second.
// `head_only`: the answer to a HEAD request, with the headers a GET would get but no body.
// `keep_alive`: whether the connection stays open. A 1xx, 204 or 304 answer goes out without
// body or Content-Length, and a status outside 100-599 as 500. Chapter 13: for a file, only the
// head goes into `out` (with the file's size as Content-Length): the connection sends the file.
// Chapter 13: whether an answer with this status carries a body (a file, say) at all.
bool may_have_body(int status);

void write_response(Buffer& out, const HttpResponse& response, bool head_only, bool keep_alive);

}  // namespace snow
