// Connection: one client's socket and the bytes waiting on either side of it.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>

#include "buffer.hpp"
#include "fd.hpp"
#include "future.hpp"
#include "request_parser.hpp"

// One client: owns its non-blocking socket, an input buffer (received, not yet used), an output
// buffer (to send, not yet taken by the kernel), the parser of the request arriving on it and,
// while it waits for a future, its own parked request. Shares the future with the handler.
// Never blocks: receive() and send_pending() do what the socket allows now and keep the rest
// for the next turn of the loop. Call only on the loop's thread: a thread that resolves the
// future it waits for reaches it through the loop's mailbox (Wakeup), never directly.
class Connection {
  public:
    explicit Connection(Fd socket) : socket_(std::move(socket)) {}
    Connection(Connection&&) = default;
    Connection& operator=(Connection&&) = default;
    // A connection that goes while parked tells its future to forget it: resolving the future
    // later must not wake a connection that no longer exists.
    ~Connection() {
        if (parked_future_) parked_future_->forget(waiter_);
    }

    // Reads once what has arrived into input(). Call when select() says the socket is readable.
    void receive();
    // Sends as much of output() as the kernel takes now; the rest waits for the socket to be
    // writable again.
    void send_pending();
    // Ends the connection once output() is sent. We then send our FIN (shutdown) and read and
    // drop whatever the client still sends, until it closes too: closing with unread bytes
    // would make the kernel send a reset, which can destroy our answer before the client reads it.
    void close_when_sent() { closing_ = true; }

    // Chapter 07: parks the connection. Its request waits here, with the future that will answer
    // it; later requests on the connection wait behind it, since answers go out in order.
    // `waiter` is the token the future gave this connection's waiter.
    void park(HttpRequest request, std::shared_ptr<Future> future, Future::Token waiter) {
        parked_request_ = std::move(request);
        parked_future_ = std::move(future);
        waiter_ = waiter;
    }
    bool parked() const { return parked_future_ != nullptr; }
    bool parked_and_resolved() const { return parked() && parked_future_->ready(); }
    // Takes back the parked request and its future: once the future is resolved, or when the
    // connection goes. Its waiter is forgotten either way.
    std::pair<HttpRequest, std::shared_ptr<Future>> unpark() {
        parked_future_->forget(waiter_);
        return {std::move(parked_request_), std::move(parked_future_)};
    }

    int fd() const { return socket_.get(); }
    Buffer& input() { return input_; }
    Buffer& output() { return output_; }
    RequestParser& parser() { return parser_; }

    // Back-pressure: a client that sends faster than it reads would make us buffer without
    // bound; past this many unsent bytes we stop reading it until it has read some.
    static constexpr std::size_t kMaxPendingOutput = 1 << 20;

    bool closing() const { return closing_; }
    bool wants_to_read() const {
        if (closing_) return shut_down_ && !peer_closed_;  // only to see the client's close
        // While parked, read only to notice the client leaving, and not without bound.
        if (parked() && input_.size() >= RequestParser::kMaxHead) return false;
        return !peer_closed_ && output_.size() < kMaxPendingOutput;
    }
    bool wants_to_write() const { return !output_.empty(); }
    // Over: the connection failed, or the client closed its side and got all its bytes.
    bool finished() const { return failed_ || (peer_closed_ && output_.empty()); }

  private:
    Fd socket_;
    Buffer input_;
    Buffer output_;
    RequestParser parser_;
    HttpRequest parked_request_;
    std::shared_ptr<Future> parked_future_;  // empty unless parked
    Future::Token waiter_ = 0;               // our waiter on parked_future_
    bool peer_closed_ = false;               // recv() returned 0: the client will send nothing more
    bool failed_ = false;                    // reset, broken pipe: nothing more can be sent either
    bool closing_ = false;                   // close_when_sent() was called
    bool shut_down_ = false;                 // we sent our FIN
};
