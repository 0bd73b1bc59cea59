// Future and TimeoutFuture: answers that are not there yet.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "request.hpp"
#include "response.hpp"

// A value that will arrive later, as in the seed: someone calls set_result(value), and every
// connection parked on the future is answered with callback(request, future), where `request`
// is that connection's own request. Shared (std::shared_ptr) between the handler that made it,
// whoever will resolve it, and the loop while a connection is parked on it. set_result() may be
// called from any thread; everything else only on the loop's thread.
class Future {
  public:
    using Callback = std::function<HttpResponse(const HttpRequest&, const Future&)>;
    using Clock = std::chrono::steady_clock;

    Future() = default;  // without a callback, the parked request is answered with value()
    explicit Future(Callback callback) : callback_(std::move(callback)) {}
    Future(const Future&) = delete;
    Future& operator=(const Future&) = delete;
    virtual ~Future() = default;

    // A waiter's name, to forget it by: many connections may wait for one future.
    using Token = std::uint64_t;

    // Stores the value and wakes every waiter, each once. A future resolves once: later calls
    // are ignored (two /stop/ racing for one /req/ must not answer it twice). The waiters run
    // on the calling thread, outside the lock.
    void set_result(std::string value) {
        std::map<Token, std::function<void()>> waiters;
        {
            std::lock_guard lock(mutex_);
            if (ready_) return;
            value_ = std::move(value);
            ready_ = true;
            waiters = std::exchange(waiters_, {});
        }
        for (auto& [token, waiter] : waiters)
            waiter();
    }

    bool ready() const {
        std::lock_guard lock(mutex_);
        return ready_;
    }
    // Only once ready(): the value never changes after that, so it needs no lock.
    const std::string& value() const { return value_; }
    const Callback& callback() const { return callback_; }

    // Chapter 08: when the loop resolves this future by itself (a TimeoutFuture), and with what
    // value. Nothing for a future that someone else resolves.
    std::optional<Clock::time_point> deadline() const { return deadline_; }
    const std::string& value_at_deadline() const { return value_at_deadline_; }

    // For the loop: `waiter` runs once, when the future is resolved (at once if it already is).
    // Any number may wait. The token names this one for forget().
    Token on_ready(std::function<void()> waiter) {
        std::unique_lock lock(mutex_);
        Token token = next_token_++;
        if (!ready_) {
            waiters_.emplace(token, std::move(waiter));
            return token;
        }
        lock.unlock();
        waiter();  // already resolved: wake it now
        return token;
    }
    // Forgets one waiter, whose connection is gone; the others still wait.
    void forget(Token token) {
        std::lock_guard lock(mutex_);
        waiters_.erase(token);
    }
    // How many wait for it now.
    std::size_t waiting() const {
        std::lock_guard lock(mutex_);
        return waiters_.size();
    }

  protected:
    std::optional<Clock::time_point> deadline_;
    std::string value_at_deadline_;

  private:
    Callback callback_;
    mutable std::mutex mutex_;  // guards ready_, value_ (until ready), waiters_, next_token_
    std::string value_;
    bool ready_ = false;
    // A map, not a vector: forget() is O(log n) with thousands waiting, and the waiters are
    // woken in the order they came.
    std::map<Token, std::function<void()>> waiters_;
    Token next_token_ = 0;
};

// The seed's TimeoutFuture: a future without a callback that resolves by itself `timeout` after
// it was made, with `value`. The loop keeps the time: it sets a timer when a connection parks
// on it. (The seed never answered such a request: no callback, no answer.)
class TimeoutFuture : public Future {
  public:
    explicit TimeoutFuture(std::chrono::milliseconds timeout, std::string value = "") {
        deadline_ = Clock::now() + timeout;
        value_at_deadline_ = std::move(value);
    }
};
