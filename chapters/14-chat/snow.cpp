#include "snow.hpp"

#include <exception>
#include <iostream>

#include "listener.hpp"
#include "server.hpp"
#include "stop_signal.hpp"

int Snow::run(const std::string& host, std::uint16_t port) {
    try {
        install_stop_handlers();
        Fd listener = listen_on(host, port);
        std::uint16_t bound_port = local_port(listener);
        Server server(std::move(listener), router_, settings_);
        // Tests and scripts wait for this line: print it once the server is whole (it now opens
        // an eventfd), and flush it now, not when the buffer fills.
        std::cout << "listening on " << host << ":" << bound_port << std::endl;
        server.run();
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "snow: " << error.what() << "\n";
        return 1;
    }
}
