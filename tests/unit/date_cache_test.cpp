// DateCache (chapter 12 on): the Date header's value, formatted once per second.
#include <ctime>
#include <string>

#include "behaviour.hpp"
#include "response.hpp"

// Chapter 12: the Date header is formatted once per second, not once per answer. The cache must
// give what http_date() gives, and change when the second does.
SNOW_TEST(Response, DateCacheFormatsOncePerSecondAndFollowsTheClock, since(12)) {
    DateCache cache;
    EXPECT_EQ(cache.at(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(cache.at(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(cache.at(784111778), "Sun, 06 Nov 1994 08:49:38 GMT");
    EXPECT_EQ(cache.at(0), "Thu, 01 Jan 1970 00:00:00 GMT");  // a clock set back, too
    std::time_t now = std::time(nullptr);
    std::string current(current_http_date());
    EXPECT_TRUE(current == http_date(now) || current == http_date(now + 1)) << current;
}
