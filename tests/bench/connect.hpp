// Connecting to the server under test, which always listens on 127.0.0.1.
#pragma once

#include <netinet/in.h>

#include <chrono>
#include <cstdint>
#include <string_view>

#include "fd.hpp"

using Clock = std::chrono::steady_clock;

// 127.0.0.1:port as bind() and connect() take it; port 0 asks bind() for any free port.
sockaddr_in loopback_address(std::uint16_t port);

// Starts a non-blocking connect to 127.0.0.1:port and returns the socket at once, connected or
// not yet (it becomes writable when the handshake is done). An empty Fd if the socket or the
// connect failed at once (errno says why: EMFILE when this process is out of descriptors).
Fd start_connect(std::uint16_t port);

// Waits until `socket`'s connect has finished; false if it failed or `deadline` passed.
bool wait_connected(const Fd& socket, Clock::time_point deadline);

// Sends all of `bytes` on a non-blocking socket, waiting for room until `deadline`.
bool send_all(const Fd& socket, std::string_view bytes, Clock::time_point deadline);

// Lets this process open as many descriptors as its hard limit allows: 10 000 connections need
// more than the soft limit's usual 1024.
void raise_descriptor_limit();
