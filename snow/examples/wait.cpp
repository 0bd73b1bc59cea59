// wait: the seed's wait example as a program (see wait.hpp for its routes).
#include "wait.hpp"
#include "command_line.hpp"

int main(int argc, char** argv) {
    CommandLine line = parse_command_line(argc, argv);
    snow::Snow app(wait_routes(), line.settings);
    return app.run(line.host, line.port);
}
