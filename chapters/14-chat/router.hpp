// Router: which handler answers which request.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <variant>
#include <vector>

#include "future.hpp"
#include "request.hpp"
#include "response.hpp"
#include "task.hpp"

// What a handler gives back: an answer now, a future to park its connection on until the
// answer exists (the seed's handler that yields a Future), or a coroutine that will produce the
// answer (a Task). Each converts implicitly, so a handler just returns one of them.
using Reply = std::variant<HttpResponse, std::shared_ptr<Future>, Task>;

// A handler turns a request into a reply, like the seed's view functions.
using Handler = std::function<Reply(const HttpRequest&)>;

// One route: a regular expression for the path, the handler that answers it and, optionally,
// the one method it answers ("GET"; a GET route answers HEAD too). Without a method, any method.
struct Route {
    Route(std::string pattern, Handler handler)
        : Route("", std::move(pattern), std::move(handler)) {}
    Route(std::string method, std::string pattern, Handler handler);

    std::string method;  // empty: any method
    std::regex path;
    // The pattern itself when no character in it means anything to a regex ("/index/"): such a
    // route matches a path that starts with it, checked without running the regex.
    std::optional<std::string> literal;
    Handler handler;
};

// The seed's routing, made precise: routes are tried in order and the first whose regex matches
// the start of the path wins (like Python's re.match: anchored at the start, not at the end, so
// "/index/" also matches "/index/more"). The query string is not part of the path. No route:
// 404. A route for the path but not for the method: 405, with the methods it has in "Allow".
// A method that no route names and that RFC 9110 does not define: 501.
// Owns its routes; compiles each regex once, when it is constructed.
class Router {
  public:
    explicit Router(std::vector<Route> routes) : routes_(std::move(routes)) {}

    // Calls the handler of the route that matches, and returns its reply. Chapter 13: first it
    // puts the route's captures in request.captures. The request is the caller's own, changed in
    // place, not a copy: a coroutine handler keeps a reference to its request across its
    // co_awaits, so the request it is given must live as long as the connection that owns it.
    Reply dispatch(HttpRequest& request) const;

  private:
    std::vector<Route> routes_;
};
