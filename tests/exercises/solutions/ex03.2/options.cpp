#include "options.hpp"

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <string_view>

namespace {

[[noreturn]] void usage(const char* program, std::string_view problem) {
    std::ostream& out = problem.empty() ? std::cout : std::cerr;
    if (!problem.empty()) out << program << ": " << problem << "\n";
    out << "usage: " << program << " [--host H] [--port N] [--max-line N]\n"
        << "  --host H      address to listen on (default 127.0.0.1)\n"
        << "  --port N      port to listen on, 0 for any free port (default 8012)\n"
        << "  --max-line N  echo whole lines; close on one over N bytes (default: echo bytes)\n";
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
        if (arg != "--host" && arg != "--port" && arg != "--max-line")
            usage(argv[0], "unknown option " + std::string(arg));
        if (i + 1 == argc) usage(argv[0], std::string(arg) + " needs a value");
        std::string_view value = argv[++i];
        if (arg == "--host") {
            options.host = value;
        } else if (arg == "--max-line") {
            if (!parse_number(value, options.max_line) || options.max_line == 0) {
                usage(argv[0], "--max-line needs a number of bytes, at least 1, not '" +
                                   std::string(value) + "'");
            }
        } else if (!parse_number(value, options.port)) {
            usage(argv[0],
                  "--port needs a number from 0 to 65535, not '" + std::string(value) + "'");
        }
    }
    return options;
}
