// bench-minimal: the floor. The least work an HTTP server on this machine can do per request,
// measured beside nginx and the book's programs: one epoll_wait() per batch of ready
// connections, one accept4() per new client, one recv() and one send() per request, nothing
// parsed, nothing allocated, no timer, no clock. Whatever it spends is the kernel's part (TCP
// over the loopback, epoll), which every server pays; the distance from it to a real server is
// that server's own work. It is not a server to copy: it answers one fixed "OK" to every request
// head in what one recv() brought, so a head split across two reads, a body, or a slow client
// would confuse it. wrk sends whole small requests, one at a time per connection, which is all
// it has to handle.
//
//   bench-minimal --port N   (0: any free port); prints "listening on 127.0.0.1:N" as the book's
//                            programs do, stops with exit status 0 on SIGTERM
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <string_view>

#include "arguments.hpp"
#include "connect.hpp"
#include "fd.hpp"

namespace {

constexpr std::string_view kAnswer =
    "HTTP/1.1 200 OK\r\nServer: bench-minimal\r\nContent-Type: text/plain\r\n"
    "Content-Length: 2\r\n\r\nOK";
constexpr std::string_view kLastAnswer =
    "HTTP/1.1 200 OK\r\nServer: bench-minimal\r\nContent-Type: text/plain\r\n"
    "Content-Length: 2\r\nConnection: close\r\n\r\nOK";

// How many request heads end in `bytes`, and whether one of them asked to close.
struct Heads {
    int count = 0;
    bool close = false;
};
Heads heads_in(std::string_view bytes) {
    Heads heads;
    for (std::size_t at = bytes.find("\r\n\r\n"); at != std::string_view::npos;
         at = bytes.find("\r\n\r\n", at + 4)) {
        ++heads.count;
    }
    heads.close = bytes.find("Connection: close") != std::string_view::npos;
    return heads;
}

// Answers what one read brought; false when the connection is done with.
bool serve(int client) {
    char buffer[4096];
    ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
    if (got <= 0) return got < 0 && errno == EAGAIN;  // 0: the client closed; else an error
    Heads heads = heads_in(std::string_view(buffer, static_cast<std::size_t>(got)));
    for (int i = 0; i < heads.count; ++i) {
        std::string_view answer = heads.close && i + 1 == heads.count ? kLastAnswer : kAnswer;
        // Small answers on a socket whose buffer is empty: send() takes all of it.
        if (::send(client, answer.data(), answer.size(), MSG_NOSIGNAL) < 0) return false;
    }
    return !heads.close;
}

}  // namespace

int main(int argc, char** argv) {
    Arguments arguments(argc, argv);
    auto port = static_cast<std::uint16_t>(arguments.number("--port", 0));
    arguments.done();
    std::signal(SIGTERM, [](int) { ::_exit(0); });  // nothing to finish: no request outlives a turn

    Fd listener(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    int one = 1;
    ::setsockopt(listener.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address = loopback_address(port);
    socklen_t length = sizeof address;
    if (!listener || ::bind(listener.get(), reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listener.get(), SOMAXCONN) != 0 ||
        ::getsockname(listener.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        std::cerr << "bench-minimal: cannot listen on 127.0.0.1:" << port << ": "
                  << std::strerror(errno) << "\n";
        return 1;
    }
    std::cout << "listening on 127.0.0.1:" << ntohs(address.sin_port) << std::endl;

    Fd poller(::epoll_create1(EPOLL_CLOEXEC));
    epoll_event event{EPOLLIN, {.fd = listener.get()}};
    ::epoll_ctl(poller.get(), EPOLL_CTL_ADD, listener.get(), &event);
    epoll_event ready[512];
    for (;;) {
        int count = ::epoll_wait(poller.get(), ready, 512, -1);
        for (int i = 0; i < count; ++i) {
            int fd = ready[i].data.fd;
            if (fd != listener.get()) {
                if (!serve(fd)) ::close(fd);  // closing also takes it out of the epoll set
                continue;
            }
            // One new client per turn, as chapter 12 and nginx do: a client still waiting makes
            // the next epoll_wait() return at once.
            int client = ::accept4(listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (client >= 0) {
                epoll_event watch{EPOLLIN, {.fd = client}};
                ::epoll_ctl(poller.get(), EPOLL_CTL_ADD, client, &watch);
            } else if (errno != EAGAIN && errno != ECONNABORTED) {
                // EMFILE: the listener would stay readable and this loop spin. The bench raises
                // the descriptor limit first; if that was not enough, say so and stop.
                std::cerr << "bench-minimal: accept: " << std::strerror(errno) << "\n";
                return 1;
            }
        }
    }
}
