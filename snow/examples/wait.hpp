// The seed's waiting example: GET /req/ makes a Future with a callback, keeps it in a list and
// parks on it; GET /stop/ resolves the oldest with "done" and answers "stop"; the parked request
// is then answered by callback(request, future). In the seed every callback received the latest
// request of any connection, and /stop/ with nothing parked crashed the server.
#pragma once

#include <deque>
#include <memory>
#include <vector>

#include <snow/snow.hpp>

inline std::vector<snow::Route> wait_routes() {
    // The parked /req/ futures, oldest first. Shared by the two handlers, not a global.
    auto waiting = std::make_shared<std::deque<std::shared_ptr<snow::Future>>>();
    auto callback = [](const snow::HttpRequest&, const snow::Future& future) {
        return snow::HttpResponse(future.value());
    };
    auto req = [waiting, callback](const snow::HttpRequest&) -> snow::Reply {
        auto future = std::make_shared<snow::Future>(callback);
        waiting->push_back(future);
        return future;  // park this connection until the future is resolved
    };
    auto stop = [waiting](const snow::HttpRequest&) -> snow::Reply {
        if (!waiting->empty()) {
            waiting->front()->set_result("done");
            waiting->pop_front();
        }
        return snow::HttpResponse("stop");
    };
    return {
        {"GET", R"(/req/)", req},
        {"GET", R"(/stop/)", stop},
    };
}
