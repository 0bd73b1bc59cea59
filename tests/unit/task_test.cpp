// Task (chapter 09 on): a coroutine handler, driven by hand the way the loop drives it.
#include <memory>
#include <stdexcept>
#include <string>

#include "behaviour.hpp"
#include "counted.hpp"
#include "task.hpp"

using snow_test::Counted;

namespace {

Task wait_for(std::shared_ptr<Future> future, std::string* trace) {
    Counted local;
    *trace += "started ";
    std::string value = co_await future;
    *trace += "resumed ";
    co_return HttpResponse(value);
}

Task throws_after(std::shared_ptr<Future> future) {
    co_await future;
    throw std::runtime_error("boom");
}

}  // namespace

SNOW_TEST(Task, DoesNotStartUntilResumed, since(9)) {
    std::string trace;
    Task task = wait_for(std::make_shared<Future>(), &trace);
    EXPECT_EQ(trace, "");
    EXPECT_FALSE(task.done());
}

SNOW_TEST(Task, SuspendsOnAnUnresolvedFutureAndSaysWhichOne, since(9)) {
    std::string trace;
    auto future = std::make_shared<Future>();
    Task task = wait_for(future, &trace);
    task.resume();
    EXPECT_EQ(trace, "started ");
    EXPECT_FALSE(task.done());
    EXPECT_EQ(task.awaited(), future);
    future->set_result("value");
    task.resume();
    EXPECT_EQ(trace, "started resumed ");
    ASSERT_TRUE(task.done());
    EXPECT_EQ(task.result().body, "value");
}

SNOW_TEST(Task, DoesNotSuspendOnAResolvedFuture, since(9)) {
    std::string trace;
    auto future = std::make_shared<Future>();
    future->set_result("at once");
    Task task = wait_for(future, &trace);
    task.resume();
    ASSERT_TRUE(task.done());
    EXPECT_EQ(task.result().body, "at once");
}

SNOW_TEST(Task, KeepsWhatTheBodyThrowsForResult, since(9)) {
    auto future = std::make_shared<Future>();
    future->set_result("x");
    Task task = throws_after(future);
    EXPECT_NO_THROW(task.resume());  // nothing escapes into the loop
    ASSERT_TRUE(task.done());
    EXPECT_THROW(task.result(), std::runtime_error);
}

SNOW_TEST(Task, FreesASuspendedCoroutineWithItsLocals, since(9)) {
    std::string trace;
    auto future = std::make_shared<Future>();
    {
        Task task = wait_for(future, &trace);
        task.resume();
        EXPECT_EQ(Counted::alive, 1);  // the local lives in the suspended frame
    }                                  // the client left: the Task goes, and the frame with it
    EXPECT_EQ(Counted::alive, 0);
    EXPECT_EQ(future.use_count(), 1) << "the frame's copy of the future was not freed";
}

SNOW_TEST(Task, MovesWithoutRunningTwice, since(9)) {
    std::string trace;
    auto future = std::make_shared<Future>();
    Task first = wait_for(future, &trace);
    Task second = std::move(first);
    second.resume();
    future->set_result("v");
    second.resume();
    EXPECT_EQ(trace, "started resumed ");
    EXPECT_EQ(Counted::alive, 0);
}

// co_await on a null future used to dereference it inside the coroutine. Now it throws there,
// and the loop answers the client 500 as for any exception from a handler.
SNOW_TEST(Task, TurnsANullFutureIntoAnError, since(9)) {
    std::string trace;
    Task task = wait_for(nullptr, &trace);
    task.resume();
    ASSERT_TRUE(task.done());
    EXPECT_THROW(task.result(), std::invalid_argument);
}
