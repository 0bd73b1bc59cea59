#include "round_trip.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

#include "connect.hpp"
#include "http_answer.hpp"

namespace {

// Reads until one whole answer to `request` has come; false on a close or at `deadline`.
bool read_answer(const Fd& socket, const std::string& request, Expect expect,
                 Clock::time_point deadline, std::string& received) {
    received.clear();
    for (;;) {
        bool complete = expect == Expect::Echo ? received.size() >= request.size()
                                               : answer_length(received) > 0;
        if (complete) return true;
        auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        pollfd one{socket.get(), POLLIN, 0};
        if (left.count() <= 0 || ::poll(&one, 1, static_cast<int>(left.count())) <= 0) {
            return false;
        }
        char buffer[4096];
        ssize_t got = ::recv(socket.get(), buffer, sizeof buffer, 0);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) return false;
        if (got > 0) received.append(buffer, static_cast<std::size_t>(got));
    }
}

}  // namespace

std::vector<double> round_trips(std::uint16_t port, const std::string& request, Expect expect,
                                int count, std::chrono::milliseconds patience) {
    std::vector<double> microseconds;
    Fd socket;
    std::string received;
    for (int i = 0; i < count; ++i) {
        if (!socket) {
            socket = start_connect(port);
            if (!socket || !wait_connected(socket, Clock::now() + patience)) break;
        }
        Clock::time_point sent = Clock::now();
        if (!send_all(socket, request, sent + patience) ||
            !read_answer(socket, request, expect, sent + patience, received)) {
            break;
        }
        std::chrono::duration<double, std::micro> took = Clock::now() - sent;
        microseconds.push_back(took.count());
        if (received.find("Connection: close") != std::string::npos) socket.close_now();
    }
    return microseconds;
}
