// The latency of one request at a time on a fresh connection: what a new client waits for.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "many_connections.hpp"

// Sends `request` `count` times, each after the previous answer, on a new connection, and returns
// each round trip (request sent to answer complete) in microseconds. A server that closes after
// each answer (chapter 04) is connected to again, outside the timed part. Stops at the first
// answer that takes longer than `patience`: a server that takes no new client answers none.
std::vector<double> round_trips(std::uint16_t port, const std::string& request, Expect expect,
                                int count, std::chrono::milliseconds patience);
