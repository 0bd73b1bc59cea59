// Connection: one client's socket and the bytes waiting on either side of it.
#pragma once

#include <cstddef>

#include "buffer.hpp"
#include "fd.hpp"

// One client: owns its non-blocking socket, an input buffer (received, not yet used) and an
// output buffer (to send, not yet taken by the kernel). Never blocks: receive() and
// send_pending() do what the socket allows now and keep the rest for the next turn of the loop.
class Connection {
  public:
    explicit Connection(Fd socket) : socket_(std::move(socket)) {}

    // Reads once what has arrived into input(). Call when select() says the socket is readable.
    void receive();
    // Sends as much of output() as the kernel takes now; the rest waits for the socket to be
    // writable again.
    void send_pending();

    // Exercise 03.2: ends the connection once output() is sent; reads nothing more till then.
    // (Bytes the client sends meanwhile stay unread, and close() with unread bytes sends a reset
    // that may destroy the end of our answer: chapter 04 reads them away after a shutdown().)
    void close_when_sent() { closing_ = true; }

    Buffer& input() { return input_; }
    Buffer& output() { return output_; }

    // Back-pressure: a client that sends faster than it reads would make us buffer without
    // bound; past this many unsent bytes we stop reading it until it has read some.
    static constexpr std::size_t kMaxPendingOutput = 1 << 20;

    bool wants_to_read() const {
        return !peer_closed_ && !closing_ && output_.size() < kMaxPendingOutput;
    }
    bool wants_to_write() const { return !output_.empty(); }
    // Over: the connection failed, or the client closed its side (or we close ours) and all its
    // bytes are sent.
    bool finished() const { return failed_ || ((peer_closed_ || closing_) && output_.empty()); }

  private:
    Fd socket_;
    Buffer input_;
    Buffer output_;
    bool peer_closed_ = false;  // recv() returned 0: the client will send nothing more
    bool failed_ = false;       // reset, broken pipe: nothing more can be sent either
    bool closing_ = false;      // exercise 03.2: close_when_sent() was called
};
