#include "connection.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

#include "os_error.hpp"

namespace {

// At most this much per receive(). Not "until EAGAIN": a client that sends a lot cannot keep
// the loop to itself; the poller reports it again next turn.
constexpr std::size_t kReadSize = 64 * 1024;

bool would_block(int error) {
    return error == EAGAIN || error == EWOULDBLOCK;
}

}  // namespace

// Reads into the room the input buffer has, starting small (1 KiB, what a request's head needs,
// as nginx's client_header_buffer_size) and, while a read fills all the room, growing the
// buffer and reading again, up to kReadSize in all. A lone request costs one recv(), as before
// (chapter 12), and 100 pipelined requests are still read, and answered, in one turn: answered
// 1 KiB at a time instead, their answers left in small sends that Nagle's algorithm held back
// until the client's delayed ACK, 40 ms each.
void Connection::receive() {
    std::size_t total = 0;
    while (total < kReadSize) {
        std::span<char> room = input_.prepare(Buffer::kMinCapacity);
        room = room.first(std::min(room.size(), kReadSize - total));
        ssize_t received = retry_if_interrupted(
            [&] { return ::recv(socket_.get(), room.data(), room.size(), 0); });
        if (received <= 0) {
            if (received == 0) peer_closed_ = true;  // an orderly close: we may still owe it bytes
            if (received < 0 && !would_block(errno)) failed_ = true;  // ECONNRESET and friends
            break;
        }
        input_.commit(static_cast<std::size_t>(received));
        total += static_cast<std::size_t>(received);
        if (static_cast<std::size_t>(received) < room.size()) break;  // all there was, for now
    }
    if (total == 0) return;
    last_progress_ = Clock::now();
    if (!request_started_) request_started_ = last_progress_;
    if (closing_) input_.consume(input_.size());  // the answer is sent: drop what follows
}

void Connection::send_pending() {
    while (!output_.empty()) {
        std::string_view pending = output_.readable();
        ssize_t sent = retry_if_interrupted(
            [&] { return ::send(socket_.get(), pending.data(), pending.size(), MSG_NOSIGNAL); });
        if (sent > 0) {
            output_.consume(static_cast<std::size_t>(sent));  // maybe only part of it: loop
            last_progress_ = Clock::now();
        } else if (sent < 0 && would_block(errno)) {
            return;  // the kernel's send buffer is full: wait until the poller says writable
        } else {
            failed_ = true;  // EPIPE, ECONNRESET: the client is gone, drop what it was owed
            return;
        }
    }
    if (closing_ && at_once_ && !shut_down_ && input_.empty()) {
        hung_up_ = true;  // the server closes the socket: a FIN, after the bytes still queued
        return;
    }
    if (closing_ && !shut_down_) {
        ::shutdown(socket_.get(), SHUT_WR);  // all sent: tell the client we are done
        shut_down_ = true;
        lingering_since_ = Clock::now();
    }
}
