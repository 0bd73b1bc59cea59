// ch03-echo: an echo server for many clients on one thread, that never loses a byte: what a
// client cannot take yet waits in that connection's output buffer. With --max-line N (exercise
// 03.2) it echoes whole lines, and closes a client whose line grows past N bytes.
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
        Server server(std::move(listener), options.max_line);
        server.run();
        return 0;
    } catch (const std::exception& error) {
        std::cerr << argv[0] << ": " << error.what() << "\n";
        return 1;
    }
}
