// The examples' command line: --host H, --port N, --async-ms N, --root DIR, --poll-timeout-ms N.
// (Part of the examples, not of the library: a program of yours reads its settings its own way and
// calls app.run(host, port).)
#pragma once

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include <snow/settings.hpp>

struct CommandLine {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8012;                      // 0: any free port
    std::chrono::milliseconds async_delay{5000};    // how long /async/ waits: the seed's 5 s
    snow::Settings settings;                        // --max-body N, --*-timeout-ms N, --poller NAME
    std::string root = ".";                         // the folder `static` (or `chat`) serves
    std::chrono::milliseconds poll_timeout{25000};  // how long chat's long poll may wait
};

[[noreturn]] inline void usage(const char* program, std::string_view problem) {
    std::ostream& out = problem.empty() ? std::cout : std::cerr;
    if (!problem.empty()) out << program << ": " << problem << "\n";
    out << "usage: " << program << " [--host H] [--port N] [--async-ms N] [settings]\n"
        << "  --host H      address to listen on (default 127.0.0.1)\n"
        << "  --port N      port to listen on, 0 for any free port (default 8012)\n"
        << "  --async-ms N  how long /async/ waits, in milliseconds (default 5000)\n"
        << "  --root DIR    the folder static serves (default .; chat: its page's folder)\n"
        << "  --poll-timeout-ms N  how long a chat poll waits for a message (default 25000)\n"
        << "  --max-body N           largest request body, in bytes (default 1048576)\n"
        << "  --header-timeout-ms N  time to send a request's head (default 10000)\n"
        << "  --idle-timeout-ms N    time a connection may do nothing (default 15000)\n"
        << "  --send-timeout-ms N    time a client may leave its answer unread (default 30000)\n"
        << "  --linger-limit-ms N    time to read a client's bytes after an error (default 5000)\n"
        << "  --poller NAME          epoll (default), poll or select\n"
        << "  --stop-grace-ms N      on SIGTERM, time to finish the answers under way (5000)\n"
        << "  --access-log           one line per answer on stderr\n";
    std::exit(problem.empty() ? 0 : 2);
}

// A whole number that fits `number`, nothing else: for a port, "80x", "-1" and "70000" are all
// mistakes.
template <typename Number>
bool parse_number(std::string_view text, Number& number) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    return error == std::errc() && end == text.data() + text.size();
}

// The setting an option in milliseconds sets, or nullptr if `arg` is no such option.
inline std::chrono::milliseconds* milliseconds_option(CommandLine& line, std::string_view arg) {
    if (arg == "--async-ms") return &line.async_delay;
    if (arg == "--poll-timeout-ms") return &line.poll_timeout;
    if (arg == "--header-timeout-ms") return &line.settings.header_timeout;
    if (arg == "--idle-timeout-ms") return &line.settings.idle_timeout;
    if (arg == "--send-timeout-ms") return &line.settings.send_timeout;
    if (arg == "--linger-limit-ms") return &line.settings.linger_limit;
    if (arg == "--stop-grace-ms") return &line.settings.stop_grace;
    return nullptr;
}

// On --help prints the usage and exits 0; on anything it does not understand prints what was
// wrong and the usage to stderr and exits 2. `line` holds the defaults (a program may have its
// own).
inline CommandLine parse_command_line(int argc, char** argv, CommandLine line = {}) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") usage(argv[0], "");
        if (arg == "--access-log") {
            line.settings.access_log = true;
            continue;
        }
        if (i + 1 == argc) usage(argv[0], std::string(arg) + " needs a value");
        std::string_view value = argv[++i];
        if (arg == "--host") {
            line.host = value;
        } else if (arg == "--root") {
            line.root = value;
        } else if (arg == "--port") {
            if (!parse_number(value, line.port)) {
                usage(argv[0],
                      "--port needs a number from 0 to 65535, not '" + std::string(value) + "'");
            }
        } else if (arg == "--max-body") {
            if (!parse_number(value, line.settings.max_body)) {
                usage(argv[0],
                      "--max-body needs a number of bytes, not '" + std::string(value) + "'");
            }
        } else if (arg == "--poller") {
            if (value != "epoll" && value != "poll" && value != "select") {
                usage(argv[0],
                      "--poller is epoll, poll or select, not '" + std::string(value) + "'");
            }
            line.settings.poller = value;
        } else if (auto* duration = milliseconds_option(line, arg)) {
            std::uint32_t milliseconds = 0;
            if (!parse_number(value, milliseconds)) {
                usage(argv[0], std::string(arg) + " needs a number of milliseconds, not '" +
                                   std::string(value) + "'");
            }
            *duration = std::chrono::milliseconds(milliseconds);
        } else {
            usage(argv[0], "unknown option " + std::string(arg));
        }
    }
    return line;
}
