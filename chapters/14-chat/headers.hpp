// Headers: the fields of a request or a response.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// True if `a` and `b` are equal but for the case of ASCII letters. ASCII only, on purpose: field
// names and tokens are ASCII, and std::tolower would follow the locale.
inline bool equal_ignoring_case(std::string_view a, std::string_view b) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [&](char x, char y) { return lower(x) == lower(y); });
}

// Header fields in the order they arrived (or will be sent). Names compare without regard to case
// ("Host" and "host" are one field, RFC 9110 section 5.1). A vector, not a map: requests carry a
// dozen fields or so, and a linear scan of a dozen short strings beats hashing them.
class Headers {
  public:
    void add(std::string name, std::string value) {
        fields_.emplace_back(std::move(name), std::move(value));
    }

    // Chapter 13: makes `value` the one field called `name`: replaces the first such field where
    // it stands and drops any others; adds it at the end if there was none. For a handler that
    // must not send Content-Type twice.
    void set(std::string_view name, std::string value) {
        auto same = [&](const auto& field) { return equal_ignoring_case(field.first, name); };
        auto first = std::find_if(fields_.begin(), fields_.end(), same);
        if (first == fields_.end()) {
            fields_.emplace_back(std::string(name), std::move(value));
            return;
        }
        first->second = std::move(value);
        fields_.erase(std::remove_if(first + 1, fields_.end(), same), fields_.end());
    }

    // The value of the first field called `name`, or nullptr.
    const std::string* find(std::string_view name) const {
        for (const auto& [field, value] : fields_) {
            if (equal_ignoring_case(field, name)) return &value;
        }
        return nullptr;
    }

    // The values of every field called `name`, in order: some fields must not come twice.
    std::vector<std::string_view> values(std::string_view name) const {
        std::vector<std::string_view> found;
        for (const auto& [field, value] : fields_) {
            if (equal_ignoring_case(field, name)) found.push_back(value);
        }
        return found;
    }

    std::size_t size() const { return fields_.size(); }

    auto begin() const { return fields_.begin(); }
    auto end() const { return fields_.end(); }

    // True if a field called `name` lists `token` ("Connection: keep-alive, Upgrade" lists
    // "upgrade"): such fields are comma-separated lists, and tokens ignore case.
    bool has_token(std::string_view name, std::string_view token) const {
        for (std::string_view value : values(name)) {
            while (!value.empty()) {
                std::size_t comma = value.find(',');
                std::string_view item = value.substr(0, comma);
                while (item.starts_with(' ') || item.starts_with('\t'))
                    item.remove_prefix(1);
                while (item.ends_with(' ') || item.ends_with('\t'))
                    item.remove_suffix(1);
                if (equal_ignoring_case(item, token)) return true;
                value.remove_prefix(comma == std::string_view::npos ? value.size() : comma + 1);
            }
        }
        return false;
    }

  private:
    std::vector<std::pair<std::string, std::string>> fields_;
};
