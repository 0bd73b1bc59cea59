// Exercise 14.2 (docs/exercises/14-chat.md): the room's status. GET /a/message/status answers
// {"messages":N,"waiting":M} at once: N the messages the room holds (at most 200), M the polls
// parked now. A message answers every parked poll, and so does the round's timeout; a poller
// that hangs up is not counted either.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

using Clock = std::chrono::steady_clock;

std::string new_message(std::string_view body) {
    std::string form = "body=" + std::string(body);
    return "POST /a/message/new HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
           std::to_string(form.size()) + "\r\n\r\n" + form;
}

std::string status_of(int messages, int waiting) {
    return R"({"messages":)" + std::to_string(messages) + R"(,"waiting":)" +
           std::to_string(waiting) + "}";
}

// GET /a/message/status until it answers `expected`, for up to 2 s: a poller's request or its
// hang-up reaches the server a moment after the test sends it. The last answer, whatever it was.
Response status_within(std::uint16_t port, const std::string& expected) {
    auto give_up = Clock::now() + 2s;
    while (true) {
        Response response = round_trip(port, get("/a/message/status"));
        if (response.status != 200 || response.body == expected || Clock::now() > give_up) {
            return response;
        }
        std::this_thread::sleep_for(20ms);
    }
}

// `count` clients, each polling from cursor 0 with nothing to read: each is parked.
std::vector<std::unique_ptr<Client>> start_polls(std::uint16_t port, int count) {
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < count; ++i) {
        clients.push_back(std::make_unique<Client>(port));
        EXPECT_TRUE(clients.back()->send(post("/a/message/updates?cursor=0", ""))) << "poll " << i;
    }
    return clients;
}

}  // namespace

EXERCISE_TEST(Ex14_2, CountsTheMessagesItHolds, fails_with("the status of an empty room")) {
    ServerProcess server;
    EXPECT_TRUE(answered(round_trip(server.port(), get("/a/message/status")), 200, status_of(0, 0)))
        << "the status of an empty room";
    for (int i = 1; i <= 3; ++i)
        ASSERT_TRUE(answered(round_trip(server.port(), new_message("m" + std::to_string(i))), 200));
    EXPECT_TRUE(answered(round_trip(server.port(), get("/a/message/status")), 200, status_of(3, 0)))
        << "the status after 3 messages";
}

// The room keeps the last 200: the count stops there.
EXERCISE_TEST(Ex14_2, CountsNoMoreThanTheRoomKeeps, fails_with("the status of a full room")) {
    ServerProcess server;
    Client client(server.port());
    for (int i = 1; i <= 205; ++i) {
        ASSERT_TRUE(client.send(new_message("m" + std::to_string(i)))) << "message " << i;
        ASSERT_TRUE(answered(read_response(client, false, 5s), 200)) << "message " << i;
    }
    EXPECT_TRUE(
        answered(round_trip(server.port(), get("/a/message/status")), 200, status_of(200, 0)))
        << "the status of a full room, after 205 messages";
}

// Every parked poll waits for the one round; the message that ends it answers them all.
EXERCISE_TEST(Ex14_2, CountsTheParkedPolls, fails_with("the status with 3 polls parked")) {
    ServerProcess server;
    auto polls = start_polls(server.port(), 3);
    EXPECT_TRUE(answered(status_within(server.port(), status_of(0, 3)), 200, status_of(0, 3)))
        << "the status with 3 polls parked";
    ASSERT_TRUE(answered(round_trip(server.port(), new_message("hi")), 200));
    for (auto& poll : polls)
        EXPECT_TRUE(answered(read_response(*poll, false, 5s), 200)) << "a poll, after the message";
    EXPECT_TRUE(answered(round_trip(server.port(), get("/a/message/status")), 200, status_of(1, 0)))
        << "the status once the message answered every poll";
}

// A poll that hung up, and polls that the round's timeout answered, wait no more.
EXERCISE_TEST(Ex14_2, ForgetsPollsThatEnded, fails_with("before one hangs up")) {
    ServerProcess server({"--poll-timeout-ms", "1000"});
    auto polls = start_polls(server.port(), 3);
    ASSERT_TRUE(answered(status_within(server.port(), status_of(0, 3)), 200, status_of(0, 3)))
        << "the status with 3 polls parked, before one hangs up";
    polls[0].reset();
    EXPECT_TRUE(answered(status_within(server.port(), status_of(0, 2)), 200, status_of(0, 2)))
        << "the status after one poller hung up";
    for (std::size_t i = 1; i < polls.size(); ++i)
        EXPECT_TRUE(answered(read_response(*polls[i], false, 5s), 200, "[]")) << "at the timeout";
    EXPECT_TRUE(answered(round_trip(server.port(), get("/a/message/status")), 200, status_of(0, 0)))
        << "the status once the timeout answered the others";
}
