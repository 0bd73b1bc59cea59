// ch08-snow: the seed's timeout example in C++, beside the examples of chapters 06 and 07.
// GET /home/ answers "home" at once; GET /async/ parks on a TimeoutFuture and is answered
// "async" after --async-ms milliseconds (5000, the seed's 5 s). GET /thread/ is resolved by
// another thread after 50 ms, and GET /release-from-a-thread/ releases the /join/ requests
// from another thread. GET /index/, POST /echo/, GET /req/, GET /stop/, GET /join/,
// GET /release/ and GET /nofuture/ as before. Exercise 08.2: GET /sleep/?ms=N parks on a
// TimeoutFuture of N milliseconds, the client's choice, and is answered "slept N".
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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

Reply async(const HttpRequest&) {
    return std::make_shared<TimeoutFuture>(async_delay, "async");
}

// Exercise 08.2: the longest sleep a client may ask for. --async-ms is the operator's choice; the
// query is anyone's, and each parked connection holds a descriptor and a timer until its
// deadline: without a cap, a few requests for a day's sleep would hold them for a day.
constexpr std::uint32_t max_sleep_ms = 10000;

// The value of `name` in a query such as "a=1&ms=300", if it is there, as sent: a number needs
// no percent-decoding.
std::optional<std::string_view> query_value(std::string_view query, std::string_view name) {
    while (!query.empty()) {
        std::string_view pair = query.substr(0, query.find('&'));
        query.remove_prefix(std::min(query.size(), pair.size() + 1));
        if (pair.starts_with(name) && pair.size() > name.size() && pair[name.size()] == '=')
            return pair.substr(name.size() + 1);
    }
    return std::nullopt;
}

// GET /sleep/?ms=N: a TimeoutFuture whose delay the request chooses. N is a whole number from 0
// to max_sleep_ms; anything else (none, "abc", "-5", "5x", too large) is answered 400 at once,
// and no timer is set. from_chars into an unsigned number takes no sign and reports overflow.
// (Not called `sleep`: POSIX already has one, in <unistd.h>.)
Reply sleep_as_asked(const HttpRequest& request) {
    std::string_view text = query_value(request.query, "ms").value_or("");
    std::uint32_t ms = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (error != std::errc() || end != text.data() + text.size() || ms > max_sleep_ms)
        return HttpResponse("ms must be a whole number from 0 to 10000", 400);
    return std::make_shared<TimeoutFuture>(std::chrono::milliseconds(ms),
                                           "slept " + std::to_string(ms));
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
        {"GET", R"(/thread/)", from_a_thread},
        {"GET", R"(/sleep/)", sleep_as_asked},
    });
    return app.run(options.host, options.port);
}
