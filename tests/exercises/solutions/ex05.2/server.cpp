#include "server.hpp"

#include <sys/select.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
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

// Exercise 05.2: digits and nothing else, as for Content-Length.
bool parse_offset(std::string_view text, std::uint64_t& offset) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), offset);
    return error == std::errc() && end == text.data() + text.size();
}

// Exercise 05.2: "bytes=FIRST-LAST" or "bytes=FIRST-" (to the end), into [first, last]. False for
// any other form: several ranges, the last N bytes ("bytes=-N"), or nonsense. A server may ignore
// a Range it does not take and answer whole (RFC 9110 section 14.2), so those get the 200.
bool parse_range(std::string_view text, std::uint64_t& first, std::uint64_t& last) {
    if (!text.starts_with("bytes=")) return false;
    text.remove_prefix(6);
    std::size_t dash = text.find('-');
    if (dash == std::string_view::npos || !parse_offset(text.substr(0, dash), first)) return false;
    last = UINT64_MAX;  // "FIRST-": clipped to the body below
    std::string_view end = text.substr(dash + 1);
    return end.empty() || (parse_offset(end, last) && last >= first);
}

// Exercise 05.2: the part of `response` that a GET asked for with Range: 206 Partial Content
// with "Content-Range: bytes FIRST-LAST/SIZE", or 416 with "bytes */SIZE" if the range starts
// past the end. RFC 9110 defines ranges for GET only, and only a 200 has the whole to cut a part
// from; other answers go out whole. The
// part is framed like any answer: write_response() sets Content-Length from the body it is
// given, so the connection stays open and the next answer starts where this one ends.
HttpResponse answer_range(const HttpRequest& request, HttpResponse response) {
    const std::string* range = request.headers.find("Range");
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    if (request.method != "GET" || response.status != 200 || !range ||
        !parse_range(*range, first, last))
        return response;
    std::string size = std::to_string(response.body.size());
    if (first >= response.body.size()) {
        HttpResponse refusal("Range Not Satisfiable\n", 416);
        refusal.headers.add("Content-Range", "bytes */" + size);
        return refusal;
    }
    last = std::min<std::uint64_t>(last, response.body.size() - 1);
    response.status = 206;
    response.body = response.body.substr(first, last - first + 1);
    response.headers.add("Content-Range", "bytes " + std::to_string(first) + "-" +
                                              std::to_string(last) + "/" + size);
    return response;
}

// HTTP/1.1 keeps the connection open unless the client says "Connection: close"; HTTP/1.0
// closes it unless the client says "Connection: keep-alive" (RFC 9112 section 9.3).
bool keep_alive(const HttpRequest& request) {
    if (request.headers.has_token("Connection", "close")) return false;
    return request.version == "HTTP/1.1" || request.headers.has_token("Connection", "keep-alive");
}

// Answers the complete requests waiting in the input, in the order they came: a client may send
// several before reading any answer (pipelining). Stops early when the output is full, and then
// returns true: more requests may be waiting for room.
bool serve_requests(Connection& connection) {
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
        bool keep = keep_alive(request);
        HttpResponse response = answer_range(request, respond(request));  // Exercise 05.2
        write_response(connection.output(), response, request.method == "HEAD", keep);
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
    }
}
