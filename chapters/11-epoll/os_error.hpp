// How a failed system call becomes an exception.
#pragma once

#include <cerrno>
#include <system_error>

// Throws std::system_error for the call named `call`, with errno's message: what() reads like
// "bind: Address already in use". Call it right after the failure, before errno changes.
[[noreturn]] inline void throw_os_error(const char* call) {
    throw std::system_error(errno, std::generic_category(), call);
}
