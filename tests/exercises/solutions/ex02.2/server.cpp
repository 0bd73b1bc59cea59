#include "server.hpp"

#include <sys/select.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <iostream>

#include "listener.hpp"
#include "os_error.hpp"
#include "stop_signal.hpp"

namespace {

// Reads what the client sent and sends it straight back. False when the connection is over.
bool echo_once(const Fd& client) {
    char buffer[4096];
    ssize_t received = ::recv(client.get(), buffer, sizeof buffer, 0);
    if (received == 0) return false;  // the client closed its side
    if (received < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
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
        // Exercise 02.2: past the cap, accept and say why we close, rather than leave the client
        // in the backlog: there it would wait, unanswered, until the kernel's queue filled. A
        // fresh socket's send buffer is empty, so five bytes always fit: send() takes them all.
        if (max_clients_ != 0 && clients_.size() >= max_clients_) {
            ::send(client.get(), "busy\n", 5, MSG_NOSIGNAL);
            continue;  // the Fd closes the socket
        }
        int fd = client.get();
        clients_.emplace(fd, std::move(client));
    }
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
            bool open = !FD_ISSET(it->first, &readable) || echo_once(it->second);
            it = open ? std::next(it) : clients_.erase(it);  // erasing the Fd closes the socket
        }
    }
}
