// Chapter 14: Tornado's chat demo. POST /a/message/new adds a message; POST
// /a/message/updates?cursor=N answers the messages after N, at once if there are any, else when
// the next one is posted (a long poll), or [] after the poll timeout. GET / is the page
// (chat/index.html) that does both from a browser. Exercise 14.2: GET /a/message/status answers
// {"messages":N,"waiting":M}, how many messages the room holds and how many polls wait now.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "future.hpp"
#include "request.hpp"
#include "router.hpp"

// One message: its id (1, 2, 3... in the order they came) and its text.
struct ChatMessage {
    std::uint64_t id;
    std::string body;
};

// The `[{"id":1,"body":"hi"},...]` that the page reads; "[]" for none.
std::string to_json(const std::vector<const ChatMessage*>& messages);

// The last `capacity` messages, oldest first, and the one future that every poller with nothing
// to read waits for: a "round". The next message resolves it, and every parked poller is
// answered from its own request's cursor; the next poller starts a new round. A round also ends
// `poll_timeout` after it began, and its pollers get [] (a round, not each poller, keeps the
// time: one timer however many wait, and a poller that comes late in a round waits less, then
// polls again). A poller that leaves is the framework's to forget: its connection takes its
// waiter off the round's future at once. Call only on the loop's thread.
class ChatRoom : public std::enable_shared_from_this<ChatRoom> {
  public:
    ChatRoom(std::size_t capacity, std::chrono::milliseconds poll_timeout)
        : capacity_(capacity), poll_timeout_(poll_timeout) {}

    // Adds a message, dropping the oldest past the capacity, and ends the round.
    const ChatMessage& add(std::string body);

    // The messages after `cursor`, oldest first. A cursor past the last id is from before the
    // server restarted: the client gets everything there is. O(messages) at worst: 200 of them.
    std::vector<const ChatMessage*> after(std::uint64_t cursor) const;

    // The future this round's pollers wait for; a new round if the last one is over.
    std::shared_ptr<Future> round();

    // Exercise 14.2: how many messages the room holds (at most its capacity), and how many
    // pollers are parked on the round now.
    std::size_t size() const { return messages_.size(); }
    std::size_t waiting() const;

  private:
    std::size_t capacity_;
    std::chrono::milliseconds poll_timeout_;
    std::deque<ChatMessage> messages_;
    std::uint64_t last_id_ = 0;
    std::shared_ptr<Future> round_;  // null between a message and the next poller
};

// The request's ?cursor=N: 0 if there is none, nullopt if it is not a whole number.
std::optional<std::uint64_t> cursor_of(const HttpRequest& request);

// The chat's routes, on a room of the last 200 messages. `page` is the folder that holds the
// page's index.html.
std::vector<Route> chat_routes(const std::string& page, std::chrono::milliseconds poll_timeout);
