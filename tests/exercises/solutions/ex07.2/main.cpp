// ch07-snow: the seed's waiting example in C++. GET /req/ parks its connection on a Future;
// GET /stop/ resolves the oldest parked future with "done" and answers "stop"; the parked
// request is then answered "done". GET /join/ parks on one future shared by all who join, and
// GET /release/ resolves it; GET /nofuture/ is a handler's mistake, a null future. GET /index/
// and POST /echo/ as in chapter 06. Exercise 07.2: GET /stopall/ resolves every parked /req/
// at once and answers how many it resolved.
#include <deque>
#include <memory>
#include <string>
#include <utility>

#include "options.hpp"
#include "snow.hpp"

// The futures of the parked /req/ requests, oldest first (the seed's global list).
std::deque<std::shared_ptr<Future>> waiting;

// Builds the parked request's answer from its own request and the future's value.
HttpResponse callback(const HttpRequest&, const Future& future) {
    return HttpResponse(future.value());
}

Reply req(const HttpRequest&) {
    auto future = std::make_shared<Future>(callback);
    waiting.push_back(future);
    return future;  // park this connection until someone resolves the future
}

Reply stop(const HttpRequest&) {
    if (!waiting.empty()) {  // the seed's list.pop(0) would raise on an empty list
        waiting.front()->set_result("done");
        waiting.pop_front();
    }
    return HttpResponse("stop");
}

// Exercise 07.2: /stop/ for all of them. Each parked /req/ has a future of its own, so each is
// resolved on its own; set_result() only notes its connection, and the loop answers them all at
// the end of this turn, after this answer. The list is emptied as it is taken: a /req/ parked
// later waits for the next /stop/ or /stopall/. A future whose client has gone is resolved too,
// and counted: nobody is left to answer, and the loop forgot its waiter when the client closed.
Reply stopall(const HttpRequest&) {
    std::deque<std::shared_ptr<Future>> resolved = std::exchange(waiting, {});
    for (const auto& future : resolved)
        future->set_result("done");
    return HttpResponse(std::to_string(resolved.size()));
}

// One future that any number of requests wait for, as a chat's long polls wait for the next
// message: GET /join/ parks on it; GET /release/ resolves it for all of them at once, and a new
// one takes its place for whoever joins next.
std::shared_ptr<Future> gathering = std::make_shared<Future>();

Reply join(const HttpRequest&) {
    return gathering;
}

Reply release(const HttpRequest&) {
    std::exchange(gathering, std::make_shared<Future>())->set_result("released");
    return HttpResponse("release");
}

// A handler's mistake: a future that is not there. Its client gets 500; nobody else notices.
Reply nofuture(const HttpRequest&) {
    return std::shared_ptr<Future>();
}

// (Not called `index`: POSIX already has a function of that name in <strings.h>.)
HttpResponse index_page(const HttpRequest&) {
    return HttpResponse("OK");
}

HttpResponse echo_body(const HttpRequest& request) {
    return HttpResponse(request.body);
}

int main(int argc, char** argv) {
    Options options = parse_options(argc, argv);
    Snow app({
        {"GET", R"(/index/)", index_page},
        {"POST", R"(/echo/)", echo_body},
        {"GET", R"(/req/)", req},
        {"GET", R"(/stop/)", stop},
        {"GET", R"(/stopall/)", stopall},
        {"GET", R"(/join/)", join},
        {"GET", R"(/release/)", release},
        {"GET", R"(/nofuture/)", nofuture},
    });
    return app.run(options.host, options.port);
}
