// A TCP client for tests.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace snow_test {

using namespace std::chrono_literals;

// `bytes` the way a C++ literal shows them ("GET / HTTP/1.1\r\n", "\x16\x03"), cut after `limit`
// bytes with their size in all: for messages about what was sent or what came back.
std::string visible(std::string_view bytes, std::size_t limit = 120);

// Passes if `text` holds `part`; else shows both (not two copies of std::string::npos).
testing::AssertionResult contains(std::string_view text, std::string_view part);

// One connection to 127.0.0.1:port. Every call waits at most the given timeout, so a silent or
// stuck server fails a test instead of hanging it. Bytes read past what a call asked for are
// kept for the next call (a second pipelined answer, say). Each wait names itself to the test's
// deadline (deadline.hpp). Owns its socket; closes it when destroyed.
class Client {
  public:
    // Connects; throws if the connection cannot be made. `timeout` bounds each send.
    explicit Client(std::uint16_t port, std::chrono::milliseconds timeout = 10s);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // Sends all of `bytes`; false if the server closed, reset, or did not take them in time.
    bool send(std::string_view bytes);

    // The next `n` bytes; fewer if the server closed or the timeout passed first.
    std::string read_exactly(std::size_t n, std::chrono::milliseconds timeout = 10s);
    // Everything until the server closes the connection (or the timeout).
    std::string read_until_close(std::chrono::milliseconds timeout = 10s);
    // The bytes up to and including `delimiter`; all that came if it did not (close, timeout).
    std::string read_until(std::string_view delimiter, std::chrono::milliseconds timeout = 10s);
    // True if the server closes the connection within the timeout (bytes before it are dropped).
    bool closed_by_server(std::chrono::milliseconds timeout = 10s);

    // shutdown(SHUT_WR): tells the server we will send nothing more; we can still read.
    void shut_down_writing();
    // Makes close() send a reset (RST) instead of an orderly FIN, like a crashed client.
    void close_with_reset();
    // Asks the kernel for a receive buffer of about `bytes` (to make a slow reader really slow).
    void set_receive_buffer(int bytes);

    int fd() const { return fd_; }
    // True once a read saw the server close or reset the connection.
    bool closed() const { return closed_; }
    // "connection from port 54012 to 41234": which one, in a message.
    const std::string& name() const { return name_; }

  private:
    // Reads once into pending_, waiting until the deadline (once it has passed, it still takes
    // what has arrived). False on close, error or timeout.
    bool read_once(std::chrono::steady_clock::time_point deadline);
    // Takes the first `n` bytes of pending_.
    std::string take(std::size_t n);

    int fd_ = -1;
    bool closed_ = false;
    std::string name_;
    std::string pending_;  // read from the socket, not yet returned
};

}  // namespace snow_test
