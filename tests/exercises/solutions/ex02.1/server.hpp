// Server: one thread, many clients, one select() loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>

#include "fd.hpp"

// An echo server for many clients at once. Owns the listening socket and every client's socket.
// run() is the event loop: it sleeps in select() until some socket is ready, serves exactly the
// ready ones (which never block: every socket is non-blocking), and goes back to sleep.
class Server {
  public:
    explicit Server(Fd listener) : listener_(std::move(listener)) {}

    // Serves clients until SIGINT or SIGTERM (install_stop_handlers() first).
    void run();

  private:
    // One connected client: its socket, its port (for the closing line), what it has sent.
    struct Client {
        Fd fd;
        std::uint16_t port = 0;
        std::size_t received = 0;
    };

    void accept_new_clients();
    // Writes "client PORT sent N bytes" to stderr: the client's connection is over.
    static void report(const Client& client);

    Fd listener_;
    // The connected clients, by descriptor number: the key select() reports them by.
    std::map<int, Client> clients_;
};
