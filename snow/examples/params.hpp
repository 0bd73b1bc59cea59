// Route captures, query and form parameters (chapter 13, which snow/ has first): the README's
// recipes, served by demo.
#pragma once

#include <string>
#include <vector>

#include <snow/snow.hpp>

// GET /hello/NAME/ answers "hello, NAME": the route's group captured NAME.
inline snow::HttpResponse hello_name(const snow::HttpRequest& request) {
    return snow::HttpResponse("hello, " + request.captures[0]);
}

// GET /search/?q=snow+flake answers "searching for snow flake", decoded.
inline snow::HttpResponse search(const snow::HttpRequest& request) {
    snow::Params query = request.query_params();
    return snow::HttpResponse("searching for " + query.get("q", "nothing"));
}

// POST /form/ with message=... (an HTML form's body) answers the message's length, as JSON.
inline snow::HttpResponse form(const snow::HttpRequest& request) {
    std::string message = request.form_params().get("message");
    return snow::HttpResponse::json("{\"length\": " + std::to_string(message.size()) + "}");
}

inline std::vector<snow::Route> params_routes() {
    return {
        {"GET", R"(^/hello/(\w+)/$)", hello_name},
        {"GET", R"(^/search/$)", search},
        {"POST", R"(^/form/$)", form},
    };
}
