// Conditional requests: "send it only if it changed" (RFC 9110 section 13).
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "headers.hpp"

// Chapter 13: a browser that has a copy of a file asks again with what it was told about it:
// the ETag in If-None-Match, the Last-Modified in If-Modified-Since. If the file is unchanged
// the answer is 304 Not Modified with no body: a few hundred bytes instead of the file.

// A weak entity tag for a file, from its size and modification time (as nginx makes them):
// W/"5d-18c2f1a9b0e4c000". Weak (W/) because it does not promise byte-for-byte identity: a file
// rewritten with the same size within the same nanosecond would keep its tag. Good enough to
// revalidate a cached copy, which is all a weak tag may be used for (RFC 9110 section 8.8.1).
std::string weak_etag(std::uint64_t size, const std::timespec& modified);

// An HTTP date in its preferred format (IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"), as
// seconds since 1970; nullopt for anything else. The two obsolete formats RFC 9110 also lists
// are not read: a condition we cannot read is ignored, which costs a whole answer but is never
// wrong.
std::optional<std::time_t> parse_http_date(std::string_view text);

// True if the If-None-Match value `field` ("*", or a list of tags) matches `etag`, comparing
// weakly: W/"x" matches "x" (RFC 9110 section 8.8.3.2).
bool etag_listed(std::string_view field, std::string_view etag);

// True if a GET or HEAD with `request` headers is answered 304 for a file with this ETag and
// modification time. If-None-Match, when present, decides alone; If-Modified-Since is then
// ignored (RFC 9110 section 13.1.3): a tag is exact where a date is only to the second.
bool not_modified(const Headers& request, std::string_view etag, std::time_t modified);
