// Route captures, query and form parameters, a request's header, an answer's status and header:
// the README's recipes (chapter 13 on), served by demo.
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

// GET /agent/ answers with the request's User-Agent header: "you are curl/7.88.1". A name is
// found in any case (user-agent too), and a header the client did not send is null.
inline snow::HttpResponse agent(const snow::HttpRequest& request) {
    const std::string* agent = request.headers.find("User-Agent");
    return snow::HttpResponse("you are " + (agent ? *agent : std::string("someone")));
}

// GET /old/ answers 301 with a Location header: what moved where. Any status, any header; the
// server adds Content-Length, Date and Connection itself.
inline snow::HttpResponse moved(const snow::HttpRequest&) {
    snow::HttpResponse response("moved to /index/", 301);
    response.headers.set("Location", "/index/");
    return response;
}

inline std::vector<snow::Route> params_routes() {
    return {
        {"GET", R"(^/hello/(\w+)/$)", hello_name},
        {"GET", R"(^/search/$)", search},
        {"POST", R"(^/form/$)", form},
        {"GET", R"(^/agent/$)", agent},
        {"GET", R"(^/old/$)", moved},
    };
}
