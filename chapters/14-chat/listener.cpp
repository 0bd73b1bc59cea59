#include "listener.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "os_error.hpp"

namespace {

// getaddrinfo() turns "127.0.0.1", "::1" or "localhost" into a socket address. It allocates a
// list we must free: the unique_ptr does it on every path.
using AddressList = std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)>;

AddressList resolve(const std::string& host, std::uint16_t port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;  // IPv4 or IPv6, whichever the host is
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    int error = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
    if (error != 0) {
        throw std::runtime_error("cannot resolve host '" + host + "': " + ::gai_strerror(error));
    }
    return AddressList(found, &::freeaddrinfo);
}

// accept(2) on Linux passes on network errors already pending on the new connection (its
// client's network went away while it waited in the queue), and says to treat them like EAGAIN:
// that client is lost, the next one may be fine. ENOBUFS, ENOMEM and EPERM (a firewall rule)
// are about one connection too. Only the other errors are about the listener itself.
bool lost_one_client(int error) {
    switch (error) {
        case ECONNABORTED:  // the client left while queued: nothing to say about it
        case EPROTO:
        case ENOPROTOOPT:
        case ENETDOWN:
        case ENONET:
        case EHOSTDOWN:
        case EHOSTUNREACH:
        case EOPNOTSUPP:
        case ENETUNREACH:
        case ENOBUFS:
        case ENOMEM:
        case EPERM:
            return true;
        default:
            return false;
    }
}

}  // namespace

Fd listen_on(const std::string& host, std::uint16_t port) {
    AddressList address = resolve(host, port);
    // SOCK_CLOEXEC: a program we might start later must not inherit the listening socket.
    // Chapter 02: SOCK_NONBLOCK. accept() on it returns EAGAIN instead of waiting.
    int type = address->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK;
    Fd listener(::socket(address->ai_family, type, 0));
    if (!listener) throw_os_error("socket");
    // Without SO_REUSEADDR, restarting the server fails with "Address already in use" for about
    // a minute, while the kernel keeps the last connections' TIME_WAIT state on this port.
    int one = 1;
    if (::setsockopt(listener.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0) {
        throw_os_error("setsockopt(SO_REUSEADDR)");
    }
    if (::bind(listener.get(), address->ai_addr, address->ai_addrlen) != 0) throw_os_error("bind");
    // The backlog is how many connected clients the kernel queues for us before we accept them.
    if (::listen(listener.get(), SOMAXCONN) != 0) throw_os_error("listen");
    return listener;
}

std::uint16_t local_port(const Fd& listener) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(listener.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw_os_error("getsockname");
    }
    if (address.ss_family == AF_INET6) {
        return ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
    }
    return ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
}

Fd accept_client(const Fd& listener) {
    // The client's socket is non-blocking from birth: recv() and send() on it never wait.
    Fd client(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
    if (client || errno == EAGAIN || errno == EWOULDBLOCK) return client;  // EAGAIN: nobody waits
    if (!lost_one_client(errno)) throw_os_error("accept");
    if (errno != ECONNABORTED)
        std::cerr << "accept: " << std::strerror(errno) << ": a client lost\n";
    return client;
}
