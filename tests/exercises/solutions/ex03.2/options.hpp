// The command line every Snow server understands.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

struct Options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8012;  // 0 lets the kernel pick a free port
    std::size_t max_line = 0;   // exercise 03.2: echo whole lines, none longer; 0: echo bytes
};

// Reads --host H, --port N and --max-line N from the command line. On --help prints the usage
// and exits 0; on anything it does not understand prints what was wrong and the usage to stderr
// and exits 2.
Options parse_options(int argc, char** argv);
