// How a failed system call becomes an exception.
#pragma once

#include <cerrno>
#include <system_error>

// Throws std::system_error for the call named `call`, with errno's message: what() reads like
// "bind: Address already in use". Call it right after the failure, before errno changes.
[[noreturn]] inline void throw_os_error(const char* call) {
    throw std::system_error(errno, std::generic_category(), call);
}

// Chapter 11: makes a system call, and makes it again for as long as a signal interrupts it
// (EINTR). The one place the code retries: a stop signal needs nothing more here, since its
// handler wrote to the loop's eventfd (wake_on_stop), so the poller's next wait returns at once.
// Returns what the call returned, with errno as the call left it.
template <typename SystemCall>
auto retry_if_interrupted(SystemCall call) {
    auto result = call();
    while (result < 0 && errno == EINTR)
        result = call();
    return result;
}
