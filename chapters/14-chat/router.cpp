#include "router.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace {

// True if no character of `pattern` is special in an ECMAScript regex, so that it matches
// exactly its own characters.
bool is_literal(std::string_view pattern) {
    return pattern.find_first_of(R"(\^$.|?*+()[]{})") == std::string_view::npos;
}

// match_continuous: the match must begin at the first character, which is what re.match does.
// std::regex_match would demand the whole path; plain regex_search would match anywhere.
// A literal pattern matches where the path starts with it, and starts_with() says so in a few
// nanoseconds, where libstdc++'s regex_search took about a microsecond per route tried (chapter
// 12: 2 % of a keep-alive request's CPU time in perf, for the first route alone). A literal has
// no groups, so `match` is left empty; a regex fills it with the groups' captures.
bool matches_start(const Route& route, const std::string& path, std::smatch& match) {
    if (route.literal) {
        match = std::smatch();  // not an earlier route's groups
        return path.starts_with(*route.literal);
    }
    return std::regex_search(path, match, route.path, std::regex_constants::match_continuous);
}

// Chapter 13: the groups' captures, for the handler: match[0], the whole match, is left out.
std::vector<std::string> captures_of(const std::smatch& match) {
    std::vector<std::string> captures;
    for (std::size_t group = 1; group < match.size(); ++group)
        captures.push_back(match[group].str());
    return captures;
}

bool answers_method(const Route& route, const std::string& method) {
    return route.method.empty() || route.method == method ||
           (route.method == "GET" && method == "HEAD");  // HEAD is GET without the body
}

// The methods RFC 9110 defines (section 9). A server knows what they mean even on a path that
// does not offer them, so there they get 405; any other method is ours only if a route names it.
bool is_standard_method(const std::string& method) {
    for (const char* standard :
         {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE"}) {
        if (method == standard) return true;
    }
    return false;
}

}  // namespace

// std::regex::optimize only asks the library to favour matching speed over construction speed.
// The standard lets a library ignore it, and libstdc++ (GCC's) does: there it buys nothing.
Route::Route(std::string method_name, std::string pattern, Handler route_handler)
    : method(std::move(method_name)),
      path(pattern, std::regex::ECMAScript | std::regex::optimize),
      literal(is_literal(pattern) ? std::optional(pattern) : std::nullopt),
      handler(std::move(route_handler)) {}

Reply Router::dispatch(HttpRequest& request) const {
    std::string allowed;  // methods of the routes whose path matched, for a 405
    std::smatch match;
    for (const Route& route : routes_) {
        if (!matches_start(route, request.path, match)) continue;
        if (answers_method(route, request.method)) {
            request.captures = captures_of(match);
            return route.handler(request);
        }
        allowed += (allowed.empty() ? "" : ", ") + route.method;
    }
    // A method no route names and RFC 9110 does not define, such as BREW: this server does not
    // implement it anywhere (RFC 9110 section 15.6.2), which 404 or 405 would not say.
    bool named = std::any_of(routes_.begin(), routes_.end(),
                             [&](const Route& route) { return route.method == request.method; });
    if (!named && !is_standard_method(request.method)) {
        return HttpResponse("501 Not Implemented", 501);
    }
    if (allowed.empty()) return HttpNotFound();
    HttpResponse refusal("405 Method Not Allowed", 405);
    refusal.headers.add("Allow", allowed);
    return refusal;
}
