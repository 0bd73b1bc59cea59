// Exercise 14.1 (docs/exercises/14-chat.md): a message's author. POST /a/message/new takes an
// optional form field `name`; a message posted with one carries it in its JSON, after the body:
// {"id":1,"body":"hi","name":"alice"}, in the post's answer and in every poll's. A message
// without one is as before.
#include <chrono>
#include <string>
#include <string_view>
#include <thread>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

// POST /a/message/new with the form body `form` ("body=hi&name=alice"), already encoded.
std::string new_message(std::string_view form) {
    return "POST /a/message/new HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
           std::to_string(form.size()) + "\r\n\r\n" + std::string(form);
}

std::string updates(int cursor) {
    return post("/a/message/updates?cursor=" + std::to_string(cursor), "");
}

}  // namespace

EXERCISE_TEST(Ex14_1, APostAnswersTheMessageWithItsName, fails_with("the message with its name")) {
    ServerProcess server;
    EXPECT_TRUE(
        answered(round_trip(server.port(), new_message("body=hi")), 200, R"({"id":1,"body":"hi"})"))
        << "a message without a name, as in the chapter";
    EXPECT_TRUE(answered(round_trip(server.port(), new_message("body=hello&name=alice")), 200,
                         R"({"id":2,"body":"hello","name":"alice"})"))
        << "the message with its name";
}

EXERCISE_TEST(Ex14_1, APollGetsTheNameToo, fails_with("the poll's messages with their names")) {
    ServerProcess server;
    round_trip(server.port(), new_message("body=hi&name=alice"));
    round_trip(server.port(), new_message("body=yes%3F"));
    EXPECT_TRUE(answered(round_trip(server.port(), updates(0)), 200,
                         R"([{"id":1,"body":"hi","name":"alice"},{"id":2,"body":"yes?"}])"))
        << "the poll's messages with their names";
}

// The poll that waited gets its answer from the round's callback, not from the handler.
EXERCISE_TEST(Ex14_1, AParkedPollGetsTheName,
              fails_with("the parked poll's message with its name")) {
    ServerProcess server;
    Client poller(server.port());
    ASSERT_TRUE(poller.send(updates(0)));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // parked by now
    round_trip(server.port(), new_message("body=hi&name=bob"));
    EXPECT_TRUE(answered(read_response(poller), 200, R"([{"id":1,"body":"hi","name":"bob"}])"))
        << "the parked poll's message with its name";
}

// A name is the user's text like the body: quotes and backslashes are escaped.
EXERCISE_TEST(Ex14_1, ANameIsEscaped, fails_with("the name escaped")) {
    ServerProcess server;
    EXPECT_TRUE(answered(round_trip(server.port(), new_message("body=hi&name=%22bob%22%5C")), 200,
                         R"({"id":1,"body":"hi","name":"\"bob\"\\"})"))
        << "the name escaped";
}
