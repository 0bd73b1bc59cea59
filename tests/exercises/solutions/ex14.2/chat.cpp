#include "chat.hpp"

#include <charconv>
#include <system_error>
#include <utility>

#include "json.hpp"
#include "response.hpp"
#include "static_files.hpp"

namespace {

// {"id":1,"body":"hi"}, appended to `out`.
void append_json(std::string& out, const ChatMessage& message) {
    out += "{\"id\":" + std::to_string(message.id) + ",\"body\":";
    append_json_string(out, message.body);
    out += '}';
}

// A future with a callback, like /req/'s, that also resolves by itself at a deadline, like a
// TimeoutFuture: the round's. (Future has the two apart; a subclass sets the deadline they share.)
class RoundFuture : public Future {
  public:
    RoundFuture(Callback callback, std::chrono::milliseconds timeout)
        : Future(std::move(callback)) {
        deadline_ = Clock::now() + timeout;
    }
};

HttpResponse json_error(const std::string& what) {
    return HttpResponse::json("{\"error\":" + json_string(what) + "}", 400);
}

}  // namespace

std::string to_json(const std::vector<const ChatMessage*>& messages) {
    std::string out = "[";
    for (const ChatMessage* message : messages) {
        if (out.size() > 1) out += ',';
        append_json(out, *message);
    }
    return out + "]";
}

const ChatMessage& ChatRoom::add(std::string body) {
    messages_.push_back({++last_id_, std::move(body)});
    if (messages_.size() > capacity_) messages_.pop_front();
    // One set_result answers every poller parked on the round, each from its own cursor.
    if (auto round = std::exchange(round_, nullptr)) round->set_result("");
    return messages_.back();
}

std::vector<const ChatMessage*> ChatRoom::after(std::uint64_t cursor) const {
    if (cursor > last_id_) cursor = 0;
    std::vector<const ChatMessage*> out;
    for (const ChatMessage& message : messages_) {
        if (message.id > cursor) out.push_back(&message);
    }
    return out;
}

std::shared_ptr<Future> ChatRoom::round() {
    if (!round_ || round_->ready() || Future::Clock::now() >= *round_->deadline()) {
        // The callback holds the room weakly: the room holds the future.
        auto answer = [weak = weak_from_this()](const HttpRequest& request, const Future&) {
            auto room = weak.lock();
            auto cursor = cursor_of(request);
            if (!room || !cursor) return HttpResponse::json("[]");
            return HttpResponse::json(to_json(room->after(*cursor)));
        };
        round_ = std::make_shared<RoundFuture>(answer, poll_timeout_);
    }
    return round_;
}

// Exercise 14.2: every parked poller waits for the one round, so its waiters are all of them. The
// future keeps that count itself: the loop takes a poller that left off it at once, and the
// set_result() that ends a round (a message, or the round's deadline) takes them all.
std::size_t ChatRoom::waiting() const {
    return round_ ? round_->waiting() : 0;
}

std::optional<std::uint64_t> cursor_of(const HttpRequest& request) {
    Params query = request.query_params();  // find() points into it: keep it alive
    const std::string* text = query.find("cursor");
    if (!text) return 0;
    std::uint64_t cursor = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), cursor);
    if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
    return cursor;
}

std::vector<Route> chat_routes(const std::string& page, std::chrono::milliseconds poll_timeout) {
    auto room = std::make_shared<ChatRoom>(200, poll_timeout);
    // A form's field `body` (application/x-www-form-urlencoded), as the page posts it.
    auto new_message = [room](const HttpRequest& request) -> Reply {
        std::string body = request.form_params().get("body");
        if (body.empty()) return json_error("a message needs a non-empty form field 'body'");
        std::string out;
        append_json(out, room->add(std::move(body)));
        return HttpResponse::json(out);
    };
    auto updates = [room](const HttpRequest& request) -> Reply {
        auto cursor = cursor_of(request);
        if (!cursor) return json_error("cursor must be a whole number");
        auto messages = room->after(*cursor);
        if (!messages.empty()) return HttpResponse::json(to_json(messages));
        return room->round();  // park until the next message, or the round's end
    };
    // Exercise 14.2: a plain handler, answered at once: it reads the room, never parks.
    auto status = [room](const HttpRequest&) -> Reply {
        return HttpResponse::json("{\"messages\":" + std::to_string(room->size()) +
                                  ",\"waiting\":" + std::to_string(room->waiting()) + "}");
    };
    return {
        {"GET", R"(^/a/message/status$)", status},
        {"POST", R"(^/a/message/new$)", new_message},
        {"POST", R"(^/a/message/updates$)", updates},
        {"GET", R"(^/$)", StaticFiles(page)},
    };
}
