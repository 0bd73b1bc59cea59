// Exercise 01.2 (docs/exercises/01-blocking-echo.md): a byte allowance. With --max-bytes N,
// ch01-echo echoes at most N bytes on each connection, counted over all of its messages: the
// bytes past the N-th are not sent back, and once N have gone the server closes the connection
// at once, without waiting for more, and the next client gets its turn. Each connection starts
// with an allowance of its own. Without the option there is no cap, as in the chapter.
#include <string>

#include "client.hpp"
#include "echoes.hpp"
#include "exercise.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

// Passes if the server closes `client` within 2 s, having sent nothing more.
testing::AssertionResult closed_at_once(Client& client, std::string_view echoed) {
    std::string more = client.read_until_close(2s);
    if (more.empty() && client.closed()) return testing::AssertionSuccess();
    return testing::AssertionFailure()
           << "after " << echoed.size() << " bytes echoed with --max-bytes 10 (" << visible(echoed)
           << "), wanted the close within 2 s; got " << (more.empty() ? "nothing" : visible(more))
           << (client.closed() ? ", then the close" : ", and the connection stayed open");
}

}  // namespace

// 6 bytes, then 5 more: only 4 of them fit in the 10, and the close follows them.
EXERCISE_TEST(Ex01_2, EchoesOnlyTheFirstNBytes, fails_with("unknown option --max-bytes")) {
    ServerProcess server({"--max-bytes", "10"});
    Client client(server.port());
    ASSERT_TRUE(echoes(client, "hello\n"));
    ASSERT_TRUE(client.send("snow\n"));
    std::string got = client.read_until_close(2s);
    EXPECT_TRUE(got == "snow" && client.closed())
        << "sent \"hello\\n\", got it back, then sent \"snow\\n\" with --max-bytes 10; wanted "
        << "\"snow\" and the close within 2 s, got " << visible(got)
        << (client.closed() ? ", then the close" : ", and the connection stayed open");
}

// A client that has had its N bytes and stays connected must not hold the server: the next
// client, waiting in the queue meanwhile, is served.
EXERCISE_TEST(Ex01_2, ClosesAtNWithoutWaitingForMore, fails_with("unknown option --max-bytes")) {
    ServerProcess server({"--max-bytes", "10"});
    Client first(server.port());
    ASSERT_TRUE(echoes(first, "0123456789"));
    Client next(server.port());
    EXPECT_TRUE(closed_at_once(first, "0123456789"));
    EXPECT_TRUE(echoes(next, "next\n")) << "a second client, while the first stays connected";
}

EXERCISE_TEST(Ex01_2, GivesEachClientItsOwnN, fails_with("unknown option --max-bytes")) {
    ServerProcess server({"--max-bytes", "10"});
    for (int i = 1; i <= 3; ++i) {
        Client client(server.port());
        ASSERT_TRUE(echoes(client, "abcde")) << "client " << i << ", its first 5 bytes";
        ASSERT_TRUE(echoes(client, "fghij")) << "client " << i << ", its next 5 bytes";
        EXPECT_TRUE(closed_at_once(client, "abcdefghij")) << "client " << i;
    }
}
