#include "server.hpp"

#include <sys/select.h>

#include <algorithm>
#include <cerrno>
#include <iostream>
#include <string>
#include <string_view>
#include <variant>

#include "listener.hpp"
#include "os_error.hpp"
#include "response.hpp"
#include "stop_signal.hpp"

namespace {

// HTTP/1.1 keeps the connection open unless the client says "Connection: close"; HTTP/1.0
// closes it unless the client says "Connection: keep-alive" (RFC 9112 section 9.3).
bool keep_alive(const HttpRequest& request) {
    if (request.headers.has_token("Connection", "close")) return false;
    return request.version == "HTTP/1.1" || request.headers.has_token("Connection", "keep-alive");
}

// Writes `response` as the answer to `request`, and closes after it if the request asked.
void answer(Connection& connection, const HttpRequest& request, const HttpResponse& response) {
    bool keep = keep_alive(request);
    write_response(connection.output(), response, request.method == "HEAD", keep);
    if (!keep) connection.close_when_sent();
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

// Answers the complete requests waiting in the input, in the order they came: a client may send
// several before reading any answer (pipelining). Stops at a request whose handler parks the
// connection, and early when the output is full (returns true then: more may be waiting).
bool Server::serve_requests(Connection& connection) {
    while (!connection.closing() && !connection.parked()) {
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
        connection.input().consume(result.consumed);
        HttpRequest& request = parser.request();
        Reply reply = router_.dispatch(request);
        auto* future = std::get_if<std::shared_ptr<Future>>(&reply);
        if (future && *future) {
            park(connection, std::move(request), *future);
        } else if (future) {  // a null future: the handler's mistake, answered, not followed
            answer(connection, request, HttpResponse("500 Internal Server Error\n", 500));
        } else {
            answer(connection, request, std::get<HttpResponse>(reply));
        }
        parser.reset();
    }
    return false;
}

// Chapter 07: the connection waits for `future` with its own request. When someone resolves the
// future, the waiter notes the connection, and run() answers it at the end of the turn, rather than
// in the middle of whatever handler called set_result(). Any number of connections may wait for one
// future; each is noted.
void Server::park(Connection& connection, HttpRequest request, std::shared_ptr<Future> future) {
    Future::Token waiter =
        future->on_ready([this, fd = connection.fd()] { resolved_.push_back(fd); });
    connection.park(std::move(request), std::move(future), waiter);
}

// Answers the parked connections whose futures were resolved, with callback(request, future)
// built from each one's own request (the seed passed every callback the latest request).
// Answering one may answer pipelined requests that resolve more futures: loop until none is left.
void Server::answer_resolved() {
    while (!resolved_.empty()) {
        int fd = resolved_.front();
        resolved_.pop_front();
        auto it = connections_.find(fd);
        if (it == connections_.end() || !it->second.parked_and_resolved()) continue;  // it left
        Connection& connection = it->second;
        auto [request, future] = connection.unpark();
        const Future::Callback& callback = future->callback();
        HttpResponse response =
            callback ? callback(request, *future) : HttpResponse(future->value());
        answer(connection, request, response);
        serve(connection);  // send it, and answer the requests that waited behind it
        if (connection.finished()) connections_.erase(it);
    }
}

void Server::serve(Connection& connection) {
    // Answer, then send at once what we can; what the kernel does not take waits for "writable".
    bool more_waiting = serve_requests(connection);
    connection.send_pending();
    // All sent, yet requests wait for room: answer them now, as no new byte may ever wake us.
    while (more_waiting && connection.output().empty()) {
        more_waiting = serve_requests(connection);
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
        answer_resolved();
    }
}
