// HttpRequest: one parsed HTTP request, owning copies of all its parts.
#pragma once

#include <string>

#include "headers.hpp"

// A request as the client sent it. The target "/index/?a=1" is split into path "/index/" and
// query "a=1"; nothing is percent-decoded (routes match the path as sent).
struct HttpRequest {
    std::string method;   // "GET", "POST", ...: case-sensitive, as RFC 9110 says
    std::string target;   // the request-target, whole
    std::string path;     // the target up to '?'
    std::string query;    // after '?', without it; empty if none
    std::string version;  // "HTTP/1.1" or "HTTP/1.0" (a later 1.x is read as 1.1)
    Headers headers;
    std::string body;
};
