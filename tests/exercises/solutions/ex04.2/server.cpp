#include "server.hpp"

#include <sys/select.h>

#include <algorithm>
#include <cerrno>
#include <iostream>
#include <string>
#include <string_view>

#include "listener.hpp"
#include "os_error.hpp"
#include "stop_signal.hpp"

namespace {

const char* reason_phrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 414:
            return "URI Too Long";
        case 431:
            return "Request Header Fields Too Large";
        case 501:
            return "Not Implemented";
        case 505:
            return "HTTP Version Not Supported";
        default:
            return "Error";
    }
}

// The least HTTP that curl accepts: a status line, the body's length, and "we close after this".
// Chapter 05 builds answers properly, and keeps the connection open for the next request.
std::string answer(int status, std::string_view body) {
    return "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
           std::string(body);
}

// What the parser made of a request, as text: the proof that it read it right.
std::string describe(const HttpRequest& request) {
    std::string text = "method: " + request.method + "\ntarget: " + request.target +
                       "\npath: " + request.path + "\nquery: " + request.query +
                       "\nversion: " + request.version + "\n";
    for (const auto& [name, value] : request.headers)
        text += "header: " + name + ": " + value + "\n";
    return text;
}

// This chapter's program is an HTTP echo server: a request with a body gets its body back, one
// without gets a description of itself. One request per connection, as in the seed.
void serve_request(Connection& connection) {
    // Chapter 04: the input is no longer echoed; the parser reads a request from it.
    ParseResult result = connection.parser().parse(connection.input().readable());
    if (result.status == ParseStatus::Incomplete) {  // wait for more bytes
        // Exercise 04.2: the head is in and the client waits to hear that it is fine before it
        // sends the body. Without this it waits a while (curl: one second), then sends anyway.
        if (connection.parser().awaits_continue()) {
            connection.output().append("HTTP/1.1 100 Continue\r\n\r\n");
            connection.parser().continue_sent();
        }
        return;
    }
    if (result.status == ParseStatus::Error) {
        connection.output().append(answer(result.error, ""));
    } else {
        const HttpRequest& request = connection.parser().request();
        connection.output().append(
            answer(200, request.body.empty() ? describe(request) : request.body));
        connection.input().consume(result.consumed);
    }
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
                if (!connection.closing()) serve_request(connection);
            }
            // Send at once what we can; what the kernel does not take waits for "writable".
            if (FD_ISSET(fd, &readable) || FD_ISSET(fd, &writable)) connection.send_pending();
            it = connection.finished() ? connections_.erase(it) : std::next(it);
        }
    }
}
