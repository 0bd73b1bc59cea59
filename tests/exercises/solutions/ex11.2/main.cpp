// ch11-snow: the seed's examples with their handlers written as coroutines. GET /req/ waits in
// `co_await` for a future that GET /stop/ resolves; GET /async/ waits in `co_await` for a
// TimeoutFuture. GET /twice/ awaits twice in a row, GET /ready/ awaits a future that is already
// resolved, GET /boom/ throws after an await (and gets 500). GET /index/, POST /echo/,
// GET /home/, GET /thread/, and GET /join/ with its releases and GET /nofuture/ as before. New: GET
// /throw/ throws from a plain handler, and the limits and timeouts can be set on the command line
// (--help lists them), and from chapter 11 the poller too (--poller epoll, poll or select).
// Exercise 11.2: GET /connections/ answers how many connections the server holds now.
#include <chrono>
#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include "options.hpp"
#include "server.hpp"
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

Task ready(const HttpRequest& request) {
    auto future = std::make_shared<Future>();
    future->set_result("ready");
    std::string value = co_await future;  // resolved already: no wait at all
    co_return HttpResponse(value + " for " + request.path);
}

// Chapter 10: a plain handler that throws, and not even a std::exception. It gets 500, its line on
// stderr, and the loop goes on (in chapter 09 the exception ended the server).
HttpResponse throws(const HttpRequest&) {
    throw 42;
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

// Exercise 11.2: the connections the loop holds, this one among them. With epoll that can be
// tens of thousands; select() would have refused clients past FD_SETSIZE.
HttpResponse connections(const HttpRequest&) {
    return HttpResponse(std::to_string(Server::open_connections()));
}

int main(int argc, char** argv) {
    Options options = parse_options(argc, argv);
    async_delay = std::chrono::milliseconds(options.async_ms);
    Snow app(
        {
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
            {"GET", R"(/throw/)", throws},
            {"GET", R"(/connections/)", connections},
        },
        options.settings);
    return app.run(options.host, options.port);
}
