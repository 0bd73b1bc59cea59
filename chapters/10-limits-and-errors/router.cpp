#include "router.hpp"

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

}  // namespace

// std::regex::optimize only asks the library to favour matching speed over construction speed.
// The standard lets a library ignore it, and libstdc++ (GCC's) does: there it buys nothing.
Route::Route(std::string method_name, std::string pattern, Handler route_handler)
    : method(std::move(method_name)),
      path(pattern, std::regex::ECMAScript | std::regex::optimize),
      handler(std::move(route_handler)) {}

Reply Router::dispatch(const HttpRequest& request) const {
    std::string allowed;  // methods of the routes whose path matched, for a 405
    for (const Route& route : routes_) {
        if (!matches_start(route.path, request.path)) continue;
        if (answers_method(route, request.method)) return route.handler(request);
        allowed += (allowed.empty() ? "" : ", ") + route.method;
    }
    if (allowed.empty()) return HttpNotFound();
    HttpResponse refusal("405 Method Not Allowed", 405);
    refusal.headers.add("Allow", allowed);
    return refusal;
}
