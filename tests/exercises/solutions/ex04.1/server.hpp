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
    // `max_request_line`: the longest request line its connections take (exercise 04.1).
    Server(Fd listener, std::size_t max_request_line)
        : listener_(std::move(listener)), max_request_line_(max_request_line) {}

    // Serves clients until SIGINT or SIGTERM (install_stop_handlers() first).
    void run();

  private:
    void accept_new_clients();

    Fd listener_;
    std::size_t max_request_line_;
    // The connections, by descriptor number: the key select() reports them by.
    std::map<int, Connection> connections_;
};
