// ch02-echo: an echo server that serves many clients at once, on one thread, with select().
// With --max-clients N (exercise 02.2) a client past the N it serves is told "busy" and closed.
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
        Server server(std::move(listener), options.max_clients);
        server.run();
        return 0;
    } catch (const std::exception& error) {
        std::cerr << argv[0] << ": " << error.what() << "\n";
        return 1;
    }
}
