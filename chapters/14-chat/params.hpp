// Params: the name=value pairs of a query string or of a form, percent-decoded.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Chapter 13: "%2F" is "/" (RFC 3986 section 2.1): each '%' and two hex digits become that byte.
// Strict: a '%' without two hex digits after it is no escape, and the answer is nullopt. For a
// path, where the caller must refuse what it cannot read (400) rather than guess.
std::optional<std::string> percent_decode(std::string_view text);

// The pairs of "a=1&b=two+words&a=3" ("application/x-www-form-urlencoded", the format of both
// a query string and an HTML form's body), in the order they came, each name and value
// percent-decoded and '+' read as a space. Lenient, as browsers are (the WHATWG URL standard): a
// '%' that is no escape stays as it is, a pair without '=' has an empty value, empty pairs are
// skipped. A name may come more than once ("?tag=a&tag=b"). Owns copies of its strings.
// A vector, not a map, for the reason Headers gives: a handful of pairs, scanned in order.
class Params {
  public:
    Params() = default;
    explicit Params(std::string_view urlencoded);

    // The value of the first pair called `name` (exactly: names are case-sensitive), or nullptr.
    const std::string* find(std::string_view name) const;
    // The same, or `fallback` when there is none.
    std::string get(std::string_view name, std::string_view fallback = "") const;
    // Every value of `name`, in order.
    std::vector<std::string_view> values(std::string_view name) const;

    std::size_t size() const { return pairs_.size(); }
    bool empty() const { return pairs_.empty(); }
    auto begin() const { return pairs_.begin(); }
    auto end() const { return pairs_.end(); }

  private:
    std::vector<std::pair<std::string, std::string>> pairs_;
};
