// ch01-echo: a blocking echo server. It sends every byte a client sends straight back, and it
// serves one client at a time: while one is connected, the next one waits in the kernel's queue.
// With --idle-ms N (exercise 01.1) a client that sends nothing for N ms is closed, and the next
// one gets its turn.
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <iostream>

#include "fd.hpp"
#include "listener.hpp"
#include "options.hpp"
#include "stop_signal.hpp"

namespace {

// Sends all `size` bytes: send() may take fewer than asked, so loop until all are gone.
// False if the client is gone (or we are asked to stop).
bool send_all(const Fd& client, const char* data, std::size_t size) {
    while (size > 0) {
        // MSG_NOSIGNAL: writing to a client that hung up must fail with EPIPE, not kill us with
        // SIGPIPE (whose default action ends the process).
        ssize_t sent = ::send(client.get(), data, size, MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR && !stop_requested()) continue;
        if (sent < 0) return false;
        data += sent;
        size -= static_cast<std::size_t>(sent);
    }
    return true;
}

// Exercise 01.1: makes recv() on `client` give up after `idle_ms` of silence, with EAGAIN, rather
// than wait for ever; 0 leaves it waiting for ever. A blocking server cannot watch a clock while
// it waits in recv(), so the kernel must do it: SO_RCVTIMEO is that clock. Each recv() starts
// it again, so it measures silence, not the time a client has been connected.
void close_after_silence(const Fd& client, std::uint32_t idle_ms) {
    if (idle_ms == 0) return;
    timeval timeout{};
    timeout.tv_sec = static_cast<time_t>(idle_ms / 1000);
    timeout.tv_usec = static_cast<suseconds_t>(idle_ms % 1000 * 1000);
    ::setsockopt(client.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
}

// Echoes until the client closes its side. recv() blocks until bytes arrive: this is where a
// second client waits for the first one to leave.
void echo_until_closed(const Fd& client) {
    char buffer[4096];
    for (;;) {
        ssize_t received = ::recv(client.get(), buffer, sizeof buffer, 0);
        if (received == 0) return;  // the client closed its side: it will send nothing more
        if (received < 0 && errno == EINTR && !stop_requested()) continue;
        if (received < 0) return;  // reset, silent for --idle-ms (EAGAIN), or asked to stop
        if (!send_all(client, buffer, static_cast<std::size_t>(received))) return;
    }
}

}  // namespace

int main(int argc, char** argv) {
    Options options = parse_options(argc, argv);
    try {
        install_stop_handlers();
        Fd listener = listen_on(options.host, options.port);
        // Tests and scripts wait for this line: flush it now, not when the buffer fills.
        std::cout << "listening on " << options.host << ":" << local_port(listener) << std::endl;
        while (!stop_requested()) {
            Fd client = accept_client(listener);  // blocks until a client connects
            if (!client) continue;
            close_after_silence(client, options.idle_ms);
            echo_until_closed(client);
        }  // `client` is closed here, at the end of each turn: RAII, no close() to forget
        return 0;
    } catch (const std::exception& error) {
        std::cerr << argv[0] << ": " << error.what() << "\n";
        return 1;
    }
}
