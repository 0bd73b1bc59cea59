// The echo servers of chapters 01-03: every byte a client sends comes back to that client.
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "behaviour.hpp"
#include "client.hpp"
#include "shims.hpp"
#include "server_process.hpp"
#include "tally.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

namespace {

// `size` bytes that are not all alike, so a lost, repeated or reordered piece shows.
std::string pattern(std::size_t size) {
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        bytes[i] = static_cast<char>('a' + (i * 7 + i / 4096) % 26);
    return bytes;
}

// One round trip on a fresh connection; passes if the bytes came back within `timeout`.
testing::AssertionResult echoes(std::uint16_t port, const std::string& message,
                                std::chrono::milliseconds timeout) {
    Client client(port);
    if (!client.send(message)) return testing::AssertionFailure() << "could not send";
    std::string echo = client.read_exactly(message.size(), timeout);
    if (echo == message) return testing::AssertionSuccess();
    return testing::AssertionFailure()
           << "sent " << visible(message) << " on a new connection, got back "
           << (echo.empty() ? "nothing" : visible(echo))
           << (client.closed() ? ", then the server closed it"
                               : " within " + std::to_string(timeout.count()) + " ms");
}

}  // namespace

SNOW_TEST(Echo, SendsBackWhatItReceives, since(1)) {
    ServerProcess server;
    Client client(server.port());
    ASSERT_TRUE(client.send("hello, snow\n"));
    EXPECT_EQ(client.read_exactly(12), "hello, snow\n");
}

SNOW_TEST(Echo, ServesOneConnectionForManyMessages, since(1)) {
    ServerProcess server;
    Client client(server.port());
    for (int i = 0; i < 50; ++i) {
        std::string message = "message " + std::to_string(i) + "\n";
        ASSERT_TRUE(client.send(message));
        ASSERT_EQ(client.read_exactly(message.size()), message);
    }
}

SNOW_TEST(Echo, ServesClientsOneAfterAnother, since(1)) {
    ServerProcess server;
    for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(echoes(server.port(), "again\n", 2s));
}

SNOW_TEST(Echo, EchoesBytesSentOneAtATime, since(1)) {
    ServerProcess server;
    Client client(server.port());
    std::string message = "one byte at a time";
    for (char byte : message) {
        ASSERT_TRUE(client.send(std::string(1, byte)));
        std::this_thread::sleep_for(1ms);  // each byte its own TCP segment, its own recv()
    }
    EXPECT_EQ(client.read_exactly(message.size()), message);
}

// A client may say "I will send nothing more" (shutdown) and still wait for its answer.
SNOW_TEST(Echo, AnswersAClientThatHalfClosed, since(1)) {
    ServerProcess server;
    Client client(server.port());
    std::string message = pattern(20'000);
    ASSERT_TRUE(client.send(message));
    client.shut_down_writing();
    EXPECT_EQ(client.read_until_close(), message);
}

SNOW_TEST(Echo, SurvivesAClientThatDisconnectsMidWrite, since(1)) {
    ServerProcess server;
    {
        Client rude(server.port());
        ASSERT_TRUE(rude.send(pattern(1 << 20)));  // 1 MiB, and it reads none of the echo
        rude.close_with_reset();                   // the server's writes now fail: EPIPE/ECONNRESET
    }
    std::this_thread::sleep_for(100ms);
    ASSERT_TRUE(server.running());
    EXPECT_TRUE(echoes(server.port(), "still here\n", 5s));
}

// Chapter 01's flaw: it serves one client at a time. A second client connects (the kernel
// accepts the connection for us) but nobody reads what it sends until the first one leaves.
SNOW_TEST(Echo, ServesASecondClientWhileTheFirstStaysConnected, since(1), fixed_in(2)) {
    ServerProcess server;
    Client first(server.port());
    ASSERT_TRUE(first.send("first\n"));
    ASSERT_EQ(first.read_exactly(6), "first\n");
    EXPECT_TRUE(echoes(server.port(), "second\n", 1s));
}

SNOW_TEST(Echo, ServesTwoClientsTakingTurns, since(2)) {
    ServerProcess server;
    Client a(server.port());
    Client b(server.port());
    for (int turn = 0; turn < 20; ++turn) {
        std::string to_a = "a" + std::to_string(turn) + "\n";
        std::string to_b = "b" + std::to_string(turn) + "\n";
        ASSERT_TRUE(a.send(to_a));
        ASSERT_TRUE(b.send(to_b));
        ASSERT_EQ(b.read_exactly(to_b.size(), 2s), to_b);
        ASSERT_EQ(a.read_exactly(to_a.size(), 2s), to_a);
    }
}

SNOW_TEST(Echo, Serves100ClientsAtOnceEachItsOwnBytes, since(2)) {
    ServerProcess server;
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 100; ++i)
        clients.push_back(std::make_unique<Client>(server.port()));
    for (int i = 0; i < 100; ++i)
        ASSERT_TRUE(clients[i]->send("client " + std::to_string(i) + "\n"));
    Countdown limit(5s);  // for all of them: a server that serves one at a time fails in 5 s
    Tally echoed("each client's bytes back within 5 s");
    for (int i = 99; i >= 0; --i) {
        std::string expected = "client " + std::to_string(i) + "\n";
        std::string echo = clients[i]->read_exactly(expected.size(), limit.left());
        echoed.add(echo == expected, "client " + std::to_string(i) + " sent " + visible(expected) +
                                         " and got " + visible(echo));
    }
    EXPECT_TRUE(echoed.all_passed());
}

SNOW_TEST(Echo, ASilentClientBlocksNobody, since(2)) {
    ServerProcess server;
    Client silent(server.port());  // connects and sends nothing, ever
    std::this_thread::sleep_for(50ms);
    EXPECT_TRUE(echoes(server.port(), "not blocked\n", 1s));
}

// The seed's sendall() bug: a client that reads slowly fills the socket's send buffer, and a
// server that then blocks on it (chapter 01) stops everyone, while one that ignores a short send
// (chapter 02) loses bytes. From chapter 03 the rest waits in the connection's output buffer.
SNOW_TEST(Echo, EchoesFourMegabytesToASlowReaderWhileServingOthers, since(1), fixed_in(3)) {
    ServerProcess server;
    Client slow(server.port());
    slow.set_receive_buffer(16 * 1024);
    const std::string message = pattern(4 << 20);
    std::atomic<bool> all_sent = false;
    std::thread sender([&] {
        all_sent = slow.send(message);
        slow.shut_down_writing();
    });
    std::this_thread::sleep_for(300ms);  // the slow client reads nothing yet: buffers fill up
    auto start = Clock::now();
    bool other_served = echoes(server.port(), "me too\n", 2s);
    auto waited = Clock::now() - start;
    std::string received;
    while (received.size() < message.size()) {  // now read, a little at a time
        std::string piece = slow.read_exactly(64 * 1024, 10s);
        if (piece.empty()) break;
        received += piece;
    }
    sender.join();
    EXPECT_TRUE(other_served);
    EXPECT_LT(waited, 1s) << "the other client waited on the slow one";
    EXPECT_TRUE(all_sent);
    EXPECT_EQ(received.size(), message.size());
    EXPECT_TRUE(received == message) << "the echo came back altered";
}

// accept(2) passes on a network error pending on a queued connection (EPROTO, ENETDOWN...), to
// be treated like EAGAIN: that client is lost, the next is served. It used to throw, and the
// server ended. Here a shim makes the first two accepts fail.
SNOW_TEST(Echo, GoesOnAfterAnAcceptFails, since(1)) {
    if (!FailingAccepts::possible())
        GTEST_SKIP() << "LD_PRELOAD does not mix with AddressSanitizer";
    std::optional<ServerProcess> server;
    {
        FailingAccepts failing(2);
        server.emplace();
    }
    EXPECT_TRUE(echoes(server->port(), "still here\n", 2s));
    EXPECT_TRUE(server->running());
    EXPECT_NE(server->error_output().find("accept"), std::string::npos)
        << "no line on stderr about the failed accept";
}
