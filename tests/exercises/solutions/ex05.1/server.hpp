// Server: one thread, many clients, one select() loop.
#pragma once

#include <cstddef>
#include <map>

#include "connection.hpp"
#include "fd.hpp"

// An HTTP server for many clients at once. Owns the listening socket and every connection.
// run() is the event loop: it sleeps in select() until some socket is ready, serves exactly the
// ready ones (which never block: every socket is non-blocking), and goes back to sleep.
class Server {
  public:
    // `max_requests`: how many requests a connection may make (0: no limit).
    Server(Fd listener, std::size_t max_requests)
        : listener_(std::move(listener)), max_requests_(max_requests) {}

    // Serves clients until SIGINT or SIGTERM (install_stop_handlers() first).
    void run();

  private:
    void accept_new_clients();
    void serve(Connection& connection);

    Fd listener_;
    std::size_t max_requests_;
    // The connections, by descriptor number: the key select() reports them by.
    std::map<int, Connection> connections_;
};
