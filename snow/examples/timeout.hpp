// The seed's timeout example: /home/ answers "home"; /async/ yields TimeoutFuture(5). The seed
// never answered /async/ (a TimeoutFuture has no callback) and its loop woke every 5 ms to check
// the clock. Here /async/ is a coroutine, answered when its timer fires; the loop sleeps until
// then.
#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include <snow/snow.hpp>

inline snow::HttpResponse home(const snow::HttpRequest&) {
    return snow::HttpResponse("home");
}

inline std::vector<snow::Route> timeout_routes(std::chrono::milliseconds async_delay) {
    // A coroutine lambda reads its captures through the lambda object, after suspending too.
    // Safe here: the router keeps this lambda for as long as the server runs.
    auto async = [async_delay](const snow::HttpRequest&) -> snow::Task {
        co_await std::make_shared<snow::TimeoutFuture>(async_delay);
        co_return snow::HttpResponse("async");
    };
    return {
        {"GET", R"(/home/)", home},
        {"GET", R"(/async/)", async},
    };
}
