// The listening socket: where clients knock.
#pragma once

#include <cstdint>
#include <string>

#include "fd.hpp"

// Opens a non-blocking TCP socket listening on host:port (port 0: the kernel picks a free one).
// Throws std::system_error naming the call that failed, e.g. "bind: Address already in use".
Fd listen_on(const std::string& host, std::uint16_t port);

// The port `listener` is bound to: the one the kernel picked when we asked for port 0.
std::uint16_t local_port(const Fd& listener);

// Takes the next waiting client and returns its socket, non-blocking too. Never waits: returns an
// empty Fd when no client is waiting (EAGAIN), or the client gave up before we took it.
Fd accept_client(const Fd& listener);
