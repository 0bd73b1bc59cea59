#include "options.hpp"

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <string_view>

namespace {

[[noreturn]] void usage(const char* program, std::string_view problem) {
    std::ostream& out = problem.empty() ? std::cout : std::cerr;
    if (!problem.empty()) out << program << ": " << problem << "\n";
    out << "usage: " << program << " [--host H] [--port N] [--reverse-lines]\n"
        << "  --host H         address to listen on (default 127.0.0.1)\n"
        << "  --port N         port to listen on, 0 for any free port (default 8012)\n"
        << "  --reverse-lines  send back each whole line reversed, not each byte as it comes\n";
    std::exit(problem.empty() ? 0 : 2);
}

// A port is a whole number from 0 to 65535, nothing else: "80x" and "-1" are mistakes.
bool parse_port(std::string_view text, std::uint16_t& port) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
    return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") usage(argv[0], "");
        if (arg == "--reverse-lines") {  // exercise 03.1: the one option without a value
            options.reverse_lines = true;
            continue;
        }
        if (arg != "--host" && arg != "--port")
            usage(argv[0], "unknown option " + std::string(arg));
        if (i + 1 == argc) usage(argv[0], std::string(arg) + " needs a value");
        std::string_view value = argv[++i];
        if (arg == "--host") {
            options.host = value;
        } else if (!parse_port(value, options.port)) {
            usage(argv[0],
                  "--port needs a number from 0 to 65535, not '" + std::string(value) + "'");
        }
    }
    return options;
}
