// Exercise 03.1 (docs/exercises/03-buffers.md): an echo of whole lines, reversed. With
// --reverse-lines, ch03-echo sends back each line ("hello\n") reversed ("olleh\n"), once its '\n'
// has come; the start of a line waits in the input buffer until the rest arrives, however TCP
// cut it. Without the option it echoes every byte as before.
#include <string>

#include "client.hpp"
#include "exercise.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

// Passes if the next bytes on `client` are `wanted`; else says what was sent and what came.
testing::AssertionResult answers(Client& client, std::string_view sent, std::string_view wanted) {
    std::string got = client.read_exactly(wanted.size(), 2s);
    if (got == wanted) return testing::AssertionSuccess();
    return testing::AssertionFailure() << "sent " << visible(sent) << ", wanted back "
                                       << visible(wanted) << ", got " << visible(got);
}

// Passes if nothing comes back on `client` within 200 ms: the server waits for the line's end.
testing::AssertionResult answers_nothing_yet(Client& client, std::string_view sent) {
    std::string got = client.read_exactly(1, 200ms);
    if (got.empty()) return testing::AssertionSuccess();
    return testing::AssertionFailure()
           << "sent " << visible(sent) << " (no end of line yet), wanted nothing back, got "
           << visible(got + client.read_exactly(100, 100ms));
}

}  // namespace

EXERCISE_TEST(Ex03_1, SendsEachLineBackReversed, fails_with("unknown option --reverse-lines")) {
    ServerProcess server({"--reverse-lines"});
    Client client(server.port());
    ASSERT_TRUE(client.send("hello\nworld\n\n"));
    EXPECT_TRUE(answers(client, "hello\nworld\n\n", "olleh\ndlrow\n\n"));
}

EXERCISE_TEST(Ex03_1, WaitsForTheEndOfALine, fails_with("unknown option --reverse-lines")) {
    ServerProcess server({"--reverse-lines"});
    Client client(server.port());
    ASSERT_TRUE(client.send("hel"));
    ASSERT_TRUE(answers_nothing_yet(client, "hel"));
    ASSERT_TRUE(client.send("lo\n"));
    EXPECT_TRUE(answers(client, "hel, then lo\n", "olleh\n"));
}

EXERCISE_TEST(Ex03_1, KeepsTheStartOfTheNextLine, fails_with("unknown option --reverse-lines")) {
    ServerProcess server({"--reverse-lines"});
    Client client(server.port());
    ASSERT_TRUE(client.send("abc\nde"));
    ASSERT_TRUE(answers(client, "abc\nde", "cba\n"));
    ASSERT_TRUE(answers_nothing_yet(client, "abc\nde"));
    ASSERT_TRUE(client.send("f\n"));
    EXPECT_TRUE(answers(client, "abc\nde, then f\n", "fed\n"));
}
