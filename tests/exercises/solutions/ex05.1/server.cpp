#include "server.hpp"

#include <sys/select.h>

#include <algorithm>
#include <cerrno>
#include <iostream>
#include <string>
#include <string_view>

#include "listener.hpp"
#include "os_error.hpp"
#include "response.hpp"
#include "stop_signal.hpp"

namespace {

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
// without gets a description of itself.
HttpResponse respond(const HttpRequest& request) {
    return HttpResponse(request.body.empty() ? describe(request) : request.body);
}

// HTTP/1.1 keeps the connection open unless the client says "Connection: close"; HTTP/1.0
// closes it unless the client says "Connection: keep-alive" (RFC 9112 section 9.3).
bool keep_alive(const HttpRequest& request) {
    if (request.headers.has_token("Connection", "close")) return false;
    return request.version == "HTTP/1.1" || request.headers.has_token("Connection", "keep-alive");
}

// Answers the complete requests waiting in the input, in the order they came: a client may send
// several before reading any answer (pipelining). Stops early when the output is full, and then
// returns true: more requests may be waiting for room. The `max_requests`-th request on a
// connection (0: no limit) is its last: its answer says "Connection: close".
bool serve_requests(Connection& connection, std::size_t max_requests) {
    // Chapter 05: a loop. The connection stays open, and every complete request in the input is
    // answered, in order.
    while (!connection.closing()) {
        if (connection.output().size() >= Connection::kMaxPendingOutput) return true;
        RequestParser& parser = connection.parser();
        ParseResult result = parser.parse(connection.input().readable());
        if (result.status == ParseStatus::Incomplete) return false;  // wait for more bytes
        if (result.status == ParseStatus::Error) {
            HttpResponse refusal(std::string(reason_phrase(result.error)) + "\n", result.error);
            // No answer to HEAD has a body, not even an error's.
            write_response(connection.output(), refusal, parser.request().method == "HEAD", false);
            connection.close_when_sent();
            return false;
        }
        const HttpRequest& request = parser.request();
        connection.count_request();
        bool last = max_requests != 0 && connection.requests() == max_requests;
        bool keep = keep_alive(request) && !last;
        write_response(connection.output(), respond(request), request.method == "HEAD", keep);
        if (!keep) connection.close_when_sent();
        connection.input().consume(result.consumed);
        parser.reset();
    }
    return false;
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

void Server::serve(Connection& connection) {
    // Answer, then send at once what we can; what the kernel does not take waits for "writable".
    bool more_waiting = serve_requests(connection, max_requests_);
    connection.send_pending();
    // All sent, yet requests wait for room: answer them now, as no new byte may ever wake us.
    while (more_waiting && connection.output().empty()) {
        more_waiting = serve_requests(connection, max_requests_);
        connection.send_pending();
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
            if (FD_ISSET(fd, &readable)) connection.receive();
            if (FD_ISSET(fd, &readable) || FD_ISSET(fd, &writable)) serve(connection);
            it = connection.finished() ? connections_.erase(it) : std::next(it);
        }
    }
}
