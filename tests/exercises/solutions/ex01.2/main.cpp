// ch01-echo: a blocking echo server. It sends every byte a client sends straight back, and it
// serves one client at a time: while one is connected, the next one waits in the kernel's queue.
// With --max-bytes N (exercise 01.2) it echoes at most N bytes to each client, then closes it.
#include <sys/socket.h>

#include <algorithm>
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

// Echoes until the client closes its side, or until `max_bytes` have been echoed (0: no cap).
// recv() blocks until bytes arrive: this is where a second client waits for the first one to
// leave.
void echo_until_closed(const Fd& client, std::uint64_t max_bytes) {
    char buffer[4096];
    // Exercise 01.2: what this client may still get back. Counted per connection, so that a
    // client that stays connected cannot have more by sending it in small pieces.
    std::uint64_t left = max_bytes == 0 ? UINT64_MAX : max_bytes;
    for (;;) {
        ssize_t received = ::recv(client.get(), buffer, sizeof buffer, 0);
        if (received == 0) return;  // the client closed its side: it will send nothing more
        if (received < 0 && errno == EINTR && !stop_requested()) continue;
        if (received < 0) return;  // reset by the client, or we are asked to stop
        // The bytes past the allowance were read, so they are dropped here. Any the client sent
        // that we did not read yet make close() send a reset rather than a FIN (chapter 04 learns
        // to read them away first).
        auto size = static_cast<std::size_t>(std::min(left, static_cast<std::uint64_t>(received)));
        if (!send_all(client, buffer, size)) return;
        left -= size;
        if (left == 0) return;  // all it may have: close now, without waiting for more
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
            if (client) echo_until_closed(client, options.max_bytes);
        }  // `client` is closed here, at the end of each turn: RAII, no close() to forget
        return 0;
    } catch (const std::exception& error) {
        std::cerr << argv[0] << ": " << error.what() << "\n";
        return 1;
    }
}
