#include "server.hpp"

#include <sys/select.h>

#include <algorithm>
#include <cerrno>
#include <iostream>
#include <string>

#include "listener.hpp"
#include "os_error.hpp"
#include "stop_signal.hpp"

namespace {

// The echo "protocol": every byte received is a byte to send back. This is the one place that
// knows what the bytes mean; chapter 04 puts an HTTP parser here.
void echo(Connection& connection) {
    Buffer& input = connection.input();
    connection.output().append(input.readable());
    input.consume(input.size());
}

// Exercise 03.1: the same, a line at a time. A line is only whole once its '\n' has come, and
// TCP may cut it anywhere: "hel" in one read, "lo\n" in the next. So only whole lines leave the
// input buffer; the start of the next stays there for the next read to finish. (Nothing caps
// it: a client that never sends '\n' grows it until memory runs out. Chapter 10 sets limits.)
void reverse_lines(Connection& connection) {
    Buffer& input = connection.input();
    std::string_view bytes = input.readable();
    std::size_t used = 0;
    for (std::size_t end; (end = bytes.find('\n', used)) != std::string_view::npos;
         used = end + 1) {
        std::string line(bytes.substr(used, end - used));
        std::reverse(line.begin(), line.end());
        line += '\n';
        connection.output().append(line);
    }
    input.consume(used);
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
        connections_.emplace(fd, Connection(std::move(client)));
    }
}

void Server::run() {
    while (!stop_requested()) {
        // select() overwrites the sets with the descriptors that are ready, so they are rebuilt
        // every turn. That costs O(clients) per turn; chapter 11's epoll keeps them in the kernel.
        fd_set readable;
        fd_set writable;
        FD_ZERO(&readable);
        FD_ZERO(&writable);
        FD_SET(listener_.get(), &readable);
        int highest = listener_.get();
        for (const auto& [fd, connection] : connections_) {
            // Chapter 03: ask for "writable" only while bytes wait to be sent. A socket is writable
            // almost always; watching it for nothing would wake us in a busy loop.
            if (connection.wants_to_read()) FD_SET(fd, &readable);
            if (connection.wants_to_write()) FD_SET(fd, &writable);
            highest = std::max(highest, fd);
        }
        // Sleep until a socket is ready or a stop signal arrives: pselect() unblocks SIGINT and
        // SIGTERM only while it waits. No timeout: an idle server uses no CPU at all.
        int ready = ::pselect(highest + 1, &readable, &writable, nullptr, nullptr, wait_mask());
        if (ready < 0 && errno == EINTR) continue;  // a signal: the loop condition decides
        if (ready < 0) throw_os_error("select");
        if (FD_ISSET(listener_.get(), &readable)) accept_new_clients();
        for (auto it = connections_.begin(); it != connections_.end();) {
            auto& [fd, connection] = *it;
            if (FD_ISSET(fd, &readable)) {
                connection.receive();
                if (reverse_lines_) {
                    reverse_lines(connection);
                } else {
                    echo(connection);
                }
            }
            // Send at once what we can; what the kernel does not take waits for "writable".
            if (FD_ISSET(fd, &readable) || FD_ISSET(fd, &writable)) connection.send_pending();
            it = connection.finished() ? connections_.erase(it) : std::next(it);
        }
    }
}
