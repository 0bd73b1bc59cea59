#include "server.hpp"

#include <sys/select.h>

#include <algorithm>
#include <cerrno>
#include <iostream>

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

// Exercise 03.2: the echo a line at a time, with a cap on a line. Only whole lines leave the
// input buffer; the start of the next waits there for its '\n', which TCP may bring reads later.
// That is what makes the buffer grow, so that is where the cap goes: past `max_line` bytes the
// line is refused, ended or not, and the input buffer never holds much more than one read past
// the cap. Each call scans the input from its start: O(max_line) per read, as the cap bounds it.
void echo_lines(Connection& connection, std::size_t max_line) {
    Buffer& input = connection.input();
    std::string_view bytes = input.readable();
    std::size_t used = 0;
    for (std::size_t end; (end = bytes.find('\n', used)) != std::string_view::npos;
         used = end + 1) {
        if (end - used > max_line) break;  // a whole line, but too long
        connection.output().append(bytes.substr(used, end + 1 - used));
    }
    input.consume(used);
    if (input.size() <= max_line) return;  // the line so far may still end in time
    connection.output().append("line too long\n");
    input.consume(input.size());
    connection.close_when_sent();
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
                if (max_line_ == 0) {
                    echo(connection);
                } else {
                    echo_lines(connection, max_line_);
                }
            }
            // Send at once what we can; what the kernel does not take waits for "writable".
            if (FD_ISSET(fd, &readable) || FD_ISSET(fd, &writable)) connection.send_pending();
            it = connection.finished() ? connections_.erase(it) : std::next(it);
        }
    }
}
