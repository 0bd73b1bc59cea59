// Exercise 10.1 (docs/exercises/10-limits-and-errors.md): a per-client request rate limit. With
// --rate-limit N each client address may make N requests per second, over all its connections:
// its window opens at its first request after the last one closed and lasts one second. A
// request past the limit is answered 429 Too Many Requests with "Retry-After: 1", its handler
// does not run, and the connection stays open. Without the option there is no limit.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

// Passes if `response` is the refusal the exercise asks for.
testing::AssertionResult refused(const Response& response) {
    if (response.status == 429 && response.header("Retry-After") == "1")
        return testing::AssertionSuccess();
    return testing::AssertionFailure()
           << "wanted 429 with \"Retry-After: 1\"\n"
           << describe(response)
           << (response.header("Retry-After") ? ", Retry-After: " + *response.header("Retry-After")
                                              : ", no Retry-After");
}

// The status line of the answer to GET /index/ sent from the address 127.0.0.2: another client,
// as far as the server can tell (Linux routes all of 127.0.0.0/8 to the loopback).
std::string status_line_from_another_address(std::uint16_t port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    ::inet_pton(AF_INET, "127.0.0.2", &address.sin_addr);
    std::string got;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
        ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
        address.sin_port = htons(port);
        std::string request = get("/index/");
        if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
            ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) > 0) {
            pollfd ready{fd, POLLIN, 0};
            char buffer[512];
            while (got.find("\r\n") == std::string::npos && ::poll(&ready, 1, 5000) == 1) {
                ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
                if (n <= 0) break;
                got.append(buffer, static_cast<std::size_t>(n));
            }
        }
    }
    ::close(fd);
    return got.substr(0, got.find("\r\n"));
}

}  // namespace

EXERCISE_TEST(Ex10_1, AnswersPastTheLimitWith429, fails_with("unknown option --rate-limit")) {
    ServerProcess server({"--rate-limit", "3"});
    Client client(server.port());
    for (int i = 1; i <= 5; ++i) {
        ASSERT_TRUE(client.send(get("/index/"))) << "request " << i << ": the server closed";
        Response response = read_response(client);
        if (i <= 3) {
            EXPECT_TRUE(answered(response, 200, "OK")) << "request " << i << " of 3 allowed";
        } else {
            EXPECT_TRUE(refused(response)) << "request " << i << ", past the 3 allowed";
        }
    }
}

EXERCISE_TEST(Ex10_1, CountsEveryConnectionOfTheClient, fails_with("unknown option --rate-limit")) {
    ServerProcess server({"--rate-limit", "3"});
    for (int i = 1; i <= 3; ++i)
        EXPECT_TRUE(answered(round_trip(server.port(), get("/index/")), 200, "OK"))
            << "request " << i << ", on a connection of its own";
    EXPECT_TRUE(refused(round_trip(server.port(), get("/index/"))))
        << "the 4th request, on a 4th connection";
}

EXERCISE_TEST(Ex10_1, ServesAgainWhenTheSecondIsOver, fails_with("unknown option --rate-limit")) {
    ServerProcess server({"--rate-limit", "2"});
    Client client(server.port());
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(client.send(get("/index/")));
    read_response(client);
    read_response(client);
    ASSERT_TRUE(refused(read_response(client))) << "the 3rd of 3 pipelined requests";
    std::this_thread::sleep_for(1100ms);
    ASSERT_TRUE(client.send(get("/index/")));
    EXPECT_TRUE(answered(read_response(client), 200, "OK"))
        << "a request 1.1 s after the refusal, on the same connection";
}

// The handler of a refused request does not run: a refused /req/ parks nothing.
EXERCISE_TEST(Ex10_1, ARefusedRequestRunsNoHandler, fails_with("unknown option --rate-limit")) {
    ServerProcess server({"--rate-limit", "1"});
    Client client(server.port());
    ASSERT_TRUE(client.send(get("/index/") + get("/req/")));
    EXPECT_TRUE(answered(read_response(client), 200, "OK"));
    EXPECT_TRUE(refused(read_response(client, false, 2s)))
        << "GET /req/ past the limit: refused at once, not parked";
}

EXERCISE_TEST(Ex10_1, CountsEachAddressApart, fails_with("unknown option --rate-limit")) {
    ServerProcess server({"--rate-limit", "1"});
    ASSERT_TRUE(answered(round_trip(server.port(), get("/index/")), 200, "OK"));
    ASSERT_TRUE(refused(round_trip(server.port(), get("/index/")))) << "from 127.0.0.1, again";
    EXPECT_EQ(status_line_from_another_address(server.port()), "HTTP/1.1 200 OK")
        << "GET /index/ from 127.0.0.2, after 127.0.0.1 used its one request";
}
