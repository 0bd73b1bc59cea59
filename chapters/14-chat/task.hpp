// Task: a handler written as a C++20 coroutine.
#pragma once

#include <coroutine>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "future.hpp"
#include "response.hpp"

// The C++ form of the seed's generator handlers: a coroutine that may `co_await` futures, any
// number of times, and `co_return`s its answer:
//
//     Task req(const HttpRequest&) {
//         auto future = std::make_shared<Future>();
//         waiting.push_back(future);
//         std::string value = co_await future;  // the connection waits; the loop goes on
//         co_return HttpResponse(value);
//     }
//
// Its body does not start when the handler is called: it starts when the loop first calls
// resume(), and runs until it awaits a future that is not resolved yet, or ends. The loop
// then parks the connection on awaited() and calls resume() again, on its own thread, once
// that future is resolved. Owns the coroutine's frame (its locals, its place in the body) and
// destroys it with the Task, even mid-body: a client that leaves takes its coroutine with it.
// Move-only: one owner, one destroy(). Call only on the loop's thread.
struct FutureAwaiter;
class [[nodiscard]] Task {
  public:
    struct promise_type {
        std::optional<HttpResponse> response;  // what co_return gave
        std::exception_ptr error;              // what the body threw instead
        std::shared_ptr<Future> awaited;       // what it waits for while suspended

        Task get_return_object() {
            return Task(std::coroutine_handle<promise_type>::from_promise(*this));
        }
        std::suspend_always initial_suspend() noexcept { return {}; }  // the loop starts it
        std::suspend_always final_suspend() noexcept { return {}; }    // the Task destroys it
        void return_value(HttpResponse value) { response = std::move(value); }
        // An exception must not escape into the loop that resumed us: keep it for result().
        void unhandled_exception() { error = std::current_exception(); }
        // `co_await x` in a Task: x must be a snow future, since only the loop can wake the
        // coroutine, and the loop knows only futures. Anything else fails to compile, with
        // this message rather than a page about awaiters.
        template <typename Awaited>
        FutureAwaiter await_transform(Awaited&& awaited);
    };

    Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
    Task& operator=(Task&& other) noexcept {
        if (this != &other) {
            if (handle_) handle_.destroy();
            handle_ = std::exchange(other.handle_, nullptr);
        }
        return *this;
    }
    ~Task() {
        if (handle_) handle_.destroy();
    }

    // Runs the body from where it stopped until it awaits an unresolved future, or ends.
    void resume() {
        handle_.promise().awaited = nullptr;
        handle_.resume();
    }
    bool done() const { return handle_.done(); }
    // While suspended: the future the body waits for.
    const std::shared_ptr<Future>& awaited() const { return handle_.promise().awaited; }
    // Once done(): the answer the body returned; rethrows what it threw instead.
    HttpResponse result() {
        if (handle_.promise().error) std::rethrow_exception(handle_.promise().error);
        return std::move(*handle_.promise().response);
    }

  private:
    explicit Task(std::coroutine_handle<promise_type> handle) : handle_(handle) {}

    std::coroutine_handle<promise_type> handle_;
};

// What `co_await future` does inside a Task. A resolved future does not suspend at all. Else
// the coroutine suspends and tells its promise what it waits for; the loop, not the awaiter,
// arranges the wake-up, so resuming always happens on the loop's thread. A null future throws
// in the coroutine, which its handler's client gets as a 500.
struct FutureAwaiter {
    std::shared_ptr<Future> future;

    bool await_ready() const {
        if (!future) throw std::invalid_argument("co_await on a null future");
        return future->ready();
    }
    void await_suspend(std::coroutine_handle<Task::promise_type> handle) {
        handle.promise().awaited = future;
    }
    std::string await_resume() const { return future->value(); }
};

template <typename Awaited>
FutureAwaiter Task::promise_type::await_transform(Awaited&& awaited) {
    static_assert(std::is_convertible_v<Awaited, std::shared_ptr<Future>>,
                  "a snow Task can co_await only a future: a std::shared_ptr<Future> or "
                  "std::shared_ptr<TimeoutFuture>");
    return FutureAwaiter{std::forward<Awaited>(awaited)};
}
