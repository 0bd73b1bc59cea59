// Fd: the load helpers' owning descriptor.
#pragma once

#include <unistd.h>

#include <utility>

// Owns one socket and closes it when destroyed, so a helper that holds 10 000 connections gives
// them all back on every path. Moves, never copies: two owners would close one number twice.
class Fd {
  public:
    Fd() = default;
    explicit Fd(int fd) noexcept : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Fd& operator=(Fd&& other) noexcept {
        if (this != &other) {
            close_now();
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { close_now(); }

    int get() const noexcept { return fd_; }
    explicit operator bool() const noexcept { return fd_ >= 0; }

    void close_now() noexcept {
        if (fd_ >= 0) ::close(fd_);  // never retried: Linux has freed the number even on EINTR
        fd_ = -1;
    }

  private:
    int fd_ = -1;
};
