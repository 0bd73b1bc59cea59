// chat: Tornado's chat demo (see chat.hpp for its routes). The page is chat/index.html, served
// from --root, which defaults to that folder in the source tree.
#include <exception>
#include <iostream>

#include "chat.hpp"
#include "command_line.hpp"

int main(int argc, char** argv) {
    CommandLine defaults;
    defaults.root = CHAT_ROOT;  // set by CMakeLists.txt
    CommandLine line = parse_command_line(argc, argv, defaults);
    try {
        snow::Snow app(chat_routes(line.root, line.poll_timeout), line.settings);
        return app.run(line.host, line.port);
    } catch (const std::exception& error) {  // a root that is not a folder
        std::cerr << argv[0] << ": " << error.what() << "\n";
        return 2;
    }
}
