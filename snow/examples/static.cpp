// static: serves the files of a folder (--root DIR, default .): GET /static/PATH answers the
// file PATH under it, GET / its index.html.
#include <exception>
#include <iostream>

#include "command_line.hpp"

#include <snow/snow.hpp>

int main(int argc, char** argv) {
    CommandLine line = parse_command_line(argc, argv);
    try {
        snow::StaticFiles files(line.root);
        snow::Snow app({{"GET", R"(^/static/(.*)$)", files}, {"GET", R"(^/$)", files}},
                       line.settings);
        return app.run(line.host, line.port);
    } catch (const std::exception& error) {  // a root that is not a folder
        std::cerr << argv[0] << ": " << error.what() << "\n";
        return 2;
    }
}
