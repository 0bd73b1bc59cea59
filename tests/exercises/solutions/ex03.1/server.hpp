// Server: one thread, many clients, one select() loop.
#pragma once

#include <map>

#include "connection.hpp"
#include "fd.hpp"

// An echo server for many clients at once. Owns the listening socket and every connection.
// run() is the event loop: it sleeps in select() until some socket is ready, serves exactly the
// ready ones (which never block: every socket is non-blocking), and goes back to sleep. With
// `reverse_lines` (exercise 03.1) it sends back each whole line reversed instead.
class Server {
  public:
    explicit Server(Fd listener, bool reverse_lines = false)
        : listener_(std::move(listener)), reverse_lines_(reverse_lines) {}

    // Serves clients until SIGINT or SIGTERM (install_stop_handlers() first).
    void run();

  private:
    void accept_new_clients();

    Fd listener_;
    bool reverse_lines_;
    // The connections, by descriptor number: the key select() reports them by.
    std::map<int, Connection> connections_;
};
