#include "router.hpp"

#include <algorithm>

namespace {

// match_continuous: the match must begin at the first character, which is what re.match does.
// std::regex_match would demand the whole path; plain regex_search would match anywhere.
bool matches_start(const std::regex& pattern, const std::string& path) {
    return std::regex_search(path, pattern, std::regex_constants::match_continuous);
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

// Exercise 06.2: whether some route would answer `request` if its path ended in '/'. Dispatch
// tries every route in order, so any route that takes both the slashed path and the method would
// answer it. A path that ends in '/' already is left alone: "/a//" helps no one.
bool answers_with_slash(const std::vector<Route>& routes, const HttpRequest& request) {
    if (request.path.ends_with('/')) return false;
    std::string slashed = request.path + "/";
    return std::any_of(routes.begin(), routes.end(), [&](const Route& route) {
        return matches_start(route.path, slashed) && answers_method(route, request.method);
    });
}

// Exercise 06.2: 308, not 301. A client may repeat a 301's POST as a GET, without its body (RFC
// 9110 section 15.4.2); a 308 says to send the same request again, body and all, to Location.
// The query goes along: "/index?page=2" is "/index/?page=2". Location is built from the path, not
// the target, which for an absolute-form request holds the scheme and host too.
HttpResponse slash_redirect(const HttpRequest& request) {
    HttpResponse redirect("", 308);
    std::string location = request.path + "/";
    if (!request.query.empty()) location += "?" + request.query;
    redirect.headers.add("Location", location);
    return redirect;
}

}  // namespace

// std::regex::optimize only asks the library to favour matching speed over construction speed.
// The standard lets a library ignore it, and libstdc++ (GCC's) does: there it buys nothing.
Route::Route(std::string method_name, std::string pattern, Handler route_handler)
    : method(std::move(method_name)),
      path(pattern, std::regex::ECMAScript | std::regex::optimize),
      handler(std::move(route_handler)) {}

HttpResponse Router::dispatch(const HttpRequest& request) const {
    std::string allowed;  // methods of the routes whose path matched, for a 405
    for (const Route& route : routes_) {
        if (!matches_start(route.path, request.path)) continue;
        if (answers_method(route, request.method)) return route.handler(request);
        allowed += (allowed.empty() ? "" : ", ") + route.method;
    }
    // A method no route names and RFC 9110 does not define, such as BREW: this server does not
    // implement it anywhere (RFC 9110 section 15.6.2), which 404 or 405 would not say.
    bool named = std::any_of(routes_.begin(), routes_.end(),
                             [&](const Route& route) { return route.method == request.method; });
    if (!named && !is_standard_method(request.method)) {
        return HttpResponse("501 Not Implemented", 501);
    }
    if (allowed.empty()) {
        // Exercise 06.2: no route takes the path, but one would take it with a '/' at its end,
        // as the seed's routes all have: send the client there rather than to a 404.
        if (answers_with_slash(routes_, request)) return slash_redirect(request);
        return HttpNotFound();
    }
    HttpResponse refusal("405 Method Not Allowed", 405);
    refusal.headers.add("Allow", allowed);
    return refusal;
}
