// HttpResponse: what a handler answers.
#pragma once

#include <string>

#include "headers.hpp"

namespace snow {

// An answer: the seed's HttpResponse(content), with the status line and headers the seed never
// sent. The server adds Content-Length, Date and Connection when it sends it.
struct HttpResponse {
    explicit HttpResponse(std::string content = "", int status_code = 200)
        : status(status_code), body(std::move(content)) {}

    int status;
    Headers headers;  // extra fields, such as Content-Type
    std::string body;
};

// The seed's HttpNotFound: an answer whose content is "404 Not Found".
struct HttpNotFound : HttpResponse {
    HttpNotFound() : HttpResponse("404 Not Found", 404) {}
};

// "OK" for 200, "Not Found" for 404: the reason phrase of the status line, for every status
// RFC 9110 registers; another code gets its class's ("Client Error" for 499).
const char* reason_phrase(int status);

}  // namespace snow
