// ch05-http: the HTTP echo server of chapter 04, now answering like a real HTTP/1.1 server:
// a status line, Content-Length, Date and Connection on every answer, connections kept open
// for the next request, pipelined requests answered in order, HEAD without a body.
#include <exception>
#include <iostream>

#include "fd.hpp"
#include "listener.hpp"
#include "options.hpp"
#include "server.hpp"
#include "stop_signal.hpp"

int main(int argc, char** argv) {
    Options options = parse_options(argc, argv);
    try {
        install_stop_handlers();
        Fd listener = listen_on(options.host, options.port);
        // Tests and scripts wait for this line: flush it now, not when the buffer fills.
        std::cout << "listening on " << options.host << ":" << local_port(listener) << std::endl;
        Server server(std::move(listener), options.max_requests);
        server.run();
        return 0;
    } catch (const std::exception& error) {
        std::cerr << argv[0] << ": " << error.what() << "\n";
        return 1;
    }
}
