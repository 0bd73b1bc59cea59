// Router (chapter 06 on): the seed's routing, with the seed's mistakes fixed.
#include <regex>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "behaviour.hpp"
#include "router.hpp"

namespace {

HttpRequest request(std::string method, std::string path) {
    HttpRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    return r;
}

// A handler that answers with its own name, to see which route won.
Handler answers(std::string name) {
    return [name](const HttpRequest&) { return HttpResponse(name); };
}

// dispatch() returns an HttpResponse in chapter 06 and, from chapter 07 on, a Reply: a response
// or a future. These take the response out of either.
template <typename Reply>
HttpResponse response_of(const Reply& reply) {
    if constexpr (std::is_same_v<Reply, HttpResponse>) {
        return reply;
    } else {
        return std::get<HttpResponse>(reply);
    }
}

// By value: from chapter 13 on, dispatch() fills the request's captures in place.
HttpResponse dispatch(const Router& router, HttpRequest request) {
    return response_of(router.dispatch(request));
}

std::string winner(const Router& router, const std::string& method, const std::string& path) {
    return dispatch(router, request(method, path)).body;
}

}  // namespace

SNOW_TEST(Router, TheFirstMatchingRouteWins, since(6)) {
    Router router({{R"(/a/)", answers("first")}, {R"(/a/)", answers("second")}});
    EXPECT_EQ(winner(router, "GET", "/a/"), "first");
}

SNOW_TEST(Router, OrderDecidesBetweenOverlappingRoutes, since(6)) {
    Router router({{R"(/user/admin)", answers("admin")}, {R"(/user/\w+)", answers("user")}});
    EXPECT_EQ(winner(router, "GET", "/user/admin"), "admin");
    EXPECT_EQ(winner(router, "GET", "/user/alice"), "user");
}

// Like Python's re.match: anchored at the start of the path, not at its end.
SNOW_TEST(Router, MatchesFromTheStartButNotToTheEnd, since(6)) {
    Router router({{R"(/index/)", answers("index")}});
    EXPECT_EQ(winner(router, "GET", "/index/"), "index");
    EXPECT_EQ(winner(router, "GET", "/index/more"), "index");
    EXPECT_EQ(winner(router, "GET", "/x/index/"), "404 Not Found");
}

SNOW_TEST(Router, ARouteEndingInDollarMatchesOnlyThatPath, since(6)) {
    Router router({{R"(/index/$)", answers("index")}});
    EXPECT_EQ(winner(router, "GET", "/index/"), "index");
    EXPECT_EQ(winner(router, "GET", "/index/more"), "404 Not Found");
}

SNOW_TEST(Router, AnswersNoMatchWith404, since(6)) {
    Router router({{R"(/index/)", answers("index")}});
    HttpResponse response = dispatch(router, request("GET", "/nothing/"));
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.body, "404 Not Found");
}

// The router sees the path only: the seed matched the raw target, query string included.
SNOW_TEST(Router, NeverSeesTheQueryString, since(6)) {
    Router router({{R"(/search/$)", answers("search")}});
    HttpRequest with_query = request("GET", "/search/");
    with_query.target = "/search/?q=x";
    with_query.query = "q=x";
    EXPECT_EQ(dispatch(router, with_query).body, "search");
}

SNOW_TEST(Router, TakesRegexSpecialCharacters, since(6)) {
    Router router({{R"(/files/[a-z]+\.txt$)", answers("text")},
                   {R"(/v(1|2)/items/\d{3}$)", answers("item")},
                   {R"(/a\+b$)", answers("plus")}});
    EXPECT_EQ(winner(router, "GET", "/files/notes.txt"), "text");
    EXPECT_EQ(winner(router, "GET", "/files/notesXtxt"), "404 Not Found");  // '.' was escaped
    EXPECT_EQ(winner(router, "GET", "/v2/items/042"), "item");
    EXPECT_EQ(winner(router, "GET", "/v3/items/042"), "404 Not Found");
    EXPECT_EQ(winner(router, "GET", "/a+b"), "plus");
}

// The seed ignored the method: DELETE /index/ answered OK.
SNOW_TEST(Router, AnswersAMethodItHasNoRouteForWith405, since(6)) {
    Router router({{"GET", R"(/index/)", answers("get")}, {"POST", R"(/index/)", answers("post")}});
    EXPECT_EQ(winner(router, "POST", "/index/"), "post");
    HttpResponse response = dispatch(router, request("DELETE", "/index/"));
    EXPECT_EQ(response.status, 405);
    ASSERT_NE(response.headers.find("Allow"), nullptr);
    EXPECT_EQ(*response.headers.find("Allow"), "GET, POST");
}

SNOW_TEST(Router, LetsAGetRouteAnswerHead, since(6)) {
    Router router({{"GET", R"(/index/)", answers("index")}});
    EXPECT_EQ(winner(router, "HEAD", "/index/"), "index");
}

SNOW_TEST(Router, RefusesABrokenRegexWhenBuilt, since(6)) {
    EXPECT_THROW(Router({{R"(/a/(unclosed)", answers("never")}}), std::regex_error);
}

// RFC 9110 section 15.6.2: a method the server does not implement at all is 501. A defined
// method that a path does not offer stays 405; a route may name a method of its own.
SNOW_TEST(Router, AnswersAMethodNobodyImplementsWith501, since(6)) {
    Router router(
        {{"GET", R"(/index/)", answers("index")}, {"PATCH", R"(/notes/)", answers("patch")}});
    EXPECT_EQ(dispatch(router, request("BREW", "/index/")).status, 501);
    EXPECT_EQ(dispatch(router, request("BREW", "/nowhere/")).status, 501);
    EXPECT_EQ(dispatch(router, request("DELETE", "/index/")).status, 405);
    EXPECT_EQ(winner(router, "PATCH", "/notes/"), "patch");
    EXPECT_EQ(dispatch(router, request("PATCH", "/index/")).status, 405);
    EXPECT_EQ(dispatch(router, request("PATCH", "/nowhere/")).status, 404);
}

// Chapter 12: a pattern with no regex character in it ("/index/") is matched with starts_with()
// instead of std::regex (literal_route_test.cpp). It must match exactly where the regex would:
// from the start, not to the end, nothing else. Before chapter 12 every route is a regex, and
// this holds trivially.
SNOW_TEST(Router, LiteralRoutesMatchAsTheRegexWould, since(12)) {
    std::vector<std::string> patterns = {"/index/", "/a-b_c~/", "", "/", "/a.c/", "/x+/"};
    std::vector<std::string> paths = {"/index/",  "/index/more", "/index",  "/INDEX/",
                                      "",         "/",           "/a.c/",   "/abc/",
                                      "/a-b_c~/", "/xx/",        "x/index/"};
    for (const std::string& pattern : patterns) {
        Router router({{pattern, answers("hit")}});
        std::regex regex(pattern, std::regex::ECMAScript);
        for (const std::string& path : paths) {
            bool by_regex = std::regex_search(path, regex, std::regex_constants::match_continuous);
            EXPECT_EQ(winner(router, "GET", path) == "hit", by_regex)
                << "pattern '" << pattern << "', path '" << path << "'";
        }
    }
}
