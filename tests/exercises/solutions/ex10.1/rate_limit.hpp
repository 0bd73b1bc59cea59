// RateLimit: how many requests each client address may make per second (exercise 10.1).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

// Counts requests per client address in windows of one second: an address's window opens at
// its first request after the last window closed, and lets `limit` requests through. Owns its
// counts; forgets an address once its window has closed and the table has grown (so a stream of
// new addresses costs memory for about a second each, not for ever). Call only on the loop's
// thread.
class RateLimit {
  public:
    using Clock = std::chrono::steady_clock;

    explicit RateLimit(std::uint32_t limit) : limit_(limit) {}

    // True if the request from `address` at `now` is within its limit, and counts it.
    bool allow(const std::string& address, Clock::time_point now) {
        if (windows_.size() > kForgetAbove) forget_closed(now);
        Window& window = windows_[address];
        if (now >= window.closes) window = Window{now + std::chrono::seconds(1), 0};
        return ++window.requests <= limit_;
    }

  private:
    struct Window {
        Clock::time_point closes;  // default: long closed, so the first request opens one
        std::uint32_t requests = 0;
    };
    static constexpr std::size_t kForgetAbove = 4096;

    void forget_closed(Clock::time_point now) {
        std::erase_if(windows_, [now](const auto& entry) { return now >= entry.second.closes; });
    }

    std::uint32_t limit_;
    std::map<std::string, Window> windows_;
};
