// Route captures reach the handler. From chapter 13 on, and in snow/.
#include <string>
#include <variant>
#include <vector>

#include "behaviour.hpp"
#include "router.hpp"

namespace {

// A handler that answers with its request's captures, joined by '|'.
Handler echo_captures() {
    return [](const HttpRequest& request) {
        std::string joined;
        for (std::size_t i = 0; i < request.captures.size(); ++i)
            joined += (i == 0 ? "" : "|") + request.captures[i];
        return HttpResponse(joined);
    };
}

HttpRequest get(std::string path) {
    HttpRequest request;
    request.method = "GET";
    request.path = std::move(path);
    return request;
}

std::string answer(const Router& router, HttpRequest& request) {
    return std::get<HttpResponse>(router.dispatch(request)).body;
}

}  // namespace

SNOW_TEST(RouterCaptures, ReachTheHandlerInOrder, since(13)) {
    Router router({{R"(^/users/(\w+)/posts/(\d+)$)", echo_captures()}});
    HttpRequest request = get("/users/alice/posts/42");
    EXPECT_EQ(answer(router, request), "alice|42");
    EXPECT_EQ(request.captures, (std::vector<std::string>{"alice", "42"}));
}

// Captured as sent: decoding is the handler's business (a path must be decoded only once).
SNOW_TEST(RouterCaptures, AreNotDecoded, since(13)) {
    Router router({{R"(^/static/(.*)$)", echo_captures()}});
    HttpRequest request = get("/static/a%20b/../c");
    EXPECT_EQ(answer(router, request), "a%20b/../c");
}

SNOW_TEST(RouterCaptures, AGroupThatTookNoPartIsEmpty, since(13)) {
    Router router({{R"(^/a(/(x))?(/y)$)", echo_captures()}});
    HttpRequest request = get("/a/y");
    EXPECT_EQ(answer(router, request), "||/y");
    EXPECT_EQ(request.captures.size(), 3u);
}

// Only the winning route's captures: a route whose method did not match leaves none behind.
SNOW_TEST(RouterCaptures, AreTheWinningRoutes, since(13)) {
    Router router({{"POST", R"(^/(p)/(\w+))", echo_captures()}, {R"(^/p/(\w+))", echo_captures()}});
    HttpRequest request = get("/p/item");
    EXPECT_EQ(answer(router, request), "item");
    Router plain({{R"(/index/)", echo_captures()}});
    HttpRequest index = get("/index/");
    index.captures = {"stale"};
    EXPECT_EQ(answer(plain, index), "");
    EXPECT_TRUE(index.captures.empty());
}
