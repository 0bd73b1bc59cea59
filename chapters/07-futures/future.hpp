// Future: an answer that is not there yet.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>

#include "request.hpp"
#include "response.hpp"

// A value that will arrive later, as in the seed: someone calls set_result(value), and every
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

    // A waiter's name, to forget it by: many connections may wait for one future.
    using Token = std::uint64_t;

    // Stores the value and wakes every waiter, each once. A future resolves once: later calls
    // are ignored (two /stop/ racing for one /req/ must not answer it twice).
    void set_result(std::string value) {
        if (ready_) return;
        value_ = std::move(value);
        ready_ = true;
        for (auto& [token, waiter] : std::exchange(waiters_, {}))
            waiter();
    }

    bool ready() const { return ready_; }
    const std::string& value() const { return value_; }
    const Callback& callback() const { return callback_; }

    // For the loop: `waiter` runs once, when the future is resolved (at once if it already is).
    // Any number may wait. The token names this one for forget().
    Token on_ready(std::function<void()> waiter) {
        Token token = next_token_++;
        if (ready_) {
            waiter();
        } else {
            waiters_.emplace(token, std::move(waiter));
        }
        return token;
    }
    // Forgets one waiter, whose connection is gone; the others still wait.
    void forget(Token token) { waiters_.erase(token); }

  private:
    Callback callback_;
    std::string value_;
    bool ready_ = false;
    // A map, not a vector: forget() is O(log n) with thousands waiting, and the waiters are
    // woken in the order they came.
    std::map<Token, std::function<void()>> waiters_;
    Token next_token_ = 0;
};
