// Exercise 02.1 (docs/exercises/02-select-loop.md): a per-client byte counter. When a client's
// connection ends, the echo server writes one line to stderr,
//     client 54012 sent 1234 bytes
// 54012 being the client's own port (the server sees it in accept()'s peer address) and 1234
// every byte it received on that connection.
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "client.hpp"
#include "exercise.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

// The client's own port: what the server's line must name.
std::uint16_t own_port(const Client& client) {
    sockaddr_in address{};
    socklen_t size = sizeof address;
    ::getsockname(client.fd(), reinterpret_cast<sockaddr*>(&address), &size);
    return ntohs(address.sin_port);
}

// Waits up to 2 s for `line` on the server's stderr; says what was there if it did not come.
testing::AssertionResult wrote_line(const ServerProcess& server, const std::string& line) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    std::string err;
    while (std::chrono::steady_clock::now() < until) {
        err = server.error_output();
        if (err.find(line + "\n") != std::string::npos) return testing::AssertionSuccess();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return testing::AssertionFailure()
           << "expected the line \"" << line << "\" on the server's stderr within 2 s of the "
           << "client closing; its stderr holds " << (err.empty() ? "nothing" : visible(err, 400));
}

}  // namespace

EXERCISE_TEST(Ex02_1, CountsTheBytesOfOneClient, fails_with("on the server's stderr within 2 s")) {
    ServerProcess server;
    std::string line;
    {
        Client client(server.port());
        std::uint16_t port = own_port(client);
        std::size_t total = 0;
        for (const std::string& message :
             {std::string("hello\n"), std::string("snow\n"), std::string(3000, 'x')}) {
            ASSERT_TRUE(client.send(message));
            ASSERT_EQ(client.read_exactly(message.size()).size(), message.size());
            total += message.size();
        }
        line = "client " + std::to_string(port) + " sent " + std::to_string(total) + " bytes";
    }  // closes the connection
    EXPECT_TRUE(wrote_line(server, line));
}

EXERCISE_TEST(Ex02_1, CountsEachClientApart, fails_with("on the server's stderr within 2 s")) {
    ServerProcess server;
    std::vector<std::unique_ptr<Client>> clients;
    std::vector<std::string> lines;
    for (std::size_t i = 1; i <= 3; ++i) {
        clients.push_back(std::make_unique<Client>(server.port()));
        std::string message(i * 100, 'a');
        ASSERT_TRUE(clients.back()->send(message));
        ASSERT_EQ(clients.back()->read_exactly(message.size()).size(), message.size());
        lines.push_back("client " + std::to_string(own_port(*clients.back())) + " sent " +
                        std::to_string(message.size()) + " bytes");
    }
    clients.clear();  // all three close, the last one first
    for (const std::string& line : lines)
        EXPECT_TRUE(wrote_line(server, line));
}

EXERCISE_TEST(Ex02_1, CountsAClientThatSentNothing,
              fails_with("on the server's stderr within 2 s")) {
    ServerProcess server;
    std::string line;
    {
        Client client(server.port());
        line = "client " + std::to_string(own_port(client)) + " sent 0 bytes";
        // A round trip on another connection: by then the server has accepted this one.
        Client other(server.port());
        ASSERT_TRUE(other.send("x"));
        ASSERT_EQ(other.read_exactly(1), "x");
    }
    EXPECT_TRUE(wrote_line(server, line));
}
