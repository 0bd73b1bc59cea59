// Conditional requests: ETag, If-None-Match, If-Modified-Since (RFC 9110 section 13).
// From chapter 13 on, and in snow/.
#include <string>

#include "behaviour.hpp"
#include "conditional.hpp"
#include "response.hpp"

namespace {

Headers with(std::initializer_list<std::pair<const char*, const char*>> fields) {
    Headers headers;
    for (auto [name, value] : fields)
        headers.add(name, value);
    return headers;
}

constexpr std::time_t kModified = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT
constexpr const char* kTag = "W/\"5-1\"";

}  // namespace

SNOW_TEST(Conditional, ReadsTheDatesItWrites, since(13)) {
    EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), kModified);
    EXPECT_EQ(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
    for (std::time_t time : {std::time_t{0}, kModified, std::time_t{1'700'000'000}}) {
        EXPECT_EQ(parse_http_date(http_date(time)), time) << http_date(time);
    }
}

SNOW_TEST(Conditional, RefusesWhatIsNoHttpDate, since(13)) {
    for (const char* bad : {"", "yesterday", "Sun, 06 Nov 1994 08:49:37 UTC",
                            "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                            "Sun, 06 Nov 1994 24:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT",
                            "Sunday, 06-Nov-94 08:49:37 GMT",  // RFC 850: obsolete, not read
                            "Sun Nov  6 08:49:37 1994",        // asctime: obsolete, not read
                            "Sun, 06 Nov 1994 08:49:37 GMT "}) {
        EXPECT_EQ(parse_http_date(bad), std::nullopt) << bad;
    }
}

SNOW_TEST(Conditional, MakesAWeakTagFromSizeAndTime, since(13)) {
    EXPECT_EQ(weak_etag(0x5d, {1, 5}), "W/\"5d-3b9aca05\"");
    EXPECT_NE(weak_etag(10, {100, 0}), weak_etag(10, {100, 1}));  // touched: a new tag
    EXPECT_NE(weak_etag(10, {100, 0}), weak_etag(11, {100, 0}));
}

SNOW_TEST(Conditional, ListsTagsAndComparesThemWeakly, since(13)) {
    EXPECT_TRUE(etag_listed("W/\"a\"", "W/\"a\""));
    EXPECT_TRUE(etag_listed("\"a\"", "W/\"a\""));
    EXPECT_TRUE(etag_listed("\"x\", W/\"a\" ,\"y\"", "W/\"a\""));
    EXPECT_TRUE(etag_listed(" * ", "W/\"a\""));
    EXPECT_FALSE(etag_listed("\"b\"", "W/\"a\""));
    EXPECT_FALSE(etag_listed("\"a", "W/\"a\""));
    EXPECT_FALSE(etag_listed("", "W/\"a\""));
}

SNOW_TEST(Conditional, IfModifiedSinceAnswersAnUnchangedFile, since(13)) {
    EXPECT_TRUE(not_modified(with({{"If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"}}), kTag,
                             kModified));
    EXPECT_TRUE(not_modified(with({{"If-Modified-Since", "Mon, 07 Nov 1994 00:00:00 GMT"}}), kTag,
                             kModified));
    EXPECT_FALSE(not_modified(with({{"If-Modified-Since", "Sat, 05 Nov 1994 08:49:37 GMT"}}), kTag,
                              kModified));
    EXPECT_FALSE(not_modified(with({{"If-Modified-Since", "garbage"}}), kTag, kModified));
    EXPECT_FALSE(not_modified(with({}), kTag, kModified));
}

// RFC 9110 section 13.1.3: with If-None-Match present, If-Modified-Since is ignored, both ways.
SNOW_TEST(Conditional, IfNoneMatchWinsOverIfModifiedSince, since(13)) {
    EXPECT_FALSE(not_modified(with({{"If-None-Match", "\"other\""},
                                    {"If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"}}),
                              kTag, kModified));
    EXPECT_TRUE(not_modified(
        with({{"If-None-Match", kTag}, {"If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"}}),
        kTag, kModified));
    EXPECT_TRUE(
        not_modified(with({{"If-None-Match", "\"x\""}, {"If-None-Match", kTag}}), kTag, kModified));
}
