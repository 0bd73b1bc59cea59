// libFuzzer target for snow's RequestParser: any bytes, fed the ways a network delivers them.
// Build: cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DSNOW_FUZZ=ON
//        cmake --build build-fuzz --target request_parser_fuzz
// Run:   build-fuzz/bin/request_parser_fuzz -max_total_time=60 tests/fuzz/corpus
// Besides what the sanitizers catch (a read past the input, undefined behaviour, a leak), it
// checks that the parser's answer does not depend on how the bytes were cut.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "request_parser.hpp"

namespace {

constexpr std::size_t kMaxBody = 4096;

// Parses `bytes` from an exact-size heap copy, so a read past the end is an ASan report.
snow::ParseResult parse_copy(snow::RequestParser& parser, std::string_view bytes) {
    std::unique_ptr<char[]> copy(new char[bytes.size() + 1]);  // +1: new char[0] is fine too
    std::memcpy(copy.get(), bytes.data(), bytes.size());
    return parser.parse(std::string_view(copy.get(), bytes.size()));
}

bool same(const snow::ParseResult& a, const snow::ParseResult& b) {
    return a.status == b.status && a.consumed == b.consumed && a.error == b.error;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    snow::RequestParser whole(kMaxBody);
    snow::ParseResult all_at_once = parse_copy(whole, bytes);
    if (all_at_once.status == snow::ParseStatus::Complete && all_at_once.consumed > size) {
        __builtin_trap();  // took more bytes than it was given
    }
    // The same bytes in two pieces, cut where the first byte says: the same answer, and the same
    // request when complete.
    std::size_t cut = size == 0 ? 0 : data[0] % (size + 1);
    snow::RequestParser split(kMaxBody);
    snow::ParseResult first = parse_copy(split, bytes.substr(0, cut));
    snow::ParseResult in_two =
        first.status == snow::ParseStatus::Incomplete ? parse_copy(split, bytes) : first;
    if (!same(all_at_once, in_two)) __builtin_trap();
    if (all_at_once.status == snow::ParseStatus::Complete &&
        (whole.request().body != split.request().body ||
         whole.request().target != split.request().target)) {
        __builtin_trap();
    }
    return 0;
}
