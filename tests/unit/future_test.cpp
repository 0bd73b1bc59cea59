// Future (chapter 07 on): resolved once, wakes its waiter once, forgets a waiter that left.
#include <memory>
#include <string>

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
    future.on_ready([&] { ++wakes; });
    future.on_ready(nullptr);
    future.set_result("x");
    EXPECT_EQ(wakes, 0);
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
