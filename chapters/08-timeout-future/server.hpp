// Server: one thread, many clients, one select() loop.
#pragma once

#include <map>
#include <memory>

#include "connection.hpp"
#include "fd.hpp"
#include "future_timers.hpp"
#include "router.hpp"
#include "timer_queue.hpp"
#include "wakeup.hpp"

// An HTTP server for many clients at once. Owns the listening socket and every connection;
// borrows the router, which must outlive it.
// run() is the event loop: it sleeps in select() until some socket is ready, serves exactly the
// ready ones (which never block: every socket is non-blocking), and goes back to sleep.
class Server {
  public:
    Server(Fd listener, const Router& router) : listener_(std::move(listener)), router_(router) {}

    // Serves clients until SIGINT or SIGTERM (install_stop_handlers() first).
    void run();

  private:
    void accept_new_clients();
    void serve(Connection& connection);
    bool serve_requests(Connection& connection);
    void park(Connection& connection, HttpRequest request, std::shared_ptr<Future> future);
    void answer_resolved();
    void answer_parked(int fd);
    using Connections = std::map<int, Connection>;
    Connections::iterator close(Connections::iterator it);

    Fd listener_;
    const Router& router_;
    // The connections, by descriptor number: the key select() reports them by.
    Connections connections_;
    // Where resolved futures post their parked connections, from any thread.
    std::shared_ptr<Wakeup> wakeup_ = std::make_shared<Wakeup>();
    TimerQueue timers_;
    FutureTimers future_timers_{timers_};  // the TimeoutFutures' timers, in timers_
};
