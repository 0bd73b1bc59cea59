#include "connection.hpp"

#include <sys/socket.h>

#include <cerrno>

#include "os_error.hpp"

namespace {

// How much one receive() asks for. One read per turn, not "until EAGAIN": a client that sends
// a lot cannot keep the loop to itself; the poller reports it again next turn.
constexpr std::size_t kReadSize = 64 * 1024;

bool would_block(int error) {
    return error == EAGAIN || error == EWOULDBLOCK;
}

}  // namespace

void Connection::receive() {
    std::span<char> room = input_.prepare(kReadSize).first(kReadSize);
    ssize_t received =
        retry_if_interrupted([&] { return ::recv(socket_.get(), room.data(), room.size(), 0); });
    may_have_more_ = received == static_cast<ssize_t>(room.size());
    if (received > 0) {
        input_.commit(static_cast<std::size_t>(received));
        last_progress_ = Clock::now();
        if (!request_started_) request_started_ = last_progress_;
        if (closing_) input_.consume(input_.size());  // the answer is sent: drop what follows
    } else if (received == 0) {
        peer_closed_ = true;  // an orderly close: we may still owe it bytes
    } else if (!would_block(errno)) {
        failed_ = true;  // ECONNRESET and friends
    }
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
    if (closing_ && !shut_down_) {
        ::shutdown(socket_.get(), SHUT_WR);  // all sent: tell the client we are done
        shut_down_ = true;
        lingering_since_ = Clock::now();
    }
}
