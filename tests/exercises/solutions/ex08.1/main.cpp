// ch08-snow: the seed's timeout example in C++, beside the examples of chapters 06 and 07.
// GET /home/ answers "home" at once; GET /async/ parks on a TimeoutFuture and is answered
// "async" after --async-ms milliseconds (5000, the seed's 5 s). GET /thread/ is resolved by
// another thread after 50 ms, and GET /release-from-a-thread/ releases the /join/ requests
// from another thread. GET /index/, POST /echo/, GET /req/, GET /stop/, GET /join/,
// GET /release/ and GET /nofuture/ as before.
#include <chrono>
#include <deque>
#include <memory>
#include <thread>
#include <utility>

#include "options.hpp"
#include "snow.hpp"

using namespace std::chrono_literals;

std::chrono::milliseconds async_delay{5000};

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

// The same release, from another thread: set_result() wakes the loop, which answers them all.
Reply release_from_a_thread(const HttpRequest&) {
    std::shared_ptr<Future> released = std::exchange(gathering, std::make_shared<Future>());
    std::thread([released] { released->set_result("released"); }).detach();
    return HttpResponse("release");
}

// A handler's mistake: a future that is not there. Its client gets 500; nobody else notices.
Reply nofuture(const HttpRequest&) {
    return std::shared_ptr<Future>();
}

HttpResponse home(const HttpRequest&) {
    return HttpResponse("home");
}

// Exercise 08.1: the futures of the /async/ requests, oldest first. Weak: a future answered at
// its deadline is gone once its requests are, and must not be kept alive by this list.
std::deque<std::weak_ptr<TimeoutFuture>> timing;

Reply async(const HttpRequest&) {
    auto future = std::make_shared<TimeoutFuture>(async_delay, "async");
    timing.push_back(future);
    return future;
}

// Cancels the oldest /async/ still waiting: it is answered "cancelled" now. Says how many it
// cancelled: "cancel 1", or "cancel 0" when none waits.
HttpResponse cancel(const HttpRequest&) {
    while (!timing.empty()) {
        std::shared_ptr<TimeoutFuture> future = timing.front().lock();
        timing.pop_front();
        if (future && !future->ready()) {
            future->cancel();
            return HttpResponse("cancel 1");
        }
    }
    return HttpResponse("cancel 0");
}

// A future resolved by another thread: set_result() wakes the loop, which answers on its own
// thread. (A real program would hand the work to a thread pool, not start a thread per request.)
Reply from_a_thread(const HttpRequest&) {
    auto future = std::make_shared<Future>(callback);
    std::thread([future] {
        std::this_thread::sleep_for(50ms);
        future->set_result("from a thread");
    }).detach();
    return future;
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
    async_delay = std::chrono::milliseconds(options.async_ms);
    Snow app({
        {"GET", R"(/index/)", index_page},
        {"POST", R"(/echo/)", echo_body},
        {"GET", R"(/req/)", req},
        {"GET", R"(/stop/)", stop},
        {"GET", R"(/join/)", join},
        {"GET", R"(/release/)", release},
        {"GET", R"(/release-from-a-thread/)", release_from_a_thread},
        {"GET", R"(/nofuture/)", nofuture},
        {"GET", R"(/home/)", home},
        {"GET", R"(/async/)", async},
        {"GET", R"(/cancel/)", cancel},
        {"GET", R"(/thread/)", from_a_thread},
    });
    return app.run(options.host, options.port);
}
