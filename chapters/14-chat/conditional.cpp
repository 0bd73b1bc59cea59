#include "conditional.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <vector>

namespace {

// The number of `digits` decimal digits at text[at], or -1.
int number_at(std::string_view text, std::size_t at, std::size_t digits) {
    int value = -1;
    auto [end, error] = std::from_chars(text.data() + at, text.data() + at + digits, value);
    return error == std::errc() && end == text.data() + at + digits ? value : -1;
}

// 1 for "Jan" ... 12 for "Dec", 0 for anything else. Case-sensitive, as RFC 9110 says.
unsigned month_number(std::string_view name) {
    static constexpr std::array<std::string_view, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (unsigned i = 0; i < kMonths.size(); ++i) {
        if (kMonths[i] == name) return i + 1;
    }
    return 0;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

std::string_view without_weak_prefix(std::string_view tag) {
    return tag.starts_with("W/") ? tag.substr(2) : tag;
}

}  // namespace

std::string weak_etag(std::uint64_t size, const std::timespec& modified) {
    auto nanoseconds = static_cast<unsigned long long>(modified.tv_sec) * 1'000'000'000ULL +
                       static_cast<unsigned long long>(modified.tv_nsec);
    char tag[64];
    std::snprintf(tag, sizeof tag, "W/\"%llx-%llx\"", static_cast<unsigned long long>(size),
                  nanoseconds);
    return tag;
}

// "Sun, 06 Nov 1994 08:49:37 GMT": every field has its place, so it is read by position.
std::optional<std::time_t> parse_http_date(std::string_view text) {
    if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
        text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
        return std::nullopt;
    }
    int day = number_at(text, 5, 2);
    unsigned month = month_number(text.substr(8, 3));
    int year = number_at(text, 12, 4);
    int hour = number_at(text, 17, 2);
    int minute = number_at(text, 20, 2);
    int second = number_at(text, 23, 2);
    using namespace std::chrono;
    year_month_day date{std::chrono::year(year), std::chrono::month(month),
                        std::chrono::day(static_cast<unsigned>(day))};
    if (day < 0 || year < 0 || !date.ok() || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
        second < 0 || second > 60) {  // 60: a leap second
        return std::nullopt;
    }
    auto time = sys_days(date) + hours(hour) + minutes(minute) + seconds(second);
    return static_cast<std::time_t>(time.time_since_epoch().count());
}

bool etag_listed(std::string_view field, std::string_view etag) {
    if (trimmed(field) == "*") return true;  // any current file matches
    while (!field.empty()) {
        std::size_t comma = field.find(',');
        std::string_view tag = trimmed(field.substr(0, comma));
        if (!tag.empty() && without_weak_prefix(tag) == without_weak_prefix(etag)) return true;
        field.remove_prefix(comma == std::string_view::npos ? field.size() : comma + 1);
    }
    return false;
}

bool not_modified(const Headers& request, std::string_view etag, std::time_t modified) {
    if (request.find("If-None-Match")) {
        for (std::string_view field : request.values("If-None-Match")) {
            if (etag_listed(field, etag)) return true;
        }
        return false;
    }
    std::vector<std::string_view> since = request.values("If-Modified-Since");
    if (since.size() != 1) return false;  // none, or more than one: ignored
    std::optional<std::time_t> date = parse_http_date(since.front());
    return date && modified <= *date;
}
