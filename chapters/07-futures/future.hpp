// Future: an answer that is not there yet.
#pragma once

#include <functional>
#include <string>
#include <utility>

#include "request.hpp"
#include "response.hpp"

// A value that will arrive later, as in the seed: someone calls set_result(value), and the
// connection parked on the future is answered with callback(request, future), where `request`
// is that connection's own request. Shared (std::shared_ptr) between the handler that made it,
// whoever will resolve it, and the loop while a connection is parked on it. Call only on the
// loop's thread.
class Future {
  public:
    using Callback = std::function<HttpResponse(const HttpRequest&, const Future&)>;

    Future() = default;  // without a callback, the parked request is answered with value()
    explicit Future(Callback callback) : callback_(std::move(callback)) {}
    Future(const Future&) = delete;
    Future& operator=(const Future&) = delete;

    // Stores the value and wakes the waiter, if any. A future resolves once: later calls are
    // ignored (two /stop/ racing for one /req/ must not answer it twice).
    void set_result(std::string value) {
        if (ready_) return;
        value_ = std::move(value);
        ready_ = true;
        if (waiter_) std::exchange(waiter_, nullptr)();
    }

    bool ready() const { return ready_; }
    const std::string& value() const { return value_; }
    const Callback& callback() const { return callback_; }

    // For the loop: `waiter` runs once, when the future is resolved (at once if it already is).
    // on_ready(nullptr) forgets the waiter: its connection is gone.
    void on_ready(std::function<void()> waiter) {
        waiter_ = std::move(waiter);
        if (ready_ && waiter_) std::exchange(waiter_, nullptr)();
    }

  private:
    Callback callback_;
    std::string value_;
    bool ready_ = false;
    std::function<void()> waiter_;
};
