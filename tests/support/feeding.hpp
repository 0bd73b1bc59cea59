// Feeding bytes to a parser the ways a network delivers them, for unit tests.
#pragma once

#include <cstring>
#include <memory>
#include <string_view>

namespace snow_test {

// An exact-size heap copy of some bytes: no terminating NUL, nothing after the last byte. Under
// -DSNOW_SANITIZE=ON, a parser that reads one byte too far is caught.
class ExactCopy {
  public:
    explicit ExactCopy(std::string_view bytes) : size_(bytes.size()), data_(new char[size_]) {
        std::memcpy(data_.get(), bytes.data(), size_);
    }
    std::string_view view() const { return {data_.get(), size_}; }

  private:
    std::size_t size_;
    std::unique_ptr<char[]> data_;
};

// Parses `bytes` from an exact-size copy.
template <typename Parser>
auto parse(Parser& parser, std::string_view bytes) {
    ExactCopy copy(bytes);
    return parser.parse(copy.view());
}

// Feeds `bytes` as a connection would if they arrived one at a time: the first byte, then the
// first two, and so on, until the parser stops saying Incomplete. Returns its last answer.
template <typename Parser>
auto parse_one_byte_at_a_time(Parser& parser, std::string_view bytes) {
    auto result = parse(parser, bytes.substr(0, 1));
    for (std::size_t end = 2;
         end <= bytes.size() && result.status == decltype(result.status)::Incomplete; ++end) {
        result = parse(parser, bytes.substr(0, end));
    }
    return result;
}

}  // namespace snow_test
