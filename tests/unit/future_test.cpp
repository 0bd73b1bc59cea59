// Future (chapter 07 on): resolved once, wakes each of its waiters once, forgets one that left.
#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "behaviour.hpp"
#include "counted.hpp"
#include "future.hpp"

using snow_test::Counted;

SNOW_TEST(Future, StartsUnresolved, since(7)) {
    Future future;
    EXPECT_FALSE(future.ready());
    EXPECT_EQ(future.value(), "");
}

SNOW_TEST(Future, KeepsTheFirstResultOnly, since(7)) {
    Future future;
    future.set_result("first");
    future.set_result("second");
    EXPECT_TRUE(future.ready());
    EXPECT_EQ(future.value(), "first");
}

SNOW_TEST(Future, WakesItsWaiterOnceWhenResolved, since(7)) {
    Future future;
    int wakes = 0;
    future.on_ready([&] { ++wakes; });
    EXPECT_EQ(wakes, 0);
    future.set_result("x");
    future.set_result("y");
    EXPECT_EQ(wakes, 1);
}

SNOW_TEST(Future, WakesAWaiterAtOnceIfAlreadyResolved, since(7)) {
    Future future;
    future.set_result("x");
    int wakes = 0;
    future.on_ready([&] { ++wakes; });
    EXPECT_EQ(wakes, 1);
}

SNOW_TEST(Future, ForgetsAWaiterThatLeft, since(7)) {
    Future future;
    int wakes = 0;
    Future::Token token = future.on_ready([&] { ++wakes; });
    future.forget(token);
    future.set_result("x");
    EXPECT_EQ(wakes, 0);
}

// Many connections may wait for one future (a chat's long polls wait for one message): each
// waiter is woken once. A future used to keep one waiter, the last to come.
SNOW_TEST(Future, WakesEveryWaiterOnce, since(7)) {
    Future future;
    std::vector<int> wakes(100, 0);
    for (int i = 0; i < 100; ++i)
        future.on_ready([&wakes, i] { ++wakes[i]; });
    future.set_result("x");
    future.set_result("y");
    EXPECT_EQ(std::count(wakes.begin(), wakes.end(), 1), 100);
}

// A waiter that leaves is forgotten, and only it: one leaving used to clear the waiter of
// whoever had registered last.
SNOW_TEST(Future, ForgetsOnlyTheWaiterThatLeft, since(7)) {
    Future future;
    int first = 0, second = 0, third = 0;
    future.on_ready([&] { ++first; });
    Future::Token leaving = future.on_ready([&] { ++second; });
    future.on_ready([&] { ++third; });
    future.forget(leaving);
    future.set_result("x");
    EXPECT_EQ(first, 1);
    EXPECT_EQ(second, 0);
    EXPECT_EQ(third, 1);
}

SNOW_TEST(Future, ReleasesWhatItsWaiterHeld, since(7)) {
    {
        Future future;
        future.on_ready([held = Counted()] {});
        EXPECT_EQ(Counted::alive, 1);
        future.set_result("x");
        EXPECT_EQ(Counted::alive, 0) << "the waiter ran, so its captures should be gone";
        future.on_ready([held = Counted()] {});  // already resolved: runs and goes at once
        EXPECT_EQ(Counted::alive, 0);
    }
    EXPECT_EQ(Counted::alive, 0);
}

SNOW_TEST(Future, CallsItsCallbackWithTheRequestItIsGiven, since(7)) {
    Future future([](const HttpRequest& request, const Future& f) {
        return HttpResponse(request.path + " " + f.value());
    });
    future.set_result("done");
    HttpRequest request;
    request.path = "/mine/";
    EXPECT_EQ(future.callback()(request, future).body, "/mine/ done");
}

// From chapter 08 on set_result() may come from another thread: every waiter is still woken
// once, while the loop's thread adds and forgets waiters. The resolver waits until the loop has
// begun, so that the two really overlap: a thread that started late used to resolve the future
// before the first waiter came, and ThreadSanitizer had no race to see.
SNOW_TEST(Future, WakesEveryWaiterWhenResolvedFromAnotherThread, since(8)) {
    Future future;
    std::atomic<int> wakes = 0;
    for (int i = 0; i < 100; ++i)
        future.on_ready([&] { ++wakes; });
    std::atomic<bool> loop_began = false;
    std::thread resolver([&] {
        while (!loop_began)
            std::this_thread::yield();
        future.set_result("x");
    });
    for (int i = 0; i < 1000; ++i) {  // meanwhile, as the loop would: waiters come and go
        future.forget(future.on_ready([&] { ++wakes; }));
        loop_began = true;
    }
    resolver.join();
    EXPECT_GE(wakes.load(), 100);
    EXPECT_LE(wakes.load(), 1100);
}
