// HttpResponse: what the server answers, and how it goes out on the wire.
#pragma once

#include <ctime>
#include <memory>
#include <string>
#include <string_view>

#include "buffer.hpp"
#include "file_body.hpp"
#include "headers.hpp"

// An answer: the seed's HttpResponse(content), with the status line and headers the seed never
// sent. Content-Length, Date and Connection are added by write_response(), which knows them.
struct HttpResponse {
    explicit HttpResponse(std::string content = "", int status_code = 200)
        : status(status_code), body(std::move(content)) {}

    // Chapter 13: an answer that says what its content is: HttpResponse::html("<p>hi</p>").
    // Without a Content-Type, a body goes out as text/plain; charset=utf-8.
    static HttpResponse with_type(std::string content, std::string type, int status_code = 200) {
        HttpResponse response(std::move(content), status_code);
        response.set_content_type(std::move(type));
        return response;
    }
    static HttpResponse html(std::string content, int status_code = 200) {
        return with_type(std::move(content), "text/html; charset=utf-8", status_code);
    }
    static HttpResponse json(std::string content, int status_code = 200) {
        return with_type(std::move(content), "application/json", status_code);
    }
    static HttpResponse text(std::string content, int status_code = 200) {
        return with_type(std::move(content), "text/plain; charset=utf-8", status_code);
    }
    void set_content_type(std::string type) { headers.set("Content-Type", std::move(type)); }

    int status;
    Headers headers;  // extra fields, such as Content-Type
    std::string body;
    // Chapter 13: when set, the body is this file, and `body` is not sent (see FileBody).
    std::shared_ptr<const FileBody> file;
};

// The seed's HttpNotFound: an answer whose content is "404 Not Found".
struct HttpNotFound : HttpResponse {
    HttpNotFound() : HttpResponse("404 Not Found", 404) {}
};

// "OK" for 200, "Not Found" for 404: the reason phrase of the status line, for every status
// RFC 9110 registers; another code gets its class's ("Client Error" for 499).
const char* reason_phrase(int status);

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
// `keep_alive`: whether the connection stays open. A 1xx, 204 or 304 answer goes out without body
// or Content-Length, and a status outside 100-599 as 500. Chapter 13: for a file, only the head
// goes into `out` (with the file's size as Content-Length): the connection sends the file.
void write_response(Buffer& out, const HttpResponse& response, bool head_only, bool keep_alive);

// Chapter 13: whether an answer with this status carries a body (a file, say) at all.
bool may_have_body(int status);
