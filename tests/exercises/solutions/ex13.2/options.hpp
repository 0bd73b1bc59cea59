// The command line every Snow server understands.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "settings.hpp"

struct Options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8012;      // 0 lets the kernel pick a free port
    std::uint32_t async_ms = 5000;  // how long /async/ waits: the seed's TimeoutFuture(5)
    // Chapter 10: --max-body N, --header-timeout-ms N, --idle-timeout-ms N and --send-timeout-ms N
    // change the limits (tests use small ones); --poller NAME the poller.
    Settings settings;
    // Chapter 13: --root DIR, the folder GET /static/PATH serves; empty (the default): none, and
    // /static/ answers 404. Read with the rest of the command line.
    std::string root;
    // Exercise 13.2: --cache-max-age N, how many seconds a cache may keep a file served from the
    // root without asking again; none (the default): no Cache-Control, and the cache guesses.
    std::optional<std::uint32_t> cache_max_age;
};

// Reads --host H, --port N, --async-ms N and the settings from the command line. On --help prints
// the usage and exits 0; on anything it does not understand prints what was wrong and the usage to
// stderr and exits 2.
Options parse_options(int argc, char** argv);
