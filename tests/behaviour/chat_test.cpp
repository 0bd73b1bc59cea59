// The chat (chapter 14 on, and snow/'s `chat` example). Clients post messages and long-poll for
// the ones after their cursor; many parked polls share one future, which the next message
// resolves, and a poll that nothing answers gets [] after --poll-timeout-ms.
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"
#include "server_process.hpp"
#include "tally.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

namespace {

// `text` as a form's value: every byte but a letter or digit as %XX.
std::string form_encoded(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte)) {
            out += c;
        } else {
            out += {'%', hex[byte >> 4], hex[byte & 0xf]};
        }
    }
    return out;
}

// POST /a/message/new with the form body `form` ("body=...").
std::string post_form(std::string_view form) {
    return "POST /a/message/new HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
           std::to_string(form.size()) + "\r\n\r\n" + std::string(form);
}
std::string new_message(std::string_view body) {
    return post_form("body=" + form_encoded(body));
}

std::string updates(std::string_view cursor) {
    return post("/a/message/updates?cursor=" + std::string(cursor), "");
}

// Starts `count` clients that each poll from `cursor`, and gives the server a moment to park
// them all.
std::vector<std::unique_ptr<Client>> park_pollers(std::uint16_t port, int count,
                                                  std::string_view cursor = "0") {
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < count; ++i) {
        clients.push_back(std::make_unique<Client>(port));
        EXPECT_TRUE(clients.back()->send(updates(cursor))) << "poller " << i;
    }
    std::this_thread::sleep_for(300ms);
    return clients;
}

// Checks that every client still here (not null) reads `expected`, as one report.
testing::AssertionResult all_answered(const std::vector<std::unique_ptr<Client>>& clients,
                                      const std::string& expected) {
    Tally tally("pollers answered " + expected);
    Countdown countdown(5s);
    for (std::size_t i = 0; i < clients.size(); ++i) {
        if (!clients[i]) continue;
        tally.add(answered(read_response(*clients[i], false, countdown.left()), 200, expected),
                  "poller " + std::to_string(i));
    }
    return tally.all_passed();
}

// The server still takes a message and answers a poll: no client's mistake or departure is
// another's problem. (chat has no /index/ for expect_still_serving().)
void expect_chat_still_serving(std::uint16_t port) {
    Response posted = round_trip(port, new_message("still here"));
    ASSERT_EQ(posted.status, 200) << describe(posted);
    std::string id = posted.body.substr(6, posted.body.find(',') - 6);  // {"id":N,...
    std::string cursor = std::to_string(std::stoull(id) - 1);
    EXPECT_TRUE(answered(round_trip(port, updates(cursor)), 200, "[" + posted.body + "]"));
}

}  // namespace

SNOW_TEST(Chat, APostAnswersTheMessageAsJson, since(14)) {
    ServerProcess server;
    Response response = round_trip(server.port(), new_message("hello"));
    EXPECT_TRUE(answered(response, 200, R"({"id":1,"body":"hello"})"));
    EXPECT_EQ(response.header("Content-Type"), "application/json");
    EXPECT_TRUE(answered(round_trip(server.port(), new_message("again")), 200,
                         R"({"id":2,"body":"again"})"));
}

SNOW_TEST(Chat, AParkedPollGetsTheNextMessage, since(14)) {
    ServerProcess server;
    auto pollers = park_pollers(server.port(), 1);
    EXPECT_TRUE(pollers[0]->read_exactly(1, 200ms).empty()) << "answered before any message";
    round_trip(server.port(), new_message("hello"));
    EXPECT_TRUE(all_answered(pollers, R"([{"id":1,"body":"hello"}])"));
}

SNOW_TEST(Chat, APollAfterAPostIsAnsweredAtOnce, since(14)) {
    ServerProcess server;
    round_trip(server.port(), new_message("one"));
    round_trip(server.port(), new_message("two"));
    auto started = Clock::now();
    EXPECT_TRUE(answered(round_trip(server.port(), updates("0")), 200,
                         R"([{"id":1,"body":"one"},{"id":2,"body":"two"}])"));
    EXPECT_TRUE(
        answered(round_trip(server.port(), updates("1")), 200, R"([{"id":2,"body":"two"}])"));
    EXPECT_LT(Clock::now() - started, 1s) << "a poll with messages to read waited";
}

// A cursor past the last id comes from before the server restarted: the client gets everything.
SNOW_TEST(Chat, ACursorFromTheFutureGetsEverything, since(14)) {
    ServerProcess server;
    round_trip(server.port(), new_message("one"));
    EXPECT_TRUE(
        answered(round_trip(server.port(), updates("99")), 200, R"([{"id":1,"body":"one"}])"));
}

SNOW_TEST(Chat, APollThatNothingAnswersGetsAnEmptyListAfterTheTimeout, since(14)) {
    ServerProcess server({"--poll-timeout-ms", "300"});
    auto started = Clock::now();
    EXPECT_TRUE(answered(round_trip(server.port(), updates("0")), 200, "[]"));
    auto waited = Clock::now() - started;
    EXPECT_GE(waited, 250ms) << "answered before the timeout";
    EXPECT_LT(waited, 3s);
    // The next poll waits for a round of its own, not the one that ended, and a message posted
    // within its timeout reaches it.
    Client poller(server.port());
    ASSERT_TRUE(poller.send(updates("0")));
    std::this_thread::sleep_for(100ms);
    round_trip(server.port(), new_message("late"));
    EXPECT_TRUE(answered(read_response(poller), 200, R"([{"id":1,"body":"late"}])"));
}

SNOW_TEST(Chat, OneMessageAnswersAHundredPollers, since(14)) {
    ServerProcess server;
    auto pollers = park_pollers(server.port(), 100);
    round_trip(server.port(), new_message("everyone"));
    EXPECT_TRUE(all_answered(pollers, R"([{"id":1,"body":"everyone"}])"));
    // The next pollers wait for the next message: the answered round is gone.
    auto next = park_pollers(server.port(), 3, "1");
    EXPECT_TRUE(next[0]->read_exactly(1, 200ms).empty()) << "answered before the next message";
    round_trip(server.port(), new_message("again"));
    EXPECT_TRUE(all_answered(next, R"([{"id":2,"body":"again"}])"));
}

SNOW_TEST(Chat, APollerThatLeavesIsForgottenAndTheOthersAreAnswered, since(14)) {
    ServerProcess server;
    auto pollers = park_pollers(server.port(), 20);
    for (int i = 0; i < 20; i += 2) {
        if (i % 4 == 0) pollers[i]->close_with_reset();
        pollers[i].reset();  // half of them hang up, some rudely
    }
    std::this_thread::sleep_for(100ms);
    round_trip(server.port(), new_message("hello"));
    EXPECT_TRUE(all_answered(pollers, R"([{"id":1,"body":"hello"}])"));
    expect_chat_still_serving(server.port());
}

// A thousand pollers that leave cost nothing once gone: their waiters are forgotten with their
// connections, not kept on the round's future until a message comes.
SNOW_TEST(Chat, AThousandPollersThatLeaveLeaveNothingBehind, since(14)) {
    if (allow_descriptors(1200) < 1200) GTEST_SKIP() << "the descriptor limit is too low";
    ServerProcess server;
    int before = server.open_descriptors();
    {
        auto pollers = park_pollers(server.port(), 1000);
        EXPECT_GE(server.open_descriptors(), before + 1000);
    }  // all of them hang up
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(server.open_descriptors(), before) << "the pollers' connections are still open";
    auto stayer = park_pollers(server.port(), 1);
    round_trip(server.port(), new_message("hello"));
    EXPECT_TRUE(all_answered(stayer, R"([{"id":1,"body":"hello"}])"));
    expect_chat_still_serving(server.port());
}

// The body is data, never code: markup stays as it was typed, and quotes, backslashes and
// control characters are escaped, so the JSON stays JSON.
SNOW_TEST(Chat, MarkupAndQuotesAreEscapedInJson, since(14)) {
    ServerProcess server;
    std::string body = "<script>alert(\"x\")</script> \\ \n";
    std::string json = R"({"id":1,"body":"<script>alert(\"x\")</script> \\ \u000a"})";
    EXPECT_TRUE(answered(round_trip(server.port(), new_message(body)), 200, json));
    EXPECT_TRUE(answered(round_trip(server.port(), updates("0")), 200, "[" + json + "]"));
}

SNOW_TEST(Chat, KeepsTheLast200Messages, since(14)) {
    ServerProcess server;
    Client client(server.port());
    Tally posted("posts answered 200");
    for (int i = 1; i <= 250; ++i) {
        ASSERT_TRUE(client.send(new_message("m" + std::to_string(i))));
        posted.add(answered(read_response(client), 200), "message " + std::to_string(i));
    }
    EXPECT_TRUE(posted.all_passed());
    Response all = round_trip(server.port(), updates("0"));
    ASSERT_EQ(all.status, 200) << describe(all);
    std::string expected = "[";
    for (int i = 51; i <= 250; ++i) {
        if (i > 51) expected += ',';
        expected += R"({"id":)" + std::to_string(i) + R"(,"body":"m)" + std::to_string(i) + "\"}";
    }
    EXPECT_EQ(all.body, expected + "]") << "not messages 51 to 250";
}

SNOW_TEST(Chat, RefusesAMessageWithoutABody, since(14)) {
    ServerProcess server;
    EXPECT_EQ(round_trip(server.port(), post_form("")).status, 400);
    EXPECT_EQ(round_trip(server.port(), post_form("body=")).status, 400);
    EXPECT_EQ(round_trip(server.port(), post_form("other=x")).status, 400);
    // Only a form is read: a JSON body is not one.
    EXPECT_EQ(round_trip(server.port(), post("/a/message/new", R"({"body":"x"})")).status, 400);
    expect_chat_still_serving(server.port());
}

SNOW_TEST(Chat, RefusesACursorThatIsNotANumber, since(14)) {
    ServerProcess server;
    for (std::string cursor : {"abc", "-1", "1x", "1.5", "99999999999999999999999"}) {
        EXPECT_EQ(round_trip(server.port(), updates(cursor)).status, 400) << "cursor " << cursor;
    }
    expect_chat_still_serving(server.port());
}

SNOW_TEST(Chat, ServesThePage, since(14)) {
    ServerProcess server;
    Response page = round_trip(server.port(), get("/"));
    ASSERT_EQ(page.status, 200) << describe(page);
    EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_TRUE(contains(page.body, "/a/message/updates"));
    EXPECT_TRUE(contains(page.body, "textContent"));
}
