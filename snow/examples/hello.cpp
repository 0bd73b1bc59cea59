// hello: the seed's hello example as a program (see hello.hpp for its routes).
#include "hello.hpp"
#include "command_line.hpp"

int main(int argc, char** argv) {
    CommandLine line = parse_command_line(argc, argv);
    snow::Snow app(hello_routes(), line.settings);
    return app.run(line.host, line.port);
}
