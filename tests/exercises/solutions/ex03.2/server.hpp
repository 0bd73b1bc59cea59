// Server: one thread, many clients, one select() loop.
#pragma once

#include <cstddef>
#include <map>

#include "connection.hpp"
#include "fd.hpp"

// An echo server for many clients at once. Owns the listening socket and every connection.
// run() is the event loop: it sleeps in select() until some socket is ready, serves exactly the
// ready ones (which never block: every socket is non-blocking), and goes back to sleep. With
// `max_line` above 0 (exercise 03.2) it echoes whole lines, none longer than that.
class Server {
  public:
    explicit Server(Fd listener, std::size_t max_line = 0)
        : listener_(std::move(listener)), max_line_(max_line) {}

    // Serves clients until SIGINT or SIGTERM (install_stop_handlers() first).
    void run();

  private:
    void accept_new_clients();

    Fd listener_;
    std::size_t max_line_;  // exercise 03.2: 0 echoes bytes as they come
    // The connections, by descriptor number: the key select() reports them by.
    std::map<int, Connection> connections_;
};
