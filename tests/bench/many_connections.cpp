#include "many_connections.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <deque>

#include "connect.hpp"
#include "http_answer.hpp"

namespace {

// One connection on its way to being held: connect, send, then wait for what is expected.
struct Opening {
    Fd socket;
    Clock::time_point started;
    bool connected = false;
    std::size_t sent = 0;
    std::string received;
};

enum class Outcome { Pending, Held, Failed };

bool answered(const ManyConnections& plan, const std::string& received) {
    if (plan.expect == Expect::Echo) return received.size() >= plan.request.size();
    return answer_length(received) > 0;
}

Outcome step(const ManyConnections& plan, Opening& opening, short events) {
    int fd = opening.socket.get();
    if (!opening.connected) {
        int error = 0;
        socklen_t length = sizeof error;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0) return Outcome::Failed;
        opening.connected = true;
    }
    if (opening.sent < plan.request.size()) {
        ssize_t sent = ::send(fd, plan.request.data() + opening.sent,
                              plan.request.size() - opening.sent, MSG_NOSIGNAL);
        if (sent < 0 && errno != EAGAIN && errno != EINTR) return Outcome::Failed;
        if (sent > 0) opening.sent += static_cast<std::size_t>(sent);
        if (opening.sent == plan.request.size() && plan.expect == Expect::Nothing) {
            return Outcome::Held;  // sent: whether the server parked it is checked at the end
        }
    }
    if (events & (POLLIN | POLLHUP | POLLERR)) {
        char buffer[4096];
        ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) return Outcome::Failed;
        if (got > 0) opening.received.append(buffer, static_cast<std::size_t>(got));
        if (plan.expect != Expect::Nothing && answered(plan, opening.received)) {
            return Outcome::Held;
        }
    }
    return Outcome::Pending;
}

short wanted(const ManyConnections& plan, const Opening& opening) {
    if (!opening.connected || opening.sent < plan.request.size()) return POLLOUT;
    return POLLIN;
}

}  // namespace

std::vector<Fd> open_many(const ManyConnections& plan) {
    std::vector<Fd> held;
    std::deque<Opening> opening;
    std::size_t started = 0, failed_in_a_row = 0;
    std::vector<pollfd> watched;
    while ((started < plan.count || !opening.empty()) && failed_in_a_row < plan.in_flight) {
        while (started < plan.count && opening.size() < plan.in_flight) {
            Opening one;
            one.socket = start_connect(plan.port);
            one.started = Clock::now();
            opening.push_back(std::move(one));
            ++started;
        }
        watched.clear();
        for (const Opening& one : opening)
            watched.push_back({one.socket.get(), wanted(plan, one), 0});
        if (::poll(watched.data(), watched.size(), 10) < 0 && errno != EINTR) break;
        std::deque<Opening> still;
        for (std::size_t i = 0; i < opening.size(); ++i) {
            Opening& one = opening[i];
            Outcome outcome = !one.socket               ? Outcome::Failed
                              : watched[i].revents != 0 ? step(plan, one, watched[i].revents)
                                                        : Outcome::Pending;
            if (outcome == Outcome::Pending && Clock::now() - one.started > plan.patience) {
                outcome = Outcome::Failed;
            }
            if (outcome == Outcome::Held) {
                held.push_back(std::move(one.socket));
                failed_in_a_row = 0;
            } else if (outcome == Outcome::Failed) {
                ++failed_in_a_row;  // its socket closes with `one`
            } else {
                still.push_back(std::move(one));
            }
        }
        opening = std::move(still);
    }
    return held;
}

void drop_closed(std::vector<Fd>& held) {
    std::vector<pollfd> watched;
    for (const Fd& socket : held)
        watched.push_back({socket.get(), POLLIN | POLLRDHUP, 0});
    if (::poll(watched.data(), watched.size(), 0) < 0) return;
    std::vector<Fd> open;
    for (std::size_t i = 0; i < held.size(); ++i) {
        if (watched[i].revents == 0) open.push_back(std::move(held[i]));
    }
    held = std::move(open);
}

std::vector<Arrival> read_answers(const std::vector<Fd>& connections, Clock::time_point deadline) {
    std::vector<Arrival> arrivals(connections.size());
    std::vector<bool> finished(connections.size(), false);
    std::vector<pollfd> watched(connections.size());
    std::size_t left = connections.size();
    while (left > 0 && Clock::now() < deadline) {
        for (std::size_t i = 0; i < connections.size(); ++i) {
            watched[i] = {finished[i] ? -1 : connections[i].get(), POLLIN, 0};  // -1: not watched
        }
        if (::poll(watched.data(), watched.size(), 100) < 0 && errno != EINTR) break;
        Clock::time_point now = Clock::now();
        for (std::size_t i = 0; i < connections.size(); ++i) {
            if (watched[i].revents == 0) continue;
            Arrival& arrival = arrivals[i];
            char buffer[4096];
            ssize_t got = ::recv(connections[i].get(), buffer, sizeof buffer, MSG_DONTWAIT);
            if (got > 0) arrival.answer.append(buffer, static_cast<std::size_t>(got));
            std::size_t length = answer_length(arrival.answer);
            bool more_to_come = got > 0 || (got < 0 && (errno == EAGAIN || errno == EINTR));
            if (length == 0 && more_to_come) continue;
            finished[i] = true;  // answered, or closed
            --left;
            arrival.complete = length > 0;
            arrival.answer.resize(length > 0 ? length : arrival.answer.size());
            arrival.at = now;
        }
    }
    for (std::size_t i = 0; i < connections.size(); ++i) {
        if (!finished[i]) arrivals[i].at = Clock::now();
    }
    return arrivals;
}
