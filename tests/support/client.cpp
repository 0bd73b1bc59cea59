#include "client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <system_error>

#include "deadline.hpp"

namespace snow_test {

using Clock = std::chrono::steady_clock;

std::string visible(std::string_view bytes, std::size_t limit) {
    constexpr std::string_view special = "\r\n\t\"\\";
    constexpr std::string_view escaped = "rnt\"\\";
    constexpr std::string_view hex = "0123456789abcdef";
    std::string out = "\"";
    for (unsigned char byte : bytes.substr(0, limit)) {
        if (auto at = special.find(static_cast<char>(byte)); at != std::string_view::npos) {
            out += {'\\', escaped[at]};
        } else if (byte >= 0x20 && byte < 0x7f) {
            out += static_cast<char>(byte);
        } else {
            out += {'\\', 'x', hex[byte >> 4], hex[byte & 15]};
        }
    }
    out += "\"";
    if (bytes.size() > limit) out += "... (" + std::to_string(bytes.size()) + " bytes in all)";
    return out;
}

testing::AssertionResult contains(std::string_view text, std::string_view part) {
    if (text.find(part) != std::string_view::npos) return testing::AssertionSuccess();
    return testing::AssertionFailure() << visible(part) << " is not in "
                                       << (text.empty() ? "an empty text" : visible(text, 2000));
}

Client::Client(std::uint16_t port, std::chrono::milliseconds timeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "socket");
    // Tests send small pieces on purpose (one byte at a time): do not let Nagle merge them.
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    timeval send_timeout{static_cast<time_t>(timeout.count() / 1000),
                         static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int error = 0;
    {
        Waiting waiting("connect() to 127.0.0.1:" + std::to_string(port));
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            error = errno;
    }
    if (error != 0) {
        ::close(fd_);
        throw std::system_error(error, std::generic_category(),
                                "connect to 127.0.0.1:" + std::to_string(port));
    }
    sockaddr_in local{};
    socklen_t length = sizeof local;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&local), &length);
    name_ = "connection from port " + std::to_string(ntohs(local.sin_port)) + " to " +
            std::to_string(port);
}

Client::~Client() {
    if (fd_ >= 0) ::close(fd_);
}

bool Client::send(std::string_view bytes) {
    Waiting waiting("the server to take " + std::to_string(bytes.size()) + " bytes on the " +
                    name_);
    while (!bytes.empty()) {
        ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool Client::read_once(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    bool in_time = left.count() > 0;  // past it, take what is there, then say "timeout"
    pollfd p{fd_, POLLIN, 0};
    int ready = ::poll(&p, 1, in_time ? static_cast<int>(left.count()) : 0);
    if (ready < 0 && errno == EINTR) return in_time;
    if (ready <= 0) return false;
    char chunk[65536];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) return in_time;
    if (n <= 0) closed_ = true;  // FIN (0) or RST (ECONNRESET)
    if (n <= 0) return false;
    pending_.append(chunk, static_cast<std::size_t>(n));
    return in_time;
}

std::string Client::take(std::size_t n) {
    std::string out = pending_.substr(0, n);
    pending_.erase(0, n);
    return out;
}

std::string Client::read_exactly(std::size_t n, std::chrono::milliseconds timeout) {
    Waiting waiting(std::to_string(n) + " bytes on the " + name_);
    auto deadline = Clock::now() + timeout;
    while (pending_.size() < n && read_once(deadline)) {
    }
    return take(n);
}

std::string Client::read_until_close(std::chrono::milliseconds timeout) {
    Waiting waiting("the server to close the " + name_);
    auto deadline = Clock::now() + timeout;
    while (read_once(deadline)) {
    }
    return take(pending_.size());
}

std::string Client::read_until(std::string_view delimiter, std::chrono::milliseconds timeout) {
    Waiting waiting("bytes up to " + visible(delimiter) + " on the " + name_);
    auto deadline = Clock::now() + timeout;
    while (pending_.find(delimiter) == std::string::npos && read_once(deadline)) {
    }
    auto at = pending_.find(delimiter);
    return take(at == std::string::npos ? pending_.size() : at + delimiter.size());
}

bool Client::closed_by_server(std::chrono::milliseconds timeout) {
    Waiting waiting("the server to close the " + name_);
    auto deadline = Clock::now() + timeout;
    for (;;) {  // polls at least once, even with no time left: a zero timeout asks "closed yet?"
        auto left =
            std::max(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()),
                     std::chrono::milliseconds(0));
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) > 0) {
            char chunk[65536];
            ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (n == 0 || (n < 0 && errno != EINTR)) return closed_ = true;  // FIN or RST
            continue;  // bytes before the close: dropped
        }
        if (left.count() == 0) return false;
    }
}

void Client::shut_down_writing() {
    ::shutdown(fd_, SHUT_WR);
}

void Client::close_with_reset() {
    // SO_LINGER with a zero timeout: close() discards unsent data and sends RST.
    linger no_linger{1, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &no_linger, sizeof no_linger);
    ::close(fd_);
    fd_ = -1;
}

void Client::set_receive_buffer(int bytes) {
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
}

}  // namespace snow_test
