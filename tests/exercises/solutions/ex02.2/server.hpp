// Server: one thread, many clients, one select() loop.
#pragma once

#include <cstddef>
#include <map>

#include "fd.hpp"

// An echo server for many clients at once. Owns the listening socket and every client's socket.
// run() is the event loop: it sleeps in select() until some socket is ready, serves exactly the
// ready ones (which never block: every socket is non-blocking), and goes back to sleep. With a
// cap (max_clients above 0), a client past it is accepted only to be told "busy" and closed.
class Server {
  public:
    explicit Server(Fd listener, std::size_t max_clients = 0)
        : listener_(std::move(listener)), max_clients_(max_clients) {}

    // Serves clients until SIGINT or SIGTERM (install_stop_handlers() first).
    void run();

  private:
    void accept_new_clients();

    Fd listener_;
    std::size_t max_clients_;  // exercise 02.2: 0 is no cap
    // The connected clients, by descriptor number: the key select() reports them by.
    std::map<int, Fd> clients_;
};
