// TimerQueue (chapter 08 on): callbacks run at their deadlines, earliest first.
#include <string>

#include "behaviour.hpp"
#include "timer_queue.hpp"

using Clock = TimerQueue::Clock;
using namespace std::chrono_literals;

SNOW_TEST(TimerQueue, HasNoDeadlineWhenEmpty, since(8)) {
    TimerQueue timers;
    EXPECT_FALSE(timers.next_deadline());
}

SNOW_TEST(TimerQueue, NextDeadlineIsTheEarliest, since(8)) {
    TimerQueue timers;
    auto now = Clock::now();
    timers.add(now + 3s, [] {});
    timers.add(now + 1s, [] {});
    timers.add(now + 2s, [] {});
    EXPECT_EQ(timers.next_deadline(), now + 1s);
}

SNOW_TEST(TimerQueue, RunsOnlyWhatIsDueInDeadlineOrder, since(8)) {
    TimerQueue timers;
    auto now = Clock::now();
    std::string ran;
    timers.add(now + 3s, [&] { ran += "3"; });
    timers.add(now + 1s, [&] { ran += "1"; });
    timers.add(now + 2s, [&] { ran += "2"; });
    timers.run_expired(now + 2s);
    EXPECT_EQ(ran, "12");
    EXPECT_EQ(timers.size(), 1u);
    EXPECT_EQ(timers.next_deadline(), now + 3s);
}

SNOW_TEST(TimerQueue, KeepsTheOrderOfTimersWithTheSameDeadline, since(8)) {
    TimerQueue timers;
    auto deadline = Clock::now();
    std::string ran;
    for (char name : std::string("abcde"))
        timers.add(deadline, [&ran, name] { ran += name; });
    timers.run_expired(deadline);
    EXPECT_EQ(ran, "abcde");
}

SNOW_TEST(TimerQueue, LetsACallbackAddATimer, since(8)) {
    TimerQueue timers;
    auto now = Clock::now();
    std::string ran;
    timers.add(now, [&] {
        ran += "first ";
        timers.add(now, [&] { ran += "added"; });  // due too: runs in the same call
        timers.add(now + 1h, [&] { ran += "later"; });
    });
    timers.run_expired(now);
    EXPECT_EQ(ran, "first added");
    EXPECT_EQ(timers.size(), 1u);
}
