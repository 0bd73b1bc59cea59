#include "params.hpp"

namespace {

// 0-15 for a hex digit, -1 for anything else.
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The byte "%XY" at text[at] stands for, or -1 if text[at] does not start such an escape.
int escaped_byte(std::string_view text, std::size_t at) {
    if (text[at] != '%' || at + 2 >= text.size()) return -1;
    int high = hex_value(text[at + 1]);
    int low = hex_value(text[at + 2]);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
}

// Form decoding: '+' is a space, and a '%' that starts no escape is kept as it is.
std::string form_decode(std::string_view text) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        int byte = escaped_byte(text, i);
        if (byte >= 0) {
            decoded += static_cast<char>(byte);
            i += 2;
        } else {
            decoded += text[i] == '+' ? ' ' : text[i];
        }
    }
    return decoded;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            decoded += text[i];
            continue;
        }
        int byte = escaped_byte(text, i);
        if (byte < 0) return std::nullopt;
        decoded += static_cast<char>(byte);
        i += 2;
    }
    return decoded;
}

Params::Params(std::string_view urlencoded) {
    while (!urlencoded.empty()) {
        std::size_t amp = urlencoded.find('&');
        std::string_view pair = urlencoded.substr(0, amp);
        urlencoded.remove_prefix(amp == std::string_view::npos ? urlencoded.size() : amp + 1);
        if (pair.empty()) continue;
        std::size_t equals = pair.find('=');
        std::string_view value = equals == std::string_view::npos ? "" : pair.substr(equals + 1);
        pairs_.emplace_back(form_decode(pair.substr(0, equals)), form_decode(value));
    }
}

const std::string* Params::find(std::string_view name) const {
    for (const auto& [key, value] : pairs_) {
        if (key == name) return &value;
    }
    return nullptr;
}

std::string Params::get(std::string_view name, std::string_view fallback) const {
    const std::string* value = find(name);
    return value ? *value : std::string(fallback);
}

std::vector<std::string_view> Params::values(std::string_view name) const {
    std::vector<std::string_view> found;
    for (const auto& [key, value] : pairs_) {
        if (key == name) found.push_back(value);
    }
    return found;
}
