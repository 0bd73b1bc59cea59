// HttpRequest: one parsed HTTP request, owning copies of all its parts.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Header fields in the order they arrived. Names compare without regard to case ("Host" and
// "host" are one field, RFC 9110 section 5.1). A vector, not a map: requests carry a dozen
// fields or so, and a linear scan of a dozen short strings beats hashing them.
class Headers {
  public:
    void add(std::string name, std::string value) {
        fields_.emplace_back(std::move(name), std::move(value));
    }

    // The value of the first field called `name`, or nullptr.
    const std::string* find(std::string_view name) const {
        for (const auto& [field, value] : fields_) {
            if (same_name(field, name)) return &value;
        }
        return nullptr;
    }

    // The values of every field called `name`, in order: some fields must not come twice.
    std::vector<std::string_view> values(std::string_view name) const {
        std::vector<std::string_view> found;
        for (const auto& [field, value] : fields_) {
            if (same_name(field, name)) found.push_back(value);
        }
        return found;
    }

    std::size_t size() const { return fields_.size(); }

    auto begin() const { return fields_.begin(); }
    auto end() const { return fields_.end(); }

  private:
    static bool same_name(std::string_view a, std::string_view b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                          [](char x, char y) { return to_lower(x) == to_lower(y); });
    }
    // ASCII only, on purpose: field names are ASCII, and std::tolower depends on the locale.
    static char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

    std::vector<std::pair<std::string, std::string>> fields_;
};

// A request as the client sent it. The target "/index/?a=1" is split into path "/index/" and
// query "a=1"; nothing is percent-decoded (routes match the path as sent).
struct HttpRequest {
    std::string method;   // "GET", "POST", ...: case-sensitive, as RFC 9110 says
    std::string target;   // the request-target, whole
    std::string path;     // the target up to '?'
    std::string query;    // after '?', without it; empty if none
    std::string version;  // "HTTP/1.1" or "HTTP/1.0" (a later 1.x is read as 1.1)
    Headers headers;
    std::string body;
};
