// The seed's first example: routes = [(r'/index/', index)], where index returns
// HttpResponse('OK'). Its answer had no status line, so curl and browsers refused it.
#pragma once

#include <vector>

#include <snow/snow.hpp>

inline snow::HttpResponse index_page(const snow::HttpRequest&) {
    return snow::HttpResponse("OK");
}

inline std::vector<snow::Route> hello_routes() {
    return {
        {"GET", R"(/index/)", index_page},
    };
}
