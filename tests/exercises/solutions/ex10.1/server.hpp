// Server: one thread, many clients, one select() loop.
#pragma once

#include <map>
#include <memory>
#include <optional>

#include "connection.hpp"
#include "fd.hpp"
#include "future_timers.hpp"
#include "rate_limit.hpp"
#include "router.hpp"
#include "settings.hpp"
#include "timer_queue.hpp"
#include "wakeup.hpp"

// An HTTP server for many clients at once. Owns the listening socket and every connection;
// borrows the router, which must outlive it. No client's error, slowness or silence reaches
// another client: each ends in an answer (4xx, 5xx) or in closing that client's connection.
// run() is the event loop: it sleeps in select() until some socket is ready, serves exactly the
// ready ones (which never block: every socket is non-blocking), and goes back to sleep.
class Server {
  public:
    Server(Fd listener, const Router& router, Settings settings);

    // Serves clients until SIGINT or SIGTERM (install_stop_handlers() first).
    void run();

  private:
    void accept_new_clients();
    void serve(Connection& connection);
    bool serve_requests(Connection& connection);
    void reply(Connection& connection, Reply reply);
    void resume(Connection& connection, Task task);
    void park(Connection& connection, std::shared_ptr<Future> future,
              std::optional<Task> task = std::nullopt);
    void answer_resolved();
    void answer_parked(int fd);
    using Connections = std::map<int, Connection>;
    Connections::iterator close(Connections::iterator it);
    void refuse_one_client();
    std::optional<TimerQueue::Clock::time_point> deadline_for(Connection& connection) const;
    void refresh_timer(Connection& connection);
    void on_deadline(int fd);

    Fd listener_;
    const Router& router_;
    Settings settings_;
    // The connections, by descriptor number: the key select() reports them by.
    Connections connections_;
    // A descriptor kept in reserve for the day accept() fails with "Too many open files": see
    // refuse_one_client().
    Fd spare_;
    // Where resolved futures post their parked connections, from any thread.
    std::shared_ptr<Wakeup> wakeup_ = std::make_shared<Wakeup>();
    TimerQueue timers_;
    FutureTimers future_timers_{timers_};         // the TimeoutFutures' timers, in timers_
    RateLimit rate_limit_{settings_.rate_limit};  // exercise 10.1: used if settings_.rate_limit
};
