// Server: one thread, many clients, one event loop.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>

#include "connection.hpp"
#include "fd.hpp"
#include "future_timers.hpp"
#include "poller.hpp"
#include "router.hpp"
#include "settings.hpp"
#include "timer_queue.hpp"
#include "wakeup.hpp"

// An HTTP server for many clients at once. Owns the listening socket and every connection;
// borrows the router, which must outlive it. No client's error, slowness or silence reaches
// another client: each ends in an answer (4xx, 5xx) or in closing that client's connection.
// run() is the event loop: it sleeps in its poller until some socket is ready, serves exactly
// the ready ones (which never block: every socket is non-blocking), and goes back to sleep.
class Server {
  public:
    Server(Fd listener, const Router& router, Settings settings);

    // Serves clients until SIGINT or SIGTERM (install_stop_handlers() first).
    void run();

    // Exercise 11.2: how many client connections the running server holds now, 0 if none
    // runs: for a handler, which runs on the loop's thread, the one thread that changes them.
    static std::size_t open_connections();

  private:
    using Connections = std::map<int, Connection>;
    // A request's way through the server, in order, one function a step:
    void accept_new_clients();                                       // its connection comes in
    void serve_ready(Connections::iterator it, const Ready& event);  // the poller: bytes came
    void serve(Connection& connection);               // answer what it can, send what it can
    bool serve_requests(Connection& connection);      // parse each whole request, call its handler
    void reply(Connection& connection, Reply reply);  // do what the handler's Reply says:
    void resume(Connection& connection, Task task);   //   run a coroutine handler, or
    void park(Connection& connection, std::shared_ptr<Future> future,  //   wait for a future
              std::optional<Task> task = std::nullopt);
    void answer_resolved();      // at the end of a turn: the parked ones whose futures resolved,
    void answer_parked(int fd);  //   each answered from its callback or coroutine, then serve()
    void settle(Connection& connection);  // after each step: its timer, what the poller watches
    Connections::iterator close(Connections::iterator it);  // the end of its connection
    // Beside that way: deadlines, and running out of descriptors.
    std::optional<TimerQueue::Clock::time_point> deadline_for(Connection& connection) const;
    void refresh_timer(Connection& connection);
    void on_deadline(int fd);
    void refuse_one_client();

    Fd listener_;
    const Router& router_;
    Settings settings_;
    std::unique_ptr<Poller> poller_;  // Chapter 11: select, poll or epoll
    // The connections, by descriptor number: the key the poller reports them by.
    Connections connections_;
    // A descriptor kept in reserve for the day accept() fails with "Too many open files": see
    // refuse_one_client().
    Fd spare_;
    // Where resolved futures post their parked connections, from any thread.
    std::shared_ptr<Wakeup> wakeup_ = std::make_shared<Wakeup>();
    TimerQueue timers_;
    FutureTimers future_timers_{timers_};  // the TimeoutFutures' timers, in timers_
};
