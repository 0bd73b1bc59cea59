// RequestParser (chapter 04 on). Every request is parsed whole, cut in two at every byte, and fed
// one byte at a time, the ways a network can deliver it. Each piece the parser sees is an
// exact-size heap copy, so under -DSNOW_SANITIZE=ON a read past the end is caught.
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "behaviour.hpp"
#include "feeding.hpp"
#include "request_parser.hpp"

namespace {

using namespace std::string_literals;
using snow_test::parse;

struct Good {
    const char* name;
    std::string bytes;
    std::string method, target, path, query, version;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

const std::vector<Good> kGood = {
    {"GetWithHostAndPort",
     "GET /index/ HTTP/1.1\r\nHost: localhost:8012\r\n\r\n",
     "GET",
     "/index/",
     "/index/",
     "",
     "HTTP/1.1",
     {{"Host", "localhost:8012"}},
     ""},
    {"QueryWithColons",
     "GET /s?q=a:b&c=d HTTP/1.1\r\nHost: h\r\n\r\n",
     "GET",
     "/s?q=a:b&c=d",
     "/s",
     "q=a:b&c=d",
     "HTTP/1.1",
     {{"Host", "h"}},
     ""},
    {"PostWithBody",
     "POST /echo/ HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world",
     "POST",
     "/echo/",
     "/echo/",
     "",
     "HTTP/1.1",
     {{"Host", "h"}, {"Content-Length", "11"}},
     "hello world"},
    // The URL in the query must not be mistaken for an absolute-form target.
    {"UrlInTheQuery",
     "GET /index/?next=http://a/b HTTP/1.1\r\nHost: h\r\n\r\n",
     "GET",
     "/index/?next=http://a/b",
     "/index/",
     "next=http://a/b",
     "HTTP/1.1",
     {{"Host", "h"}},
     ""},
    {"BodyWithCrlfInside",
     "PUT /f HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\n\r\na\r\n\r\nb",
     "PUT",
     "/f",
     "/f",
     "",
     "HTTP/1.1",
     {{"Host", "h"}, {"Content-Length", "6"}},
     "a\r\n\r\nb"},
    // RFC 9110 section 6.2: a later minor version is read as the highest one we speak.
    {"LaterMinorVersionReadAs11",
     "GET / HTTP/1.2\r\nHost: h\r\n\r\n",
     "GET",
     "/",
     "/",
     "",
     "HTTP/1.1",
     {{"Host", "h"}},
     ""},
    {"HostIsAnIPv6AddressWithAPort",
     "GET / HTTP/1.1\r\nHost: [::1]:8012\r\n\r\n",
     "GET",
     "/",
     "/",
     "",
     "HTTP/1.1",
     {{"Host", "[::1]:8012"}},
     ""},
    // RFC 9112 section 3.2: a Host may be empty (a target with no authority has one).
    {"EmptyHost",
     "GET / HTTP/1.1\r\nHost:\r\n\r\n",
     "GET",
     "/",
     "/",
     "",
     "HTTP/1.1",
     {{"Host", ""}},
     ""},
    {"EmptyLinesBeforeTheRequest",
     "\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n",
     "GET",
     "/",
     "/",
     "",
     "HTTP/1.1",
     {{"Host", "h"}},
     ""},
    {"ValuesTrimmedButInnerSpacesKept",
     "GET / HTTP/1.1\r\nHost:h\r\nX-A: \t a  b \t\r\n\r\n",
     "GET",
     "/",
     "/",
     "",
     "HTTP/1.1",
     {{"Host", "h"}, {"X-A", "a  b"}},
     ""},
    {"EmptyValue",
     "GET / HTTP/1.1\r\nHost: h\r\nX-Empty:\r\n\r\n",
     "GET",
     "/",
     "/",
     "",
     "HTTP/1.1",
     {{"Host", "h"}, {"X-Empty", ""}},
     ""},
    {"Http10WithoutHost",
     "GET /old HTTP/1.0\r\n\r\n",
     "GET",
     "/old",
     "/old",
     "",
     "HTTP/1.0",
     {},
     ""},
    {"AbsoluteForm",
     "GET http://example.test/a?b HTTP/1.1\r\nHost: example.test\r\n\r\n",
     "GET",
     "http://example.test/a?b",
     "/a",
     "b",
     "HTTP/1.1",
     {{"Host", "example.test"}},
     ""},
    {"AsteriskForm",
     "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n",
     "OPTIONS",
     "*",
     "*",
     "",
     "HTTP/1.1",
     {{"Host", "h"}},
     ""},
    {"ZeroLength",
     "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n",
     "POST",
     "/",
     "/",
     "",
     "HTTP/1.1",
     {{"Host", "h"}, {"Content-Length", "0"}},
     ""},
    {"AgreeingLengths",
     "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2, 2\r\n\r\nhi",
     "POST",
     "/",
     "/",
     "",
     "HTTP/1.1",
     {{"Host", "h"}, {"Content-Length", "2, 2"}},
     "hi"},
    {"NonAsciiValue",
     "GET / HTTP/1.1\r\nHost: h\r\nX-Name: Ren\xc3\xa9\r\n\r\n",
     "GET",
     "/",
     "/",
     "",
     "HTTP/1.1",
     {{"Host", "h"}, {"X-Name", "Ren\xc3\xa9"}},
     ""},
};

void expect_request(const Good& good, const HttpRequest& request) {
    EXPECT_EQ(request.method, good.method) << good.name;
    EXPECT_EQ(request.target, good.target) << good.name;
    EXPECT_EQ(request.path, good.path) << good.name;
    EXPECT_EQ(request.query, good.query) << good.name;
    EXPECT_EQ(request.version, good.version) << good.name;
    std::vector<std::pair<std::string, std::string>> headers(request.headers.begin(),
                                                             request.headers.end());
    EXPECT_EQ(headers, good.headers) << good.name;
    EXPECT_EQ(request.body, good.body) << good.name;
}

struct Bad {
    const char* name;
    std::string bytes;
    int status;
};

const std::vector<Bad> kBad = {
    {"NoVersion", "GET /\r\n\r\n", 400},
    {"TwoSpaces", "GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400},
    {"LowercaseVersion", "GET / http/1.1\r\nHost: h\r\n\r\n", 400},
    {"BadMethodCharacter", "G@T / HTTP/1.1\r\nHost: h\r\n\r\n", 400},
    {"ControlByteInTarget", "GET /a\x01 HTTP/1.1\r\nHost: h\r\n\r\n", 400},
    {"RelativeTarget", "GET index.html HTTP/1.1\r\nHost: h\r\n\r\n", 400},
    {"Http2", "GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505},
    {"Http09", "GET / HTTP/0.9\r\nHost: h\r\n\r\n", 505},
    {"Http3", "GET / HTTP/3.1\r\nHost: h\r\n\r\n", 505},
    {"HeaderWithoutColon", "GET / HTTP/1.1\r\nHost h\r\n\r\n", 400},
    {"SpaceBeforeColon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400},
    {"EmptyName", "GET / HTTP/1.1\r\nHost: h\r\n: v\r\n\r\n", 400},
    {"ObsFold", "GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n  b\r\n\r\n", 400},
    {"CarriageReturnInValue", "GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n", 400},
    {"NulInValue", "GET / HTTP/1.1\r\nHost: h\r\nX: a\0b\r\n\r\n"s, 400},
    // A line ends with CRLF, never LF alone, nor CR alone: a proxy that reads "X: a\nY: b" as
    // one field frames the request differently from us (see BareLineFeedHidesAField).
    {"BareLineFeeds", "GET / HTTP/1.1\nHost: h\nX: y\n\n", 400},
    {"BareLineFeedAfterTheRequestLine", "GET / HTTP/1.1\nHost: h\r\n\r\n", 400},
    {"BareLineFeedHidesAField",
     "GET / HTTP/1.1\r\nHost: h\r\nDummy: x\nContent-Length: 23\r\n\r\n"
     "GET /admin HTTP/1.1\r\n\r\n",
     400},
    {"BareLineFeedEndsTheHead", "GET / HTTP/1.1\r\nHost: h\r\n\n", 400},
    {"BareLineFeedBeforeTheRequest", "\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", 400},
    {"BareCarriageReturnInTheRequestLine", "GET / HTTP/1.1\rHost: h\r\n\r\n", 400},
    {"BareCarriageReturnStartsAField", "GET / HTTP/1.1\r\nHost: h\r\n\rX: y\r\n\r\n", 400},
    {"NoHost", "GET / HTTP/1.1\r\nX: y\r\n\r\n", 400},
    // Host is uri-host [ ":" port ] and nothing else (RFC 9112 section 3.2).
    {"HostWithASpace", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400},
    {"HostWithAPath", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400},
    {"HostWithAUserName", "GET / HTTP/1.1\r\nHost: user@a\r\n\r\n", 400},
    {"HostWithABadPort", "GET / HTTP/1.1\r\nHost: a:80x\r\n\r\n", 400},
    {"HostWithTwoPorts", "GET / HTTP/1.1\r\nHost: a:1:2\r\n\r\n", 400},
    {"HostWithAnOpenBracket", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", 400},
    {"HostWithABadEscape", "GET / HTTP/1.1\r\nHost: a%zz\r\n\r\n", 400},
    {"TwoHosts", "GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400},
    {"LengthNotANumber", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: ten\r\n\r\n", 400},
    {"NegativeLength", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 400},
    {"LengthWithSign", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +1\r\n\r\n", 400},
    {"LengthOverflows",
     "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 18446744073709551616\r\n\r\n", 400},
    {"DisagreeingLengths",
     "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400},
    {"DisagreeingList", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1, 2\r\n\r\n", 400},
    {"RequestLineTooLong",
     "GET /" + std::string(RequestParser::kMaxRequestLine, 'a') + " HTTP/1.1\r\n", 414},
    {"RequestLineTooLongAndUnfinished", "GET /" + std::string(RequestParser::kMaxRequestLine, 'a'),
     414},
    {"HeadTooLarge", "GET / HTTP/1.1\r\nHost: h\r\nX: " + std::string(RequestParser::kMaxHead, 'x'),
     431},
    {"TooManyHeaders",
     [] {
         std::string request = "GET / HTTP/1.1\r\nHost: h\r\n";
         for (std::size_t i = 0; i < RequestParser::kMaxHeaders; ++i)
             request += "X: y\r\n";
         return request + "\r\n";
     }(),
     431},
};

}  // namespace

SNOW_TEST(RequestParser, ReadsEveryGoodRequestWhole, since(4)) {
    for (const Good& good : kGood) {
        RequestParser parser;
        ParseResult result = parse(parser, good.bytes);
        ASSERT_EQ(result.status, ParseStatus::Complete) << good.name;
        EXPECT_EQ(result.consumed, good.bytes.size()) << good.name;
        expect_request(good, parser.request());
    }
}

// However the network cuts a request, the parser keeps its place and the result is the same.
SNOW_TEST(RequestParser, ReadsEveryGoodRequestCutInTwoAtEveryByte, since(4)) {
    for (const Good& good : kGood) {
        for (std::size_t cut = 0; cut < good.bytes.size(); ++cut) {
            RequestParser parser;
            ASSERT_EQ(parse(parser, good.bytes.substr(0, cut)).status, ParseStatus::Incomplete)
                << good.name << " cut at " << cut;
            ParseResult result = parse(parser, good.bytes);
            ASSERT_EQ(result.status, ParseStatus::Complete) << good.name << " cut at " << cut;
            EXPECT_EQ(result.consumed, good.bytes.size());
            expect_request(good, parser.request());
        }
    }
}

SNOW_TEST(RequestParser, ReadsEveryGoodRequestOneByteAtATime, since(4)) {
    for (const Good& good : kGood) {
        RequestParser parser;
        ParseResult result{ParseStatus::Incomplete};
        for (std::size_t end = 1; end <= good.bytes.size(); ++end) {
            result = parse(parser, good.bytes.substr(0, end));
            if (end < good.bytes.size()) {
                ASSERT_EQ(result.status, ParseStatus::Incomplete) << good.name << " at " << end;
            }
        }
        ASSERT_EQ(result.status, ParseStatus::Complete) << good.name;
        expect_request(good, parser.request());
    }
}

SNOW_TEST(RequestParser, RefusesEveryBadRequestWithItsStatus, since(4)) {
    for (const Bad& bad : kBad) {
        RequestParser parser;
        ParseResult result = parse(parser, bad.bytes);
        EXPECT_EQ(result.status, ParseStatus::Error) << bad.name;
        EXPECT_EQ(result.error, bad.status) << bad.name;
    }
}

SNOW_TEST(RequestParser, RefusesEveryBadRequestFedOneByteAtATime, since(4)) {
    for (const Bad& bad : kBad) {
        RequestParser parser;
        ParseResult result{ParseStatus::Incomplete};
        for (std::size_t end = 1; end <= bad.bytes.size(); ++end) {
            result = parse(parser, std::string_view(bad.bytes).substr(0, end));
            if (result.status != ParseStatus::Incomplete) break;
        }
        EXPECT_EQ(result.status, ParseStatus::Error) << bad.name;
        EXPECT_EQ(result.error, bad.status) << bad.name;
    }
}

// Pipelining: a second request may follow the first in the same bytes. The parser takes only
// its own request's bytes and leaves the rest for the next parse.
SNOW_TEST(RequestParser, TakesOnlyItsOwnRequestFromPipelinedBytes, since(4)) {
    std::string first = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc";
    std::string second = "GET /b HTTP/1.1\r\nHost: h\r\n\r\n";
    std::string both = first + second;
    RequestParser parser;
    ParseResult result = parse(parser, both);
    ASSERT_EQ(result.status, ParseStatus::Complete);
    EXPECT_EQ(result.consumed, first.size());
    EXPECT_EQ(parser.request().body, "abc");
    parser.reset();
    result = parse(parser, std::string_view(both).substr(first.size()));
    ASSERT_EQ(result.status, ParseStatus::Complete);
    EXPECT_EQ(result.consumed, second.size());
    EXPECT_EQ(parser.request().path, "/b");
    EXPECT_EQ(parser.request().body, "");
}

SNOW_TEST(RequestParser, FindsHeadersWhateverTheirCase, since(4)) {
    RequestParser parser;
    ASSERT_EQ(parse(parser, "GET / HTTP/1.1\r\nhOsT: h\r\ncontent-LENGTH: 0\r\n\r\n").status,
              ParseStatus::Complete);
    ASSERT_NE(parser.request().headers.find("Host"), nullptr);
    EXPECT_EQ(*parser.request().headers.find("HOST"), "h");
    EXPECT_EQ(parser.request().headers.find("Content-Length")->size(), 1u);
    EXPECT_EQ(parser.request().headers.find("Accept"), nullptr);
}

// Chunked bodies are read from chapter 10 on; before, the parser refuses them with 501.
SNOW_TEST(RequestParser, ReadsAChunkedBody, since(4), fixed_in(10)) {
    std::string request =
        "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5\r\nhello\r\n7;ext=1\r\n, snow!\r\n0\r\nTrailer: x\r\n\r\n";
    RequestParser parser;
    ParseResult result = parse(parser, request);
    ASSERT_EQ(result.status, ParseStatus::Complete);
    EXPECT_EQ(result.consumed, request.size());
    EXPECT_EQ(parser.request().body, "hello, snow!");
}

// A Content-Length over 4 GiB stays whole: a 32-bit std::size_t would have read 4294967301 as
// 5, framed a 5-byte body and served the bytes after it as the next request. The request waits
// for its 4 GiB, or, from chapter 10 on, is refused with 413; it is never complete.
SNOW_TEST(RequestParser, KeepsALengthOver4GiBWhole, since(4)) {
    RequestParser parser;
    ParseResult result =
        parse(parser, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4294967301\r\n\r\nhello");
    EXPECT_NE(result.status, ParseStatus::Complete);
}
