// bench-free-port: prints a TCP port on 127.0.0.1 that is free now, for a server that cannot
// be told "--port 0" (nginx). The kernel picks it; another program could take it before the
// server binds it, but on a machine running one benchmark that race is not a real risk.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <iostream>

#include "connect.hpp"
#include "fd.hpp"

int main() {
    Fd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in address = loopback_address(0);  // port 0: any free one
    socklen_t length = sizeof address;
    if (!socket || ::bind(socket.get(), reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        std::cerr << "bench-free-port: cannot bind a socket on 127.0.0.1\n";
        return 1;
    }
    std::cout << ntohs(address.sin_port) << "\n";
    return 0;
}
