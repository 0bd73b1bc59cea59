// The command line every Snow server understands.
#pragma once

#include <cstdint>
#include <string>

struct Options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8012;    // 0 lets the kernel pick a free port
    std::uint64_t max_bytes = 0;  // exercise 01.2: echo this many bytes per client; 0: no cap
};

// Reads --host H, --port N and --max-bytes N from the command line. On --help prints the usage
// and exits 0; on anything it does not understand prints what was wrong and the usage to stderr
// and exits 2.
Options parse_options(int argc, char** argv);
