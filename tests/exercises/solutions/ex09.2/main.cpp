// ch09-snow: the seed's examples with their handlers written as coroutines. GET /req/ waits in
// `co_await` for a future that GET /stop/ resolves; GET /async/ waits in `co_await` for a
// TimeoutFuture. GET /twice/ awaits twice in a row, GET /ready/ awaits a future that is already
// resolved, GET /boom/ throws after an await (and gets 500), and GET /countdown/?from=N
// (exercise 09.2) awaits in a loop. GET /index/, POST /echo/, GET /home/, GET /thread/, and
// GET /join/ with its releases and GET /nofuture/ as before.
#include <charconv>
#include <chrono>
#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
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

// Exercise 09.2: a countdown, one co_await per step: "3, 2, 1, liftoff", with a wait of
// --async-ms after each number. The counter and the text built so far are the coroutine's
// locals, kept in its frame across every wait; a chapter 08 handler, whose callback must
// answer, could not wait a second time at all. The start is the client's to choose, so it is
// bounded: a countdown from a million would hold its connection for days. Anything but from=1 to
// from=10 is answered 400 at once, before any wait.
Task countdown(const HttpRequest& request) {
    std::string_view query = request.query;
    std::string_view digits = query.starts_with("from=") ? query.substr(5) : "";
    int from = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), from);
    if (error != std::errc() || end != digits.data() + digits.size() || from < 1 || from > 10)
        co_return HttpResponse("countdown needs ?from=N, N from 1 to 10\n", 400);
    std::string said;
    for (int n = from; n >= 1; --n) {
        said += std::to_string(n) + ", ";
        co_await std::make_shared<TimeoutFuture>(async_delay);  // the loop serves others meanwhile
    }
    co_return HttpResponse(said + "liftoff");
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
        {"GET", R"(/countdown/)", countdown},
    });
    return app.run(options.host, options.port);
}
