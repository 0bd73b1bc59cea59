// bench-echo: how many clients an echo server serves at once, and how many bytes a second it
// echoes to them. Each of --clients connections sends a block of --block bytes, waits until the
// whole block has come back, and sends the next one, for --seconds. Prints
//   served K           clients that got at least one byte back (chapter 01 serves one)
//   bytes_per_second B every byte that came back, all clients together
// One thread and poll(): the load must not need more CPU than the server it measures.
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include "arguments.hpp"
#include "connect.hpp"

namespace {

struct Client {
    Fd socket;
    bool connected = false;
    bool gone = false;         // closed or reset by the server
    std::size_t sent = 0;      // of the current block
    std::size_t received = 0;  // of the current block
    std::uint64_t echoed = 0;  // every byte that came back
};

// The client's turn when poll() says something happened on its socket.
void advance(Client& client, short events, const std::string& block) {
    if (!client.connected) {
        int error = 0;
        socklen_t length = sizeof error;
        ::getsockopt(client.socket.get(), SOL_SOCKET, SO_ERROR, &error, &length);
        client.connected = error == 0;
        client.gone = error != 0;
        return;
    }
    if ((events & POLLOUT) && client.sent < block.size()) {
        ssize_t sent = ::send(client.socket.get(), block.data() + client.sent,
                              block.size() - client.sent, MSG_NOSIGNAL);
        if (sent > 0) client.sent += static_cast<std::size_t>(sent);
        if (sent < 0 && errno != EAGAIN && errno != EINTR) client.gone = true;
    }
    if (events & (POLLIN | POLLHUP | POLLERR)) {
        char buffer[64 * 1024];
        ssize_t got = ::recv(client.socket.get(), buffer, sizeof buffer, 0);
        if (got > 0) {
            client.received += static_cast<std::size_t>(got);
            client.echoed += static_cast<std::uint64_t>(got);
        }
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) client.gone = true;
        if (client.received >= client.sent && client.sent == block.size()) {
            client.sent = client.received = 0;  // the whole block is back: send the next one
        }
    }
}

short wanted_events(const Client& client, std::size_t block_size) {
    if (!client.connected) return POLLOUT;
    return static_cast<short>(POLLIN | (client.sent < block_size ? POLLOUT : 0));
}

// Runs every client until `end`, each one's turn when poll() says its socket is ready.
bool run_until(std::vector<Client>& clients, const std::string& block, Clock::time_point end) {
    std::vector<pollfd> watched;
    for (Clock::time_point now = Clock::now(); now < end; now = Clock::now()) {
        watched.clear();
        for (const Client& client : clients) {
            // A negative descriptor is skipped by poll(): gone clients keep their place.
            int fd = client.gone ? -1 : client.socket.get();
            watched.push_back({fd, wanted_events(client, block.size()), 0});
        }
        auto left = std::chrono::ceil<std::chrono::milliseconds>(end - now);
        int ready = ::poll(watched.data(), watched.size(), static_cast<int>(left.count()));
        if (ready < 0 && errno != EINTR) return false;
        for (std::size_t i = 0; i < clients.size(); ++i) {
            if (watched[i].revents != 0) advance(clients[i], watched[i].revents, block);
        }
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    Arguments arguments(argc, argv);
    auto port = static_cast<std::uint16_t>(arguments.number("--port", 0));
    auto count = static_cast<std::size_t>(arguments.number("--clients", 1));
    auto seconds = std::chrono::seconds(arguments.number("--seconds", 5));
    std::string block(static_cast<std::size_t>(arguments.number("--block", 16384)), 'x');
    arguments.done();
    raise_descriptor_limit();

    std::vector<Client> clients(count);
    for (Client& client : clients) {
        client.socket = start_connect(port);
        client.gone = !client.socket;
    }
    Clock::time_point start = Clock::now();
    if (!run_until(clients, block, start + seconds)) {
        std::cerr << "bench-echo: poll failed\n";
        return 1;
    }
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::uint64_t echoed = 0;
    std::size_t served = 0;
    for (const Client& client : clients) {
        echoed += client.echoed;
        served += client.echoed > 0 ? 1 : 0;
    }
    std::cout << "clients " << count << "\nserved " << served << "\nbytes_per_second "
              << static_cast<std::uint64_t>(static_cast<double>(echoed) / elapsed) << "\n";
    return 0;
}
