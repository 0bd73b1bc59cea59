// TimerQueue::cancel (chapter 10 on): a cancelled timer never runs, and the others are untouched.
#include <string>

#include "behaviour.hpp"
#include "timer_queue.hpp"

using Clock = TimerQueue::Clock;
using namespace std::chrono_literals;

SNOW_TEST(TimerCancel, ACancelledTimerNeverRuns, since(10)) {
    TimerQueue timers;
    auto now = Clock::now();
    std::string ran;
    TimerQueue::Timer doomed = timers.add(now + 1s, [&] { ran += "doomed "; });
    timers.add(now + 2s, [&] { ran += "kept"; });
    timers.cancel(doomed);
    EXPECT_EQ(timers.size(), 1u);
    EXPECT_EQ(timers.next_deadline(), now + 2s);
    timers.run_expired(now + 3s);
    EXPECT_EQ(ran, "kept");
}

SNOW_TEST(TimerCancel, CancellingATimerThatRanIsHarmless, since(10)) {
    TimerQueue timers;
    auto now = Clock::now();
    int runs = 0;
    TimerQueue::Timer once = timers.add(now, [&] { ++runs; });
    timers.run_expired(now);
    timers.cancel(once);
    EXPECT_EQ(runs, 1);
    EXPECT_EQ(timers.size(), 0u);
}

SNOW_TEST(TimerCancel, TellsApartTimersWithTheSameDeadline, since(10)) {
    TimerQueue timers;
    auto deadline = Clock::now();
    std::string ran;
    timers.add(deadline, [&] { ran += "a"; });
    TimerQueue::Timer b = timers.add(deadline, [&] { ran += "b"; });
    timers.add(deadline, [&] { ran += "c"; });
    timers.cancel(b);
    timers.run_expired(deadline);
    EXPECT_EQ(ran, "ac");
}
