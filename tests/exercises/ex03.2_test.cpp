// Exercise 03.2 (docs/exercises/03-buffers.md): a cap on a line. With --max-line N, ch03-echo
// echoes whole lines: each once its '\n' has come, however TCP cut it. A line longer than N bytes
// (not counting its '\n') is not echoed: the client gets "line too long\n" after the lines before
// it, and the close once that is sent, as soon as more than N bytes of the line have come, ended
// or not. Other clients go on being served. Without the option the echo is as in the chapter.
#include <string>
#include <thread>

#include "client.hpp"
#include "echoes.hpp"
#include "exercise.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

// Passes if `client` gets exactly `wanted` and then the close within 2 s; `sent` says what it sent.
testing::AssertionResult refused(Client& client, const std::string& sent, std::string_view wanted) {
    std::string got = client.read_until_close(2s);
    if (got == wanted && client.closed()) return testing::AssertionSuccess();
    return testing::AssertionFailure()
           << "sent " << sent << " with --max-line 10; wanted " << visible(wanted)
           << " and the close within 2 s, got " << (got.empty() ? "nothing" : visible(got))
           << (client.closed() ? ", then the close" : ", and the connection stayed open");
}

}  // namespace

// A line of exactly N bytes is echoed, and so is one that comes in two pieces.
EXERCISE_TEST(Ex03_2, EchoesLinesUpToN, fails_with("unknown option --max-line")) {
    ServerProcess server({"--max-line", "10"});
    Client client(server.port());
    ASSERT_TRUE(echoes(client, "short\n"));
    ASSERT_TRUE(echoes(client, "0123456789\n")) << "a line of 10 bytes, with --max-line 10";
    ASSERT_TRUE(client.send("01234"));
    std::this_thread::sleep_for(100ms);  // the server reads the first piece alone
    ASSERT_TRUE(client.send("56789\n"));
    std::string got = client.read_exactly(11, 2s);
    EXPECT_EQ(got, "0123456789\n") << "sent \"01234\", then 100 ms later \"56789\\n\"; wanted "
                                   << "the line back within 2 s, got " << visible(got);
}

EXERCISE_TEST(Ex03_2, RefusesALongerLine, fails_with("unknown option --max-line")) {
    ServerProcess server({"--max-line", "10"});
    Client other(server.port());
    ASSERT_TRUE(echoes(other, "other\n"));
    Client client(server.port());
    std::string sent = "hello\n0123456789a\nafter\n";  // the second line is 11 bytes
    ASSERT_TRUE(client.send(sent));
    EXPECT_TRUE(refused(client, visible(sent), "hello\nline too long\n"));
    EXPECT_TRUE(echoes(other, "still here\n")) << "another client, after the refusal";
}

// The count goes on across reads: two pieces of 7 bytes, neither too long alone, make one line
// of 14, which is refused before its '\n' comes.
EXERCISE_TEST(Ex03_2, RefusesALineThatHasNotEndedYet, fails_with("unknown option --max-line")) {
    ServerProcess server({"--max-line", "10"});
    Client client(server.port());
    ASSERT_TRUE(client.send("0123456"));
    std::this_thread::sleep_for(100ms);  // the server reads the first piece alone
    ASSERT_TRUE(client.send("789abcd"));
    EXPECT_TRUE(refused(client, "\"0123456\", then 100 ms later \"789abcd\"", "line too long\n"));
}
