// Wakeup (chapter 08 on): the loop's mailbox. A post from another thread makes its descriptor
// readable, so that a loop asleep in select() wakes up; a post on the loop's own thread writes
// nothing, since the loop is awake; and nothing posted is lost, however many threads post at once.
#include <poll.h>

#include <chrono>
#include <thread>
#include <vector>

#include "behaviour.hpp"
#include "wakeup.hpp"

using namespace std::chrono_literals;

namespace {

// True if `fd` is readable within `timeout`, as the loop's poller would find it.
bool readable(int fd, std::chrono::milliseconds timeout) {
    pollfd watched{fd, POLLIN, 0};
    return ::poll(&watched, 1, static_cast<int>(timeout.count())) == 1;
}

}  // namespace

SNOW_TEST(Wakeup, APostFromAnotherThreadWakesTheLoop, since(8)) {
    Wakeup wakeup;  // made on this thread, which plays the loop's
    std::thread([&] { wakeup.post(7); }).join();
    EXPECT_TRUE(readable(wakeup.fd(), 1s));
    wakeup.drain();
    EXPECT_FALSE(readable(wakeup.fd(), 0ms)) << "drain() should have emptied the eventfd";
    EXPECT_EQ(wakeup.take(), std::vector<int>{7});
    EXPECT_TRUE(wakeup.take().empty());
}

SNOW_TEST(Wakeup, APostOnTheLoopsThreadWritesNothing, since(8)) {
    Wakeup wakeup;
    wakeup.post(7);
    EXPECT_FALSE(readable(wakeup.fd(), 0ms)) << "the loop is awake: there is nothing to wake";
    EXPECT_EQ(wakeup.take(), std::vector<int>{7});
}

// Many threads post while the loop takes, as when many futures resolve at once. The loop drains
// before it takes, as the server does: a post that lands after the take has written to the
// eventfd after the drain, so the next wait wakes for it. Every post arrives once, each thread's
// in the order it made them.
SNOW_TEST(Wakeup, ManyThreadsPostingAtOnceLoseNothing, since(8)) {
    constexpr int kThreads = 8;
    constexpr int kPosts = 1000;  // thread t posts t * kPosts, t * kPosts + 1, ...
    Wakeup wakeup;
    std::vector<std::thread> posters;
    for (int t = 0; t < kThreads; ++t) {
        posters.emplace_back([&wakeup, t] {
            for (int i = 0; i < kPosts; ++i)
                wakeup.post(t * kPosts + i);
        });
    }
    std::vector<int> last(kThreads, -1);
    int taken = 0;
    int out_of_order = 0;
    while (taken < kThreads * kPosts && readable(wakeup.fd(), 5s)) {
        wakeup.drain();
        for (int posted : wakeup.take()) {
            int& previous = last[posted / kPosts];
            if (posted <= previous) ++out_of_order;
            previous = posted;
            ++taken;
        }
    }
    for (std::thread& poster : posters)
        poster.join();
    EXPECT_EQ(taken, kThreads * kPosts) << "a post was lost, or the loop was not woken for it";
    EXPECT_EQ(out_of_order, 0);
}
