#include "json.hpp"

#include <cstdlib>

namespace snow_test {
namespace {

// A recursive-descent reader over the whole text. Each read_* starts at `at_` and leaves it just
// past what it read; false means the text is not JSON (the caller then gives up on all of it).
// Nesting is as deep as the input's: fine for DevTools replies, which are a few levels deep.
class Reader {
  public:
    explicit Reader(std::string_view text) : text_(text) {}

    bool read_all(Json& out) {
        if (!read_value(out)) return false;
        skip_space();
        return at_ == text_.size();
    }

  private:
    bool read_value(Json& out) {
        skip_space();
        if (at_ == text_.size()) return false;
        switch (text_[at_]) {
            case '{':
                return read_object(out);
            case '[':
                return read_array(out);
            case '"':
                out.kind = Json::Kind::string;
                return read_string(out.text);
            case 't':
                out.kind = Json::Kind::boolean;
                out.boolean = true;
                return read_word("true");
            case 'f':
                out.kind = Json::Kind::boolean;
                return read_word("false");
            case 'n':
                out = {};
                return read_word("null");
            default:
                return read_number(out);
        }
    }

    bool read_object(Json& out) {
        out.kind = Json::Kind::object;
        ++at_;  // {
        if (next_is('}')) return true;
        do {
            JsonMember member;
            skip_space();
            if (!next_is('"', false) || !read_string(member.key)) return false;
            if (!next_is(':') || !read_value(member.value)) return false;
            out.members.push_back(std::move(member));
        } while (next_is(','));
        return next_is('}');
    }

    bool read_array(Json& out) {
        out.kind = Json::Kind::array;
        ++at_;  // [
        if (next_is(']')) return true;
        do {
            out.items.emplace_back();
            if (!read_value(out.items.back())) return false;
        } while (next_is(','));
        return next_is(']');
    }

    // A string literal into `out`, as UTF-8. Chromium escapes some characters that need no
    // escape ("<" comes as \u003C), so \u is common, not exotic.
    bool read_string(std::string& out) {
        ++at_;  // "
        while (at_ < text_.size() && text_[at_] != '"') {
            char c = text_[at_++];
            if (c != '\\') {
                out += c;
                continue;
            }
            if (at_ == text_.size()) return false;
            char escape = text_[at_++];
            switch (escape) {
                case '"':
                case '\\':
                case '/':
                    out += escape;
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u':
                    if (!read_code_point(out)) return false;
                    break;
                default:
                    return false;
            }
        }
        if (at_ == text_.size()) return false;
        ++at_;  // "
        return true;
    }

    // The XXXX of \uXXXX (and the second half of a surrogate pair), appended as UTF-8.
    bool read_code_point(std::string& out) {
        unsigned long point = 0;
        if (!read_hex4(point)) return false;
        if (point >= 0xD800 && point < 0xDC00) {  // a high surrogate: \uDCxx must follow
            unsigned long low = 0;
            if (text_.substr(at_, 2) != "\\u") return false;
            at_ += 2;
            if (!read_hex4(low) || low < 0xDC00 || low >= 0xE000) return false;
            point = 0x10000 + ((point - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, point);
        return true;
    }

    bool read_hex4(unsigned long& out) {
        if (at_ + 4 > text_.size()) return false;
        std::string digits(text_.substr(at_, 4));
        char* end = nullptr;
        out = std::strtoul(digits.c_str(), &end, 16);
        at_ += 4;
        return end == digits.c_str() + 4;
    }

    static void append_utf8(std::string& out, unsigned long point) {
        auto byte = [&](unsigned long bits) { out += static_cast<char>(bits); };
        if (point < 0x80) {
            byte(point);
        } else if (point < 0x800) {
            byte(0xC0 | (point >> 6));
            byte(0x80 | (point & 0x3F));
        } else if (point < 0x10000) {
            byte(0xE0 | (point >> 12));
            byte(0x80 | ((point >> 6) & 0x3F));
            byte(0x80 | (point & 0x3F));
        } else {
            byte(0xF0 | (point >> 18));
            byte(0x80 | ((point >> 12) & 0x3F));
            byte(0x80 | ((point >> 6) & 0x3F));
            byte(0x80 | (point & 0x3F));
        }
    }

    bool read_number(Json& out) {
        // strtod reads more than JSON allows (hex, "inf"); the protocol never sends those.
        std::string rest(text_.substr(at_, 32));
        char* end = nullptr;
        out.kind = Json::Kind::number;
        out.number = std::strtod(rest.c_str(), &end);
        if (end == rest.c_str()) return false;
        at_ += static_cast<std::size_t>(end - rest.c_str());
        return true;
    }

    bool read_word(std::string_view word) {
        if (text_.substr(at_, word.size()) != word) return false;
        at_ += word.size();
        return true;
    }

    // After white space: true if the next character is `c` (and takes it, if `take`).
    bool next_is(char c, bool take = true) {
        skip_space();
        if (at_ == text_.size() || text_[at_] != c) return false;
        if (take) ++at_;
        return true;
    }

    void skip_space() {
        while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\n' ||
                                      text_[at_] == '\r' || text_[at_] == '\t')) {
            ++at_;
        }
    }

    std::string_view text_;
    std::size_t at_ = 0;
};

}  // namespace

const Json* Json::at(std::initializer_list<std::string_view> path) const {
    const Json* value = this;
    for (std::string_view key : path) {
        const Json* found = nullptr;
        for (const JsonMember& member : value->members) {
            if (member.key == key) found = &member.value;
        }
        if (found == nullptr) return nullptr;
        value = found;
    }
    return value;
}

std::optional<Json> parse_json(std::string_view text) {
    Json out;
    if (!Reader(text).read_all(out)) return std::nullopt;
    return out;
}

std::string json_string(std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += {'\\', c};
        } else if (byte < 0x20) {  // control characters may not appear raw in a JSON string
            out += {'\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 0xf]};
        } else {
            out += c;  // UTF-8 goes through as it is: JSON text is UTF-8
        }
    }
    return out + "\"";
}

}  // namespace snow_test
