// A server written to the learner-mode contract in docs/README.md, and to nothing more: it takes
// --host and --port, prints its "listening on H:N" line, exits 0 on SIGINT and SIGTERM, 2 on a
// bad command line, 1 when it cannot listen. It speaks nothing: it accepts and closes. The book's
// tests run chapter 01's server tests against it (kit/contract/...), so a check that asks for
// more than the contract says fails here, not in a reader's hands.
#include <netdb.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

[[noreturn]] void bad_usage(const std::string& problem) {
    std::fprintf(stderr, "contract_server: %s\nusage: contract_server [--host H] [--port N]\n",
                 problem.c_str());
    std::exit(2);
}

[[noreturn]] void cannot_listen(const std::string& problem) {
    std::fprintf(stderr, "contract_server: %s\n", problem.c_str());
    std::exit(1);
}

// _exit() is safe in a signal handler, and the kernel closes every socket.
void stop(int) {
    ::_exit(0);
}

}  // namespace

int main(int argc, char** argv) {
    std::string host = "127.0.0.1";
    std::string port = "8012";
    for (int i = 1; i < argc; i += 2) {
        std::string option = argv[i];
        if (option != "--host" && option != "--port") bad_usage("unknown option " + option);
        if (i + 1 == argc) bad_usage(option + " needs a value");
        (option == "--host" ? host : port) = argv[i + 1];
    }
    char* end = nullptr;
    long number = std::strtol(port.c_str(), &end, 10);
    if (port.empty() || *end != '\0' || number < 0 || number > 65535 || port[0] == '-') {
        bad_usage("--port needs a number from 0 to 65535, not '" + port + "'");
    }
    struct sigaction action {};
    action.sa_handler = stop;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);

    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* address = nullptr;
    if (int error = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &address); error != 0) {
        cannot_listen("cannot resolve host '" + host + "': " + ::gai_strerror(error));
    }
    int listener = ::socket(address->ai_family, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(listener, address->ai_addr, address->ai_addrlen) != 0) {
        cannot_listen(std::string("bind: ") + std::strerror(errno));
    }
    ::freeaddrinfo(address);
    if (::listen(listener, SOMAXCONN) != 0)
        cannot_listen(std::string("listen: ") + std::strerror(errno));
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&bound), &length);
    char service[16];
    ::getnameinfo(reinterpret_cast<sockaddr*>(&bound), length, nullptr, 0, service, sizeof service,
                  NI_NUMERICSERV);
    std::printf("listening on %s:%s\n", host.c_str(), service);
    std::fflush(stdout);  // stdout to a pipe is fully buffered: the tests wait for this line
    for (;;) {
        int client = ::accept(listener, nullptr, nullptr);
        if (client >= 0) ::close(client);
    }
}
