#include "server.hpp"

#include <netinet/in.h>
#include <sys/select.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <iostream>

#include "listener.hpp"
#include "os_error.hpp"
#include "stop_signal.hpp"

namespace {

// The client's port, as accept() saw it: the peer address of its socket.
std::uint16_t peer_port(const Fd& client) {
    sockaddr_in address{};
    socklen_t size = sizeof address;
    if (::getpeername(client.get(), reinterpret_cast<sockaddr*>(&address), &size) != 0) return 0;
    return ntohs(address.sin_port);
}

// Reads what the client sent and sends it straight back, counting it into `received_in_all`. False
// when the connection is over.
bool echo_once(const Fd& client, std::size_t& received_in_all) {
    char buffer[4096];
    ssize_t received = ::recv(client.get(), buffer, sizeof buffer, 0);
    if (received == 0) return false;  // the client closed its side
    if (received < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
    received_in_all += static_cast<std::size_t>(received);
    // Not yet right: a non-blocking send() takes only what fits in the kernel's send buffer
    // and returns at once. Whatever did not fit is lost here. Chapter 03 keeps it for later.
    ssize_t sent = ::send(client.get(), buffer, static_cast<std::size_t>(received), MSG_NOSIGNAL);
    return sent >= 0 || errno == EAGAIN || errno == EWOULDBLOCK;
}

}  // namespace

void Server::accept_new_clients() {
    // Several clients may be waiting: take them all, until accept says EAGAIN.
    while (Fd client = accept_client(listener_)) {
        // select() can only watch descriptors below FD_SETSIZE (1024): FD_SET on a larger one
        // writes past the end of the set. Refuse the client instead (its Fd closes it here).
        // Chapter 11 lifts the limit with poll() and epoll.
        if (client.get() >= FD_SETSIZE) {
            std::cerr << "too many clients for select(): refusing one\n";
            continue;
        }
        int fd = client.get();
        std::uint16_t port = peer_port(client);
        clients_.emplace(fd, Client{std::move(client), port, 0});
    }
}

void Server::report(const Client& client) {
    std::cerr << "client " << client.port << " sent " << client.received << " bytes\n";
}

void Server::run() {
    while (!stop_requested()) {
        // select() overwrites the set with the descriptors that are ready, so it is rebuilt every
        // turn. That costs O(clients) per turn; chapter 11's epoll keeps the set in the kernel.
        fd_set readable;
        FD_ZERO(&readable);
        FD_SET(listener_.get(), &readable);
        int highest = listener_.get();
        for (const auto& [fd, client] : clients_) {
            FD_SET(fd, &readable);
            highest = std::max(highest, fd);
        }
        // Sleep until a socket is ready or a stop signal arrives: pselect() unblocks SIGINT and
        // SIGTERM only while it waits. No timeout: an idle server uses no CPU at all.
        int ready = ::pselect(highest + 1, &readable, nullptr, nullptr, nullptr, wait_mask());
        if (ready < 0 && errno == EINTR) continue;  // a signal: the loop condition decides
        if (ready < 0) throw_os_error("select");
        if (FD_ISSET(listener_.get(), &readable)) accept_new_clients();
        for (auto it = clients_.begin(); it != clients_.end();) {
            Client& client = it->second;
            bool open = !FD_ISSET(it->first, &readable) || echo_once(client.fd, client.received);
            if (!open) report(client);
            it = open ? std::next(it) : clients_.erase(it);  // erasing the Fd closes the socket
        }
    }
}
