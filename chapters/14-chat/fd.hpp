// Fd: owning one file descriptor.
#pragma once

#include <unistd.h>

#include <utility>

// Owns one open file descriptor (a socket, here) and closes it when destroyed, so no error path
// can leak it. Moves but never copies: two owners would close the same number twice, and the
// second close() could hit a descriptor the kernel has since handed to someone else.
class Fd {
  public:
    Fd() = default;
    explicit Fd(int fd) noexcept : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Fd& operator=(Fd&& other) noexcept {
        if (this != &other) reset(std::exchange(other.fd_, -1));
        return *this;
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }

    int get() const noexcept { return fd_; }
    explicit operator bool() const noexcept { return fd_ >= 0; }

    // Closes the descriptor held now (if any) and takes `fd` instead.
    void reset(int fd = -1) noexcept {
        // close() can fail with EINTR, but Linux has released the descriptor by then: never retry.
        if (fd_ >= 0) ::close(fd_);
        fd_ = fd;
    }

  private:
    int fd_ = -1;
};
