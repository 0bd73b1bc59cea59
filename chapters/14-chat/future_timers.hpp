// FutureTimers: the timers that resolve TimeoutFutures.
#pragma once

#include <cstddef>
#include <map>
#include <memory>

#include "future.hpp"
#include "timer_queue.hpp"

// One timer per TimeoutFuture that connections wait for, however many wait for it: armed when
// the first parks on it, cancelled when the last one stops waiting. So clients that hang up
// leave no timer behind: a thousand clients parked on 5 s timers and gone would otherwise leave
// a thousand timers, and the wake-ups they cost, until their deadlines. Borrows the timer
// queue, which must outlive it; a future is kept here only while someone waits for it (whoever
// waits holds it). Call only on the loop's thread.
class FutureTimers {
  public:
    explicit FutureTimers(TimerQueue& timers) : timers_(timers) {}

    // A connection parks on `future`: arm its timer, if it has a deadline and none is armed.
    void watch(const std::shared_ptr<Future>& future) {
        auto deadline = future->deadline();
        if (!deadline || future->ready() || armed_.contains(future.get())) return;
        const Future* key = future.get();
        armed_[key] = timers_.add(*deadline, [this, key, weak = std::weak_ptr<Future>(future)] {
            armed_.erase(key);
            if (auto resolving = weak.lock()) resolving->set_result(resolving->value_at_deadline());
        });
    }

    // A connection stopped waiting for `future`: it was answered, or it left. Once nobody
    // waits any more, the timer goes.
    void unwatch(const Future& future) {
        auto it = armed_.find(&future);
        if (it == armed_.end() || future.waiting() > 0) return;
        timers_.cancel(it->second);
        armed_.erase(it);
    }

    // How many timers are armed: one per future that someone waits for.
    std::size_t armed() const { return armed_.size(); }

  private:
    TimerQueue& timers_;
    std::map<const Future*, TimerQueue::Timer> armed_;
};
