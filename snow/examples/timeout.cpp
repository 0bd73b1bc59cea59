// timeout: the seed's timeout example as a program (see timeout.hpp for its routes).
#include "timeout.hpp"
#include "command_line.hpp"

int main(int argc, char** argv) {
    CommandLine line = parse_command_line(argc, argv);
    snow::Snow app(timeout_routes(line.async_delay), line.settings);
    return app.run(line.host, line.port);
}
