// ch09-snow: the seed's examples with their handlers written as coroutines. GET /req/ waits in
// `co_await` for a future that GET /stop/ resolves; GET /async/ waits in `co_await` for a
// TimeoutFuture. GET /twice/ awaits twice in a row, GET /ready/ awaits a future that is already
// resolved, GET /boom/ throws after an await (and gets 500), and GET /both/ (exercise 09.1)
// waits for two timers at once. GET /index/, POST /echo/, GET /home/, GET /thread/, and
// GET /join/ with its releases and GET /nofuture/ as before.
#include <chrono>
#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include "options.hpp"
#include "snow.hpp"

using namespace std::chrono_literals;

std::chrono::milliseconds async_delay{5000};

// The futures of the waiting /req/ requests, oldest first (the seed's global list).
std::deque<std::shared_ptr<Future>> waiting;

// The seed's `yield future`, and its callback, in one function.
Task req(const HttpRequest&) {
    auto future = std::make_shared<Future>();
    waiting.push_back(future);
    std::string value = co_await future;  // the connection waits here; the loop goes on
    co_return HttpResponse(value);
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

Task async(const HttpRequest&) {
    co_await std::make_shared<TimeoutFuture>(async_delay);
    co_return HttpResponse("async");
}

Task twice(const HttpRequest&) {
    std::string first = co_await std::make_shared<TimeoutFuture>(20ms, "once");
    std::string second = co_await std::make_shared<TimeoutFuture>(20ms, "twice");
    co_return HttpResponse(first + ", " + second);
}

// Exercise 09.1: two waits at once. A TimeoutFuture's deadline is fixed when it is made, so
// both run from now, and awaiting one after the other costs the longer of the two, not their
// sum: by the time `left` is resolved, `right` is due too. (Made after the first co_await, as
// in /twice/, the second would start only then, and the answer would take twice as long.)
Task both(const HttpRequest&) {
    auto left = std::make_shared<TimeoutFuture>(async_delay, "left");
    auto right = std::make_shared<TimeoutFuture>(async_delay, "right");
    std::string first = co_await left;
    std::string second = co_await right;
    co_return HttpResponse(first + ", " + second);
}

Task ready(const HttpRequest& request) {
    auto future = std::make_shared<Future>();
    future->set_result("ready");
    std::string value = co_await future;  // resolved already: no wait at all
    co_return HttpResponse(value + " for " + request.path);
}

Task boom(const HttpRequest&) {
    co_await std::make_shared<TimeoutFuture>(10ms);
    throw std::runtime_error("boom");
}

// A future resolved by another thread: set_result() wakes the loop, which resumes the
// coroutine on its own thread. (A real program would use a thread pool.)
Task from_a_thread(const HttpRequest&) {
    auto future = std::make_shared<Future>();
    std::thread([future] {
        std::this_thread::sleep_for(50ms);
        future->set_result("from a thread");
    }).detach();
    co_return HttpResponse(co_await future);
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
        {"GET", R"(/thread/)", from_a_thread},
        {"GET", R"(/twice/)", twice},
        {"GET", R"(/ready/)", ready},
        {"GET", R"(/boom/)", boom},
        {"GET", R"(/both/)", both},
    });
    return app.run(options.host, options.port);
}
