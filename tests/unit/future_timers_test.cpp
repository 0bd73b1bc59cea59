// FutureTimers (chapter 08 on): one timer per TimeoutFuture that someone waits for, gone when the
// last waiter is. The loop used to arm a timer per parked connection and never cancel it: 1000
// clients that parked on 5 s timers and hung up left 1000 timers until their deadlines.
#include <chrono>
#include <memory>
#include <vector>

#include "behaviour.hpp"
#include "future_timers.hpp"

using namespace std::chrono_literals;

SNOW_TEST(FutureTimers, ArmsOneTimerPerFutureHoweverManyWait, since(8)) {
    TimerQueue queue;
    FutureTimers timers(queue);
    auto future = std::make_shared<TimeoutFuture>(1h);
    for (int i = 0; i < 3; ++i) {
        future->on_ready([] {});
        timers.watch(future);
    }
    EXPECT_EQ(queue.size(), 1u);
    EXPECT_EQ(timers.armed(), 1u);
    timers.watch(std::make_shared<Future>());  // no deadline: no timer
    EXPECT_EQ(queue.size(), 1u);
}

SNOW_TEST(FutureTimers, LeaveNoTimerBehindWhenTheirWaitersLeave, since(8)) {
    TimerQueue queue;
    FutureTimers timers(queue);
    std::vector<std::shared_ptr<TimeoutFuture>> futures;
    std::vector<Future::Token> waiters;
    for (int i = 0; i < 1000; ++i) {  // 1000 clients park on a 5 s timer each...
        futures.push_back(std::make_shared<TimeoutFuture>(5s));
        waiters.push_back(futures.back()->on_ready([] {}));
        timers.watch(futures.back());
    }
    EXPECT_EQ(queue.size(), 1000u);
    for (int i = 0; i < 1000; ++i) {  // ...and hang up
        futures[i]->forget(waiters[i]);
        timers.unwatch(*futures[i]);
    }
    EXPECT_EQ(queue.size(), 0u);
    EXPECT_EQ(timers.armed(), 0u);
}

SNOW_TEST(FutureTimers, KeepTheTimerWhileSomeoneStillWaits, since(8)) {
    TimerQueue queue;
    FutureTimers timers(queue);
    auto future = std::make_shared<TimeoutFuture>(1h);
    Future::Token first = future->on_ready([] {});
    timers.watch(future);
    Future::Token second = future->on_ready([] {});
    timers.watch(future);
    future->forget(first);
    timers.unwatch(*future);
    EXPECT_EQ(queue.size(), 1u) << "one client left; the other still waits for the timer";
    future->forget(second);
    timers.unwatch(*future);
    EXPECT_EQ(queue.size(), 0u);
}

SNOW_TEST(FutureTimers, ResolveTheFutureAtItsDeadline, since(8)) {
    TimerQueue queue;
    FutureTimers timers(queue);
    auto future = std::make_shared<TimeoutFuture>(0ms, "late");
    int wakes = 0;
    future->on_ready([&] { ++wakes; });
    timers.watch(future);
    queue.run_expired(TimerQueue::Clock::now() + 1ms);
    EXPECT_TRUE(future->ready());
    EXPECT_EQ(future->value(), "late");
    EXPECT_EQ(wakes, 1);
    EXPECT_EQ(timers.armed(), 0u);
    timers.unwatch(*future);  // the answered connection: nothing left to cancel
    EXPECT_EQ(queue.size(), 0u);
}
