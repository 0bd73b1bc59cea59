#include "options.hpp"

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <string_view>

namespace {

[[noreturn]] void usage(const char* program, std::string_view problem) {
    std::ostream& out = problem.empty() ? std::cout : std::cerr;
    if (!problem.empty()) out << program << ": " << problem << "\n";
    out << "usage: " << program << " [--host H] [--port N] [--async-ms N] [settings]\n"
        << "  --host H      address to listen on (default 127.0.0.1)\n"
        << "  --port N      port to listen on, 0 for any free port (default 8012)\n"
        << "  --async-ms N  how long /async/ waits, in milliseconds (default 5000)\n"
        << "  --max-body N           largest request body, in bytes (default 1048576)\n"
        << "  --header-timeout-ms N  time to send a request's head (default 10000)\n"
        << "  --idle-timeout-ms N    time a connection may do nothing (default 15000)\n"
        << "  --send-timeout-ms N    time a client may leave its answer unread (default 30000)\n"
        << "  --linger-limit-ms N    time to read a client's bytes after an error (default 5000)\n"
        << "  --max-connections N    connections open at once, 0: no limit (default 0)\n";
    std::exit(problem.empty() ? 0 : 2);
}

// A whole number that fits `number`, nothing else: for a port, "80x", "-1" and "70000" are all
// mistakes.
template <typename Number>
bool parse_number(std::string_view text, Number& number) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") usage(argv[0], "");
        if (i + 1 == argc) usage(argv[0], std::string(arg) + " needs a value");
        std::string_view value = argv[++i];
        std::uint32_t milliseconds = 0;
        bool timeout = arg.ends_with("-timeout-ms") || arg == "--linger-limit-ms";
        if (timeout && !parse_number(value, milliseconds)) {
            usage(argv[0], std::string(arg) + " needs a number of milliseconds, not '" +
                               std::string(value) + "'");
        }
        Settings& settings = options.settings;
        if (arg == "--host") {
            options.host = value;
        } else if (arg == "--port") {
            if (!parse_number(value, options.port)) {
                usage(argv[0],
                      "--port needs a number from 0 to 65535, not '" + std::string(value) + "'");
            }
        } else if (arg == "--async-ms") {
            if (!parse_number(value, options.async_ms)) {
                usage(argv[0], "--async-ms needs a number of milliseconds, not '" +
                                   std::string(value) + "'");
            }
        } else if (arg == "--max-body") {
            if (!parse_number(value, settings.max_body)) {
                usage(argv[0],
                      "--max-body needs a number of bytes, not '" + std::string(value) + "'");
            }
        } else if (arg == "--header-timeout-ms") {
            settings.header_timeout = std::chrono::milliseconds(milliseconds);
        } else if (arg == "--idle-timeout-ms") {
            settings.idle_timeout = std::chrono::milliseconds(milliseconds);
        } else if (arg == "--send-timeout-ms") {
            settings.send_timeout = std::chrono::milliseconds(milliseconds);
        } else if (arg == "--linger-limit-ms") {
            settings.linger_limit = std::chrono::milliseconds(milliseconds);
        } else if (arg == "--max-connections") {
            if (!parse_number(value, settings.max_connections)) {
                usage(argv[0], "--max-connections needs a number of connections, not '" +
                                   std::string(value) + "'");
            }
        } else {
            usage(argv[0], "unknown option " + std::string(arg));
        }
    }
    return options;
}
