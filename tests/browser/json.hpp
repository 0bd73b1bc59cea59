// Just enough JSON for the DevTools protocol's messages: read a reply into a tree, find a field
// by its path, and write a string as a JSON literal. Not a general JSON library: numbers are
// doubles, and a reader that meets anything malformed gives up (nullopt) rather than guess.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snow_test {

struct JsonMember;

// One JSON value, which owns its children. Only the field of its kind means anything.
struct Json {
    enum class Kind { null, boolean, number, string, array, object };
    Kind kind = Kind::null;
    bool boolean = false;
    double number = 0;
    std::string text;                 // a string's value, escapes decoded
    std::vector<Json> items;          // an array's
    std::vector<JsonMember> members;  // an object's, in the order they came

    // The value at `path` (object keys, outermost first), or null if a step is missing or is
    // not an object: reply.at({"result", "result", "value"}).
    const Json* at(std::initializer_list<std::string_view> path) const;
};

struct JsonMember {
    std::string key;
    Json value;
};

// Reads one JSON value that fills `text` (white space around it allowed).
std::optional<Json> parse_json(std::string_view text);

// `text` as a JSON string literal, quotes included: "say \"hi\"\n".
std::string json_string(std::string_view text);

}  // namespace snow_test
