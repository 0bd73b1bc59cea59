// The listening socket: where clients knock.
#pragma once

#include <cstdint>
#include <string>

#include "fd.hpp"

// Opens a TCP socket listening on host:port (port 0: the kernel picks a free one). Throws
// std::system_error naming the call that failed, e.g. "bind: Address already in use".
Fd listen_on(const std::string& host, std::uint16_t port);

// The port `listener` is bound to: the one the kernel picked when we asked for port 0.
std::uint16_t local_port(const Fd& listener);

// Waits for the next client and returns its connected socket. Returns an empty Fd when a signal
// interrupted the wait (the caller checks whether it was asked to stop) or the client gave up
// before we took it.
Fd accept_client(const Fd& listener);
