// HttpResponse: what a handler answers.
#pragma once

#include <memory>
#include <string>

#include "file_body.hpp"
#include "headers.hpp"

namespace snow {

// An answer: the seed's HttpResponse(content), with the status line and headers the seed never
// sent. The server adds Content-Length, Date and Connection when it sends it.
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

}  // namespace snow
