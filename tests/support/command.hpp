// Running an outside client (curl) from a test.
#pragma once

#include <cstdio>
#include <string>

namespace snow_test {

// What a shell command printed on its standard output, and how it exited.
struct CommandOutput {
    int status;  // as pclose() gives it: 0 for a clean exit, -1 if the command could not run
    std::string out;
};

// Runs `command` with /bin/sh, waits for it and returns what it printed.
inline CommandOutput run_command(const std::string& command) {
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return {-1, ""};
    std::string out;
    char chunk[4096];
    while (std::size_t n = std::fread(chunk, 1, sizeof chunk, pipe))
        out.append(chunk, n);
    return {::pclose(pipe), out};
}

}  // namespace snow_test
