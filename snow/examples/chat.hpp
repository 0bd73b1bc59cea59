// Tornado's chat demo in Snow: POST /a/message/new adds a message, POST /a/message/updates?cursor=N
// answers the messages after N, at once if there are any, else when the next one is posted (a
// long poll), or [] after the poll timeout. GET / is the page (chat/index.html) that does both.
#pragma once

#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <snow/snow.hpp>

// One message: its id (1, 2, 3... in the order they came) and its text.
struct ChatMessage {
    std::uint64_t id;
    std::string body;
};

// {"id":1,"body":"hi"}, appended to `out`.
inline void append_json(std::string& out, const ChatMessage& message) {
    out += "{\"id\":" + std::to_string(message.id) + ",\"body\":";
    snow::append_json_string(out, message.body);
    out += '}';
}

// The `[{"id":1,"body":"hi"},...]` that the page reads; "[]" for none.
inline std::string to_json(const std::vector<const ChatMessage*>& messages) {
    std::string out = "[";
    for (const ChatMessage* message : messages) {
        if (out.size() > 1) out += ',';
        append_json(out, *message);
    }
    return out + "]";
}

// A future with a callback, like wait's, that also resolves by itself at a deadline, like a
// TimeoutFuture. (The library has the two apart; a subclass sets the deadline they share.)
class RoundFuture : public snow::Future {
  public:
    RoundFuture(Callback callback, std::chrono::milliseconds timeout)
        : Future(std::move(callback)) {
        deadline_ = Clock::now() + timeout;
    }
};

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
    const ChatMessage& add(std::string body) {
        messages_.push_back({++last_id_, std::move(body)});
        if (messages_.size() > capacity_) messages_.pop_front();
        if (auto round = std::exchange(round_, nullptr)) round->set_result("");
        return messages_.back();
    }

    // The messages after `cursor`, oldest first. A cursor past the last id is from before the
    // server restarted: the client gets everything there is. O(messages) at worst: 200 of them.
    std::vector<const ChatMessage*> after(std::uint64_t cursor) const {
        if (cursor > last_id_) cursor = 0;
        std::vector<const ChatMessage*> out;
        for (const ChatMessage& message : messages_) {
            if (message.id > cursor) out.push_back(&message);
        }
        return out;
    }

    // The future this round's pollers wait for; a new round if the last one is over.
    std::shared_ptr<snow::Future> round() {
        if (!round_ || round_->ready() || snow::Future::Clock::now() >= *round_->deadline()) {
            // The callback holds the room weakly: the room holds the future.
            auto answer = [weak = weak_from_this()](const snow::HttpRequest& request,
                                                    const snow::Future&) {
                auto room = weak.lock();
                auto cursor = cursor_of(request);
                if (!room || !cursor) return snow::HttpResponse::json("[]");
                return snow::HttpResponse::json(to_json(room->after(*cursor)));
            };
            round_ = std::make_shared<RoundFuture>(answer, poll_timeout_);
        }
        return round_;
    }

    // The request's ?cursor=N: 0 if there is none, nullopt if it is not a whole number.
    static std::optional<std::uint64_t> cursor_of(const snow::HttpRequest& request) {
        snow::Params query = request.query_params();  // find() points into it: keep it alive
        const std::string* text = query.find("cursor");
        if (!text) return 0;
        std::uint64_t cursor = 0;
        auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), cursor);
        if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
        return cursor;
    }

  private:
    std::size_t capacity_;
    std::chrono::milliseconds poll_timeout_;
    std::deque<ChatMessage> messages_;
    std::uint64_t last_id_ = 0;
    std::shared_ptr<snow::Future> round_;  // null between a message and the next poller
};

inline snow::HttpResponse json_error(const std::string& what) {
    return snow::HttpResponse::json("{\"error\":" + snow::json_string(what) + "}", 400);
}

// The chat's routes. The page's folder (`root`) holds its index.html.
inline std::vector<snow::Route> chat_routes(const std::string& root,
                                            std::chrono::milliseconds poll_timeout) {
    auto room = std::make_shared<ChatRoom>(200, poll_timeout);
    // A form's field `body` (application/x-www-form-urlencoded), as the page posts it.
    auto new_message = [room](const snow::HttpRequest& request) -> snow::Reply {
        std::string body = request.form_params().get("body");
        if (body.empty()) return json_error("a message needs a non-empty form field 'body'");
        std::string out;
        append_json(out, room->add(std::move(body)));
        return snow::HttpResponse::json(out);
    };
    auto updates = [room](const snow::HttpRequest& request) -> snow::Reply {
        auto cursor = ChatRoom::cursor_of(request);
        if (!cursor) return json_error("cursor must be a whole number");
        auto messages = room->after(*cursor);
        if (!messages.empty()) return snow::HttpResponse::json(to_json(messages));
        return room->round();  // park until the next message, or the round's end
    };
    snow::StaticFiles page(root);
    return {
        {"POST", R"(^/a/message/new$)", new_message},
        {"POST", R"(^/a/message/updates$)", updates},
        {"GET", R"(^/$)", page},
    };
}
