#include "wakeup.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <utility>

#include "os_error.hpp"

// An eventfd is a counter in the kernel behind a descriptor: write() adds to it, read() takes
// it back to zero, and it is readable while not zero. A pipe would do the same with two
// descriptors (the classic "self-pipe trick").
Wakeup::Wakeup()
    : eventfd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)), loop_thread_(std::this_thread::get_id()) {
    if (!eventfd_) throw_os_error("eventfd");
}

void Wakeup::post(int connection_fd) {
    {
        std::lock_guard lock(mutex_);
        posted_.push_back(connection_fd);
    }
    // On the loop's own thread the loop is awake, and takes the mail at the end of this turn.
    if (std::this_thread::get_id() == loop_thread_) return;
    std::uint64_t one = 1;
    [[maybe_unused]] ssize_t written = ::write(eventfd_.get(), &one, sizeof one);
}

std::vector<int> Wakeup::take() {
    std::lock_guard lock(mutex_);
    return std::exchange(posted_, {});
}

void Wakeup::drain() {
    std::uint64_t count = 0;
    [[maybe_unused]] ssize_t read = ::read(eventfd_.get(), &count, sizeof count);
}
