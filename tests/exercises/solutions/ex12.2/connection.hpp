// Connection: one client's socket and the bytes waiting on either side of it.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <utility>

#include "buffer.hpp"
#include "fd.hpp"
#include "future.hpp"
#include "request_parser.hpp"
#include "task.hpp"
#include "timer_queue.hpp"

// One client: owns its non-blocking socket, an input buffer (received, not yet used), an output
// buffer (to send, not yet taken by the kernel), the parser of the request arriving on it, the
// request being answered and, while it waits, the future (shared with the handler) and the
// coroutine it waits in.
// Never blocks: receive() and send_pending() do what the socket allows now and keep the rest
// for the next turn of the loop. Call only on the loop's thread: a thread that resolves the
// future it waits for reaches it through the loop's mailbox (Wakeup), never directly.
class Connection {
  public:
    using Clock = std::chrono::steady_clock;

    // `max_body`: the parser refuses longer request bodies (413).
    Connection(Fd socket, std::size_t max_body)
        : socket_(std::move(socket)),
          parser_(max_body),
          last_progress_(Clock::now()),
          request_started_(last_progress_) {}
    Connection(Connection&&) = default;
    Connection& operator=(Connection&&) = default;
    // A connection that goes while parked tells its future to forget it: resolving the future
    // later must not wake a connection that no longer exists.
    ~Connection() {
        if (parked_future_) parked_future_->forget(waiter_);
    }

    // Reads once what has arrived into input(). Call when the poller says it is readable.
    void receive();
    // Sends as much of output() as the kernel takes now; the rest waits for the socket to be
    // writable again.
    void send_pending();
    // Ends the connection once output() is sent. We then send our FIN (shutdown) and read and
    // drop whatever the client still sends, until it closes too: closing with unread bytes
    // would make the kernel send a reset, which can destroy our answer before the client reads it.
    void close_when_sent() { closing_ = true; }
    // Chapter 12: the same, for a client that asked for the close ("Connection: close", HTTP/1.0)
    // and has sent nothing more: once output() is sent, the socket is simply closed, as nginx
    // does. No reset can follow, as nothing is left unread; the shutdown() and the turn spent
    // waiting for the client's own close cost a fifth of a connection's time.
    void close_at_once_when_sent() {
        closing_ = true;
        at_once_ = true;
    }

    // The request being answered. Chapter 09: it lives here, in the connection, from the moment it
    // is parsed until it is answered, because a coroutine handler keeps a reference to it across
    // its co_awaits. (std::map never moves its elements: the address is stable.)
    HttpRequest& request() { return request_; }

    // Chapter 07: parks the connection on `future`, and on the coroutine waiting for it if there is
    // one. Later requests on the connection wait behind it, since answers go out in order.
    // `waiter` is the token the future gave this connection's waiter.
    void park(std::shared_ptr<Future> future, Future::Token waiter,
              std::optional<Task> task = std::nullopt) {
        parked_future_ = std::move(future);
        waiter_ = waiter;
        parked_task_ = std::move(task);
    }
    bool parked() const { return parked_future_ != nullptr; }
    bool parked_and_resolved() const { return parked() && parked_future_->ready(); }
    // Takes back the future and the coroutine, once the future is resolved. A request behind
    // this one may have begun while we were parked: its head's time starts now, since the wait
    // was the application's, not the client's.
    std::pair<std::shared_ptr<Future>, std::optional<Task>> unpark() {
        parked_future_->forget(waiter_);  // resolved, or the connection goes: either way
        if (request_started_) request_started_ = Clock::now();
        return {std::move(parked_future_), std::exchange(parked_task_, std::nullopt)};
    }

    // Chapter 10: what the timeouts are measured from. When the client last moved (sent us bytes,
    // or took some of ours), and when the request now arriving began: its first byte, or the accept
    // for a connection that has sent nothing yet. Empty between requests.
    Clock::time_point last_progress() const { return last_progress_; }
    std::optional<Clock::time_point> request_started() const { return request_started_; }
    // Call when a request has been taken from the input: the next one starts with its first byte.
    void request_taken() {
        taken_at_ = Clock::now();  // exercise 12.2: one clock read serves both
        request_started_.reset();
        if (!input_.empty()) request_started_ = taken_at_;
    }
    // Exercise 12.2: when the request being answered was taken whole from the input, the start
    // of the time its Server-Timing reports. Kept here, not in a local, because a parked request
    // is answered turns of the loop later.
    Clock::time_point taken_at() const { return taken_at_; }
    // What the poller watches this connection for now (kReadable, kWritable), as last told.
    unsigned interest() const { return interest_; }
    void set_interest(unsigned interest) { interest_ = interest; }
    // The timer armed for this connection's next deadline, if any (the server arms it).
    std::optional<TimerQueue::Timer>& timer() { return timer_; }
    // When we sent our FIN and began reading what the client still sends, if we did.
    std::optional<Clock::time_point> lingering_since() const { return lingering_since_; }

    // Gives back what the connection holds but does not need now: the storage of an empty
    // buffer and, once it is answered, the request. Call when it has done what it could (the
    // server's settle()): an idle kept-alive connection then holds no buffer and no request
    // (chapter 12: 65 KiB of resident memory per idle connection before, under 1 KiB after).
    void release_idle_memory() {
        input_.release_if_empty();
        output_.release_if_empty();
        if (!parked()) request_ = HttpRequest{};
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
    bool finished() const { return failed_ || hung_up_ || (peer_closed_ && output_.empty()); }

  private:
    Fd socket_;
    Buffer input_;
    Buffer output_;
    RequestParser parser_;
    HttpRequest request_;
    std::shared_ptr<Future> parked_future_;  // empty unless parked
    Future::Token waiter_ = 0;               // our waiter on parked_future_
    std::optional<Task> parked_task_;        // the coroutine parked with it, if any
    bool peer_closed_ = false;               // recv() returned 0: the client will send nothing more
    bool failed_ = false;                    // reset, broken pipe: nothing more can be sent either
    bool closing_ = false;                   // close_when_sent() was called
    bool shut_down_ = false;                 // we sent our FIN
    bool at_once_ = false;                   // close_at_once_when_sent() was called
    bool hung_up_ = false;                   // all sent, nothing unread: close now
    Clock::time_point last_progress_;
    std::optional<Clock::time_point> request_started_;
    Clock::time_point taken_at_;  // exercise 12.2: see taken_at()
    std::optional<TimerQueue::Timer> timer_;
    std::optional<Clock::time_point> lingering_since_;
    unsigned interest_ = 0;
};
