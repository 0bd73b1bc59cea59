// TimerQueue: things to do at a given time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <utility>

// Callbacks to run at their deadlines, on std::chrono::steady_clock (which never jumps when the
// wall clock is set). Kept sorted by (deadline, id): the earliest is always first, and the id
// keeps two timers with the same deadline apart, in the order they were added. Adding and
// running a timer cost O(log n), and so does cancelling one. Call only on the loop's thread.
class TimerQueue {
  public:
    using Clock = std::chrono::steady_clock;

    // A timer's key in the queue: what cancel() needs to find it.
    struct Timer {
        Clock::time_point deadline;
        std::uint64_t id;
    };

    Timer add(Clock::time_point deadline, std::function<void()> callback) {
        Timer timer{deadline, next_id_++};
        timers_.emplace(std::make_pair(timer.deadline, timer.id), std::move(callback));
        return timer;
    }

    // Forgets a timer that has not run yet (a timer that ran is gone already).
    void cancel(const Timer& timer) { timers_.erase(std::make_pair(timer.deadline, timer.id)); }

    // When the earliest timer is due; nothing if there is no timer. The loop sleeps until then.
    std::optional<Clock::time_point> next_deadline() const {
        if (timers_.empty()) return std::nullopt;
        return timers_.begin()->first.first;
    }

    // Runs, earliest first, every timer whose deadline is not after `now`, and forgets it.
    // A callback may add timers: each one is taken out of the queue before it runs.
    void run_expired(Clock::time_point now) {
        while (!timers_.empty() && timers_.begin()->first.first <= now) {
            auto timer = timers_.extract(timers_.begin());
            timer.mapped()();
        }
    }

    std::size_t size() const { return timers_.size(); }

  private:
    std::map<std::pair<Clock::time_point, std::uint64_t>, std::function<void()>> timers_;
    std::uint64_t next_id_ = 0;
};
