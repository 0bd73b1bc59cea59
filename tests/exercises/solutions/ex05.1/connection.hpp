// Connection: one client's socket and the bytes waiting on either side of it.
#pragma once

#include <cstddef>

#include "buffer.hpp"
#include "fd.hpp"
#include "request_parser.hpp"

// One client: owns its non-blocking socket, an input buffer (received, not yet used), an output
// buffer (to send, not yet taken by the kernel) and the parser of the request arriving on it.
// Never blocks: receive() and send_pending() do what the socket allows now and keep the rest
// for the next turn of the loop.
class Connection {
  public:
    explicit Connection(Fd socket) : socket_(std::move(socket)) {}

    // Reads once what has arrived into input(). Call when select() says the socket is readable.
    void receive();
    // Sends as much of output() as the kernel takes now; the rest waits for the socket to be
    // writable again.
    void send_pending();
    // Ends the connection once output() is sent. We then send our FIN (shutdown) and read and
    // drop whatever the client still sends, until it closes too: closing with unread bytes
    // would make the kernel send a reset, which can destroy our answer before the client reads it.
    void close_when_sent() { closing_ = true; }

    Buffer& input() { return input_; }
    Buffer& output() { return output_; }
    RequestParser& parser() { return parser_; }
    // How many requests this connection has made so far; count_request() counts one more.
    std::size_t requests() const { return requests_; }
    void count_request() { ++requests_; }

    // Back-pressure: a client that sends faster than it reads would make us buffer without
    // bound; past this many unsent bytes we stop reading it until it has read some.
    static constexpr std::size_t kMaxPendingOutput = 1 << 20;

    bool closing() const { return closing_; }
    bool wants_to_read() const {
        if (closing_) return shut_down_ && !peer_closed_;  // only to see the client's close
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
    bool peer_closed_ = false;  // recv() returned 0: the client will send nothing more
    bool failed_ = false;       // reset, broken pipe: nothing more can be sent either
    bool closing_ = false;      // close_when_sent() was called
    std::size_t requests_ = 0;
    bool shut_down_ = false;  // we sent our FIN
};
