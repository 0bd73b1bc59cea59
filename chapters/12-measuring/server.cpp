#include "server.hpp"

#include <fcntl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <variant>
#include <vector>

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

// How long the poller may sleep: until `deadline`, or for ever without one. Never negative: a
// deadline already past means "do not sleep".
// Chapter 12: the kernel lets a sleeping wait end late by its *timer slack*, so that it can wake
// several sleepers at once: 0.1 % of the timeout for an ordinary process (0.5 % for a niced one),
// and at least 50 us: a lone 3 s timer fired 3.3 ms late. So a wait longer than 50 ms (where
// 0.1 % passes the 50 us minimum) asks to wake 1 % early, which the slack cannot push past the
// deadline; the loop turns, finds nothing due, and the short wait that follows is late by 50 us
// at most (with epoll_pwait2; the fallback rounds to whole milliseconds). One or two more
// wake-ups per far deadline (a second past 5 s) buy a timer that keeps its time: 0.3 ms late,
// most of it the machine waking up.
std::optional<timespec> time_until(std::optional<TimerQueue::Clock::time_point> deadline) {
    if (!deadline) return std::nullopt;
    auto left = std::max(*deadline - TimerQueue::Clock::now(), TimerQueue::Clock::duration::zero());
    if (left > std::chrono::milliseconds(50)) left -= left / 100;
    auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
    return timespec{static_cast<time_t>(nanoseconds / 1'000'000'000),
                    static_cast<long>(nanoseconds % 1'000'000'000)};
}

// Chapter 10: an error is a line on stderr that says which request met it, never the end of the
// server.
void log_error(const HttpRequest& request, std::string_view what) {
    std::cerr << "snow: 500 for " << request.method << " " << request.target << " "
              << request.version << ": " << what << "\n";
}

HttpResponse internal_error() {
    return HttpResponse("500 Internal Server Error\n", 500);
}

// What the exception being handled says, whatever its type: a handler may throw anything.
// Call only inside a catch block.
std::string what_was_thrown() {
    try {
        throw;
    } catch (const std::exception& error) {
        return error.what();
    } catch (...) {
        return "an exception that is not a std::exception";
    }
}

// Runs `work` for one connection, and says whether it went well. Whatever it throws (a bad_alloc
// on a huge answer, a poller that refuses a descriptor) was that connection's alone: a line on
// stderr, and the caller closes it. The loop goes on.
template <typename Work>
bool guarded(Work&& work) {
    try {
        work();
        return true;
    } catch (...) {
        std::cerr << "snow: closing a connection after an error: " << what_was_thrown() << "\n";
        return false;
    }
}

// Writes `response` as the answer to `request`, and closes after it if the request asked.
void answer(Connection& connection, const HttpRequest& request, const HttpResponse& response) {
    bool keep = keep_alive(request);
    write_response(connection.output(), response, request.method == "HEAD", keep);
    if (!keep) connection.close_at_once_when_sent();
}

}  // namespace

Server::Server(Fd listener, const Router& router, Settings settings)
    : listener_(std::move(listener)),
      router_(router),
      settings_(std::move(settings)),
      poller_(make_poller(settings_.poller)),
      spare_(::open("/dev/null", O_RDONLY | O_CLOEXEC)) {
    poller_->add(listener_.get(), kReadable);
    poller_->add(wakeup_->fd(), kReadable);
}

// Chapter 10: out of descriptors, accept() fails with EMFILE and leaves the client waiting, so the
// poller reports the listener again at once: a busy loop. The way out is to give back the spare
// descriptor, accept the client with it, close it at once (the client sees its connection closed,
// not a hang), and take a spare again.
void Server::refuse_one_client() {
    spare_.reset();
    Fd refused(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (refused) std::cerr << "snow: out of file descriptors: refusing a client\n";
    refused.reset();  // closed before the spare is taken again: it needs that descriptor
    spare_.reset(::open("/dev/null", O_RDONLY | O_CLOEXEC));
}

void Server::accept_new_clients() {
    // Chapter 12: one new client per turn, as nginx does by default. The poller reports the
    // listener level-triggered: if more clients wait, the next wait says so at once. Taking them
    // all until accept() said EAGAIN cost a failed accept() on most turns: 1.6 calls per
    // connection with a connection per request, where one per turn makes it 1.0 and the bench
    // measured 0 %, 5 % and 8 % more requests per CPU-second in three comparisons.
    // A client refused below does not count: the next one is tried at once.
    while (true) {
        Fd client;
        try {
            client = accept_client(listener_);
        } catch (const std::system_error& error) {
            if (error.code().value() != EMFILE && error.code().value() != ENFILE) throw;
            // One refusal per turn, then back to the poller: Linux reports EMFILE even when
            // nobody is waiting, so trying again at once could go on for ever.
            refuse_one_client();
            break;
        }
        if (!client) break;
        // select() can only watch descriptors below FD_SETSIZE (1024): FD_SET on a larger one
        // writes past the end of the set. With it, refuse the client (its Fd closes it here).
        if (!poller_->can_watch(client.get())) {
            std::cerr << "snow: too many clients for " << settings_.poller << ": refusing one\n";
            continue;
        }
        int fd = client.get();
        auto [it, added] =
            connections_.emplace(fd, Connection(std::move(client), settings_.max_body));
        // Watched for reading from the start: added with no interest, then modified by
        // settle(), it cost two epoll_ctl() calls per connection instead of one (chapter 12).
        if (!guarded([&] { poller_->add(fd, kReadable); })) {
            connections_.erase(it);  // never watched: nothing to remove from the poller
            continue;
        }
        it->second.set_interest(kReadable);
        if (!guarded([&] { settle(it->second); })) close(it);
        return;
    }
}

// Forgets a connection and closes its socket, with its deadline's timer. One that goes while
// parked stops waiting for its future, and a TimeoutFuture that nobody waits for any more loses
// its timer.
Server::Connections::iterator Server::close(Connections::iterator it) {
    if (auto& timer = it->second.timer()) timers_.cancel(*timer);
    if (it->second.parked()) future_timers_.unwatch(*it->second.unpark().first);
    poller_->forget(it->first);     // before the descriptor is closed, while it is still ours
    return connections_.erase(it);  // erasing the Connection closes its socket
}

// After a connection has done what it could: give back the memory it does not need now, arm its
// deadline, and tell the poller what it waits for now, if that changed (with epoll, each change
// is a system call).
void Server::settle(Connection& connection) {
    connection.release_idle_memory();
    refresh_timer(connection);
    unsigned interest = (connection.wants_to_read() ? kReadable : 0u) |
                        (connection.wants_to_write() ? kWritable : 0u);
    if (interest != connection.interest()) {
        poller_->modify(connection.fd(), interest);
        connection.set_interest(interest);
    }
}

// Chapter 10: the deadline the connection must meet now, from what it is doing. While it waits for
// the application (parked), none: that wait is the application's to bound.
std::optional<TimerQueue::Clock::time_point> Server::deadline_for(Connection& connection) const {
    if (connection.parked()) return std::nullopt;
    if (connection.wants_to_write()) return connection.last_progress() + settings_.send_timeout;
    auto started = connection.request_started();
    if (started && !connection.closing() && !connection.parser().reading_body()) {
        return *started + settings_.header_timeout;  // the head must be whole by then
    }
    // Idle between requests, a body that stopped coming, or our FIN sent and the client's
    // still awaited: close when the client has been silent this long.
    auto idle = connection.last_progress() + settings_.idle_timeout;
    // A lingering close ends after linger_limit in all, however steadily the client goes
    // on sending (nginx's lingering_time): reading its bytes costs us, not the client.
    if (auto since = connection.lingering_since()) {
        return std::min(idle, *since + settings_.linger_limit);
    }
    return idle;
}

// Arms one timer for the connection's deadline. A timer armed before for an earlier deadline is
// kept (re-armed lazily): when it fires, on_deadline() sees that the deadline has moved and arms
// the real one. Every kept-alive request moves the idle deadline a little later, and replacing
// the timer each time (an erase and an insert in the queue's std::map, 2-3 % of a request's CPU
// time in perf) is now done once per idle_timeout on a busy connection (chapter 12).
void Server::refresh_timer(Connection& connection) {
    auto deadline = deadline_for(connection);
    auto& timer = connection.timer();
    if (timer && deadline && timer->deadline <= *deadline) return;
    if (timer) timers_.cancel(*timer);
    timer.reset();
    if (!deadline) return;
    timer = timers_.add(*deadline, [this, fd = connection.fd()] { on_deadline(fd); });
}

// The connection's deadline passed. A client still sending its request's head gets 408 Request
// Timeout (then our FIN, and a last idle_timeout to leave); any other is closed at once.
void Server::on_deadline(int fd) {
    auto it = connections_.find(fd);
    if (it == connections_.end()) return;
    Connection& connection = it->second;
    connection.timer().reset();  // it has run: nothing to cancel any more
    bool expired = false;
    bool ok = guarded([&] {
        auto deadline = deadline_for(connection);
        if (deadline && *deadline > TimerQueue::Clock::now()) {  // the client moved meanwhile
            settle(connection);
            return;
        }
        bool in_head = connection.request_started() && !connection.closing() &&
                       !connection.wants_to_write() && !connection.parser().reading_body();
        if (!in_head) {
            expired = true;
            return;
        }
        HttpResponse timeout(std::string(reason_phrase(408)) + "\n", 408);
        write_response(connection.output(), timeout, connection.parser().request().method == "HEAD",
                       false);
        connection.close_when_sent();
        connection.send_pending();
        if (!connection.finished()) settle(connection);
    });
    if (!ok || expired || connection.finished()) close(it);
}

// Answers the complete requests waiting in the input, in the order they came: a client may send
// several before reading any answer (pipelining). Stops at a request whose handler parks the
// connection, and early when the output is full (returns true then: more may be waiting).
bool Server::serve_requests(Connection& connection) {
    while (!connection.closing() && !connection.parked()) {
        if (connection.output().size() >= Connection::kMaxPendingOutput) return true;
        RequestParser& parser = connection.parser();
        ParseResult result = parser.parse(connection.input().readable());
        if (result.status == ParseStatus::Incomplete) {  // wait for more bytes
            // Chapter 10: "Expect: 100-continue". The client waits to hear that its head is fine
            // before it sends the body: tell it to go on.
            if (parser.awaits_continue()) {
                connection.output().append("HTTP/1.1 100 Continue\r\n\r\n");
                parser.continue_sent();
            }
            return false;
        }
        if (result.status == ParseStatus::Error) {
            HttpResponse refusal(std::string(reason_phrase(result.error)) + "\n", result.error);
            // No answer to HEAD has a body, not even an error's.
            write_response(connection.output(), refusal, parser.request().method == "HEAD", false);
            connection.close_when_sent();
            return false;
        }
        connection.input().consume(result.consumed);
        connection.request_taken();
        connection.request() = std::move(parser.request());
        parser.reset();
        Reply handler_reply;
        try {
            handler_reply = router_.dispatch(connection.request());
        } catch (...) {  // a handler that throws gets 500, and only it
            log_error(connection.request(), what_was_thrown());
            handler_reply = internal_error();
        }
        reply(connection, std::move(handler_reply));
    }
    return false;
}

// Does what the handler's reply says: answer now, park on a future, or run a coroutine.
void Server::reply(Connection& connection, Reply reply) {
    if (auto* response = std::get_if<HttpResponse>(&reply)) {
        answer(connection, connection.request(), *response);
    } else if (auto* future = std::get_if<std::shared_ptr<Future>>(&reply); future && *future) {
        park(connection, *future);
    } else if (future) {  // a null future: the handler's mistake, answered, not followed
        answer(connection, connection.request(), internal_error());
    } else {
        resume(connection, std::move(std::get<Task>(reply)));
    }
}

// Chapter 09: runs a coroutine handler until it awaits a future that is not resolved yet, and parks
// the connection on that future with the coroutine; or, if it ended, answers with what it returned.
// A coroutine that threw gets 500, and the loop goes on.
void Server::resume(Connection& connection, Task task) {
    task.resume();
    if (!task.done()) {
        std::shared_ptr<Future> awaited = task.awaited();
        park(connection, std::move(awaited), std::move(task));
        return;
    }
    HttpResponse response;
    try {
        response = task.result();
    } catch (...) {
        log_error(connection.request(), what_was_thrown());
        response = internal_error();
    }
    answer(connection, connection.request(), response);
}

// Chapter 07: the connection waits for `future` (with its coroutine, if one awaits it). When
// someone resolves the future, from any thread, the waiter posts the connection to the loop's
// mailbox, and run() answers it at the end of a turn, on the loop's thread. Chapter 08: a future
// with a deadline (a TimeoutFuture) gets a timer that resolves it, one per future however many wait
// for it, and cancelled when the last of them leaves (see FutureTimers).
void Server::park(Connection& connection, std::shared_ptr<Future> future,
                  std::optional<Task> task) {
    Future::Token waiter =
        future->on_ready([mailbox = wakeup_, fd = connection.fd()] { mailbox->post(fd); });
    future_timers_.watch(future);  // a TimeoutFuture's timer, if it has none yet
    connection.park(std::move(future), waiter, std::move(task));
}

// Answers the parked connections whose futures were resolved. Answering one may answer
// pipelined requests that resolve more futures: take the mail until none is left.
void Server::answer_resolved() {
    std::vector<int> resolved = wakeup_->take();
    while (!resolved.empty()) {
        for (int fd : resolved)
            answer_parked(fd);
        resolved = wakeup_->take();
    }
}

// Answers the connection `fd` whose future is resolved: resumes the coroutine that waits for
// it, or answers with callback(request, future), built from the connection's own request (the
// seed passed every callback the latest request), or with the future's value if it has no
// callback (a TimeoutFuture: the seed never answered those at all).
void Server::answer_parked(int fd) {
    auto it = connections_.find(fd);
    if (it == connections_.end() || !it->second.parked_and_resolved()) return;  // it left
    Connection& connection = it->second;
    bool answered = guarded([&] {
        auto [future, task] = connection.unpark();
        future_timers_.unwatch(*future);
        if (task) {
            resume(connection, std::move(*task));
        } else {
            const HttpRequest& request = connection.request();
            const Future::Callback& callback = future->callback();
            HttpResponse response;
            try {
                response = callback ? callback(request, *future) : HttpResponse(future->value());
            } catch (...) {
                log_error(request, what_was_thrown());
                response = internal_error();
            }
            answer(connection, request, response);
        }
        serve(connection);  // send it, and answer the requests that waited behind it
        if (!connection.finished()) settle(connection);
    });
    if (!answered || connection.finished()) close(it);
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
    // Chapter 08: a stop signal wakes the loop through the mailbox's eventfd, whichever thread
    // it lands on. The eventfd closes with the server: a later signal must not write to
    // whatever descriptor takes its number then.
    wake_on_stop(wakeup_->fd());
    struct Forget {
        ~Forget() { wake_on_stop(-1); }
    } forget;
    std::vector<Ready> ready;
    while (!stop_requested()) {
        // Sleep until a socket is ready, a stop signal arrives, or the next timer is due, and no
        // longer. Chapter 11: the poller asks the kernel, in whichever way it knows.
        poller_->wait(time_until(timers_.next_deadline()), wait_mask(), ready);
        for (const Ready& event : ready) {
            if (event.fd == wakeup_->fd()) {
                wakeup_->drain();  // another thread resolved a future, or a stop came
            } else if (event.fd == listener_.get()) {
                accept_new_clients();
            } else if (auto it = connections_.find(event.fd); it != connections_.end()) {
                serve_ready(it, event);
            }
        }
        timers_.run_expired(TimerQueue::Clock::now());
        answer_resolved();
    }
}

// Reads from and writes to one ready connection, answering what it can; closes it when it is
// over, or when anything in it went wrong (whatever it was, it was this client's).
void Server::serve_ready(Connections::iterator it, const Ready& event) {
    Connection& connection = it->second;
    bool served = guarded([&] {
        if (event.readable) connection.receive();
        serve(connection);
        if (!connection.finished()) settle(connection);
    });
    if (!served || connection.finished()) close(it);
}
