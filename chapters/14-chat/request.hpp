// HttpRequest: one parsed HTTP request, owning copies of all its parts.
#pragma once

#include <string>
#include <vector>

#include "headers.hpp"
#include "params.hpp"

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
    // Chapter 13: what the route's groups captured from the path, as sent (not decoded):
    // captures[0] is the first group's. For the route "^/static/(.*)$", GET /static/a/b.css has
    // captures {"a/b.css"}. A group that took no part in the match captured "".
    std::vector<std::string> captures;

    // Chapter 13: the query's pairs, decoded: "?q=snow+flake" has q = "snow flake". Parsed on
    // each call (a few short strings): keep the result if you ask often.
    Params query_params() const { return Params(query); }
    // The pairs of an HTML form's body (Content-Type application/x-www-form-urlencoded); none for
    // any other body.
    Params form_params() const {
        const std::string* type = headers.find("Content-Type");
        if (!type) return {};
        std::string_view media = std::string_view(*type).substr(0, type->find(';'));
        while (media.ends_with(' '))
            media.remove_suffix(1);
        if (!equal_ignoring_case(media, "application/x-www-form-urlencoded")) return {};
        return Params(body);
    }
};
