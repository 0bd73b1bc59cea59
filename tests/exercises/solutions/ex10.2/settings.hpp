// Settings: the limits and timeouts that protect a server from its clients.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

// What a client may cost the server, in bytes and in time. Every limit is answered or enforced
// per connection: a client past one is refused or closed; no other connection notices.
struct Settings {
    // A request body longer than this is refused with 413 (bodies are held in memory).
    std::size_t max_body = 1 << 20;
    // From a connection's first byte (or its accept) to the end of its request's head. Defeats
    // "slowloris", who opens many connections and sends a header line every few seconds.
    std::chrono::milliseconds header_timeout{10'000};
    // A kept-alive connection with nothing to do, and a body that stops arriving, are closed
    // after this long.
    std::chrono::milliseconds idle_timeout{15'000};
    // A client that takes none of its answer for this long is closed: its answer would sit in
    // our memory for ever otherwise.
    std::chrono::milliseconds send_timeout{30'000};
    // After an error answer we send our FIN and read what the client still sends, so that our
    // answer is not destroyed by a reset. This caps that wait in all (nginx's lingering_time).
    std::chrono::milliseconds linger_limit{5'000};
    // Exercise 10.2: connections open at once; a client past them is answered 503 and closed.
    // Each costs a descriptor, buffers and a timer; this caps what all clients together cost.
    // 0: no cap but the descriptors themselves.
    std::uint32_t max_connections = 0;
};
