// RequestParser's body limit and chunked bodies (chapter 10 on), fed whole, cut at every byte,
// and one byte at a time.
#include <string>
#include <vector>

#include "behaviour.hpp"
#include "feeding.hpp"
#include "request_parser.hpp"

using snow_test::parse;
using snow_test::parse_one_byte_at_a_time;

namespace {

const std::string kChunkedHead =
    "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";

struct Chunked {
    const char* name;
    std::string chunks;
    std::string body;
};

const std::vector<Chunked> kChunked = {
    {"OneChunk", "5\r\nhello\r\n0\r\n\r\n", "hello"},
    {"SeveralChunks", "5\r\nhello\r\n2\r\n, \r\n4\r\nsnow\r\n0\r\n\r\n", "hello, snow"},
    {"HexSizes", "a\r\n0123456789\r\nA\r\nabcdefghij\r\n0\r\n\r\n", "0123456789abcdefghij"},
    {"Extensions", "5;a=b;c\r\nhello\r\n0;last\r\n\r\n", "hello"},
    {"Trailers", "5\r\nhello\r\n0\r\nX-One: 1\r\nX-Two: 2\r\n\r\n", "hello"},
    {"DataWithNewlines", "6\r\n\r\n\r\n\r\n\r\n0\r\n\r\n", "\r\n\r\n\r\n"},
    {"NoChunksAtAll", "0\r\n\r\n", ""},
    // Whitespace may stand around ';' and '=' (BWS), and a value may be a quoted string.
    {"ExtensionsWithSpacesAndQuotes", "5 ; a = b ;c=\"x;y \\\"z\\\"\"\r\nhello\r\n0\r\n\r\n",
     "hello"},
};

struct Bad {
    const char* name;
    std::string request;
    int status;
};

const std::vector<Bad> kBad = {
    {"SizeNotHex", kChunkedHead + "g\r\nx\r\n0\r\n\r\n", 400},
    {"SizeEmpty", kChunkedHead + "\r\nx\r\n0\r\n\r\n", 400},
    {"NoCrlfAfterData", kChunkedHead + "3\r\nabcX\r\n0\r\n\r\n", 400},
    // The chunk-size line to the grammar (RFC 9112 section 7.1.1), and CRLF, never LF alone.
    {"EmptyExtensionName", kChunkedHead + "2;\r\nab\r\n0\r\n\r\n", 400},
    {"SpaceAfterTheSize", kChunkedHead + "2 \r\nab\r\n0\r\n\r\n", 400},
    {"WordAfterTheSize", kChunkedHead + "2 x\r\nab\r\n0\r\n\r\n", 400},
    {"ExtensionWithoutItsValue", kChunkedHead + "2;a=\r\nab\r\n0\r\n\r\n", 400},
    {"UnclosedQuote", kChunkedHead + "2;a=\"b\r\nab\r\n0\r\n\r\n", 400},
    {"SpaceAfterAnExtension", kChunkedHead + "2;a=b \r\nab\r\n0\r\n\r\n", 400},
    {"BareLineFeedAfterTheSize", kChunkedHead + "2\nab\r\n0\r\n\r\n", 400},
    {"BareLineFeedAfterTheData", kChunkedHead + "2\r\nab\n0\r\n\r\n", 400},
    {"BareLineFeedAfterTheTrailers", kChunkedHead + "2\r\nab\r\n0\r\n\n", 400},
    {"ChunkOverMaximum", kChunkedHead + "401\r\n", 413},  // 1025 > 1024
    {"ChunksAddUpOverMaximum", kChunkedHead + "200\r\n" + std::string(512, 'a') + "\r\n201\r\n",
     413},
    {"SizeLineTooLong", kChunkedHead + "5;" + std::string(RequestParser::kMaxChunkLine, 'e'), 400},
    {"LengthOverMaximum", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1025\r\n\r\n", 413},
    {"LengthAndEncoding",
     "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
    {"ChunkedNotLast", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
     400},
    {"UnknownCoding", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", 400},
    {"CodingBeforeChunked",
     "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501},
    {"ChunkedInHttp10", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
    // chunked is understood, but applied twice it is not a framing a sender may use (6.1).
    {"ChunkedTwice", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
     400},
    {"LengthOver4GiB", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4294967301\r\n\r\nhello",
     413},
    {"AnExpectationWeCannotMeet",
     "POST / HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\nhi", 417},
    // Expect: 100-continue with a body over the limit: 413 from the head, no body awaited.
    {"AnnouncedBodyOverTheMaximum",
     "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1025\r\n\r\n", 413},
};

constexpr std::size_t kMaxBody = 1024;

}  // namespace

SNOW_TEST(RequestParserLimits, ReadsChunkedBodiesHoweverTheyAreCut, since(10)) {
    for (const Chunked& chunked : kChunked) {
        std::string request = kChunkedHead + chunked.chunks;
        for (std::size_t cut = 0; cut < request.size(); ++cut) {
            RequestParser parser(kMaxBody);
            ASSERT_EQ(parse(parser, request.substr(0, cut)).status, ParseStatus::Incomplete)
                << chunked.name << " cut at " << cut;
            ParseResult result = parse(parser, request);
            ASSERT_EQ(result.status, ParseStatus::Complete) << chunked.name << " cut at " << cut;
            EXPECT_EQ(result.consumed, request.size()) << chunked.name;
            EXPECT_EQ(parser.request().body, chunked.body) << chunked.name;
        }
        RequestParser parser(kMaxBody);
        ParseResult result = parse_one_byte_at_a_time(parser, request);
        ASSERT_EQ(result.status, ParseStatus::Complete) << chunked.name;
        EXPECT_EQ(parser.request().body, chunked.body) << chunked.name;
    }
}

SNOW_TEST(RequestParserLimits, RefusesBadFramingWithItsStatus, since(10)) {
    for (const Bad& bad : kBad) {
        RequestParser whole(kMaxBody);
        ParseResult result = parse(whole, bad.request);
        EXPECT_EQ(result.status, ParseStatus::Error) << bad.name;
        EXPECT_EQ(result.error, bad.status) << bad.name;
        RequestParser bytewise(kMaxBody);
        result = parse_one_byte_at_a_time(bytewise, bad.request);
        EXPECT_EQ(result.status, ParseStatus::Error) << bad.name << ", one byte at a time";
        EXPECT_EQ(result.error, bad.status) << bad.name << ", one byte at a time";
    }
}

SNOW_TEST(RequestParserLimits, AcceptsABodyOfExactlyTheMaximum, since(10)) {
    std::string body(kMaxBody, 'b');
    RequestParser by_length(kMaxBody);
    EXPECT_EQ(parse(by_length, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1024\r\n\r\n" + body)
                  .status,
              ParseStatus::Complete);
    RequestParser by_chunks(kMaxBody);
    EXPECT_EQ(parse(by_chunks, kChunkedHead + "400\r\n" + body + "\r\n0\r\n\r\n").status,
              ParseStatus::Complete);
    EXPECT_EQ(by_chunks.request().body, body);
}

// A chunked request is followed by the next one on the connection; the parser takes only its own.
SNOW_TEST(RequestParserLimits, TakesOnlyItsOwnChunkedRequestFromPipelinedBytes, since(10)) {
    std::string first = kChunkedHead + "3\r\nabc\r\n0\r\n\r\n";
    RequestParser parser(kMaxBody);
    ParseResult result = parse(parser, first + "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    ASSERT_EQ(result.status, ParseStatus::Complete);
    EXPECT_EQ(result.consumed, first.size());
}

// The body limit counts decoded bytes; the chunked framing around them is bounded too, or one-byte
// chunks with long extensions would make the server hold ~1000 times max_body.
SNOW_TEST(RequestParserLimits, BoundsTheChunkedFramingToo, since(10)) {
    std::string chunks;
    for (int i = 0; i < 200; ++i)
        chunks += "1;" + std::string(900, 'e') + "\r\nx\r\n";
    RequestParser parser(kMaxBody);
    ParseResult result = parse(parser, kChunkedHead + chunks);
    EXPECT_EQ(result.status, ParseStatus::Error);
    EXPECT_EQ(result.error, 413);
}

// "Expect: 100-continue": once the head is read, and only if a body is to come, the parser says
// the client waits for "100 Continue" (RFC 9110 section 10.1.1).
SNOW_TEST(RequestParserLimits, SaysWhenAClientAwaitsContinue, since(10)) {
    std::string head =
        "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 5\r\n\r\n";
    RequestParser parser(kMaxBody);
    EXPECT_EQ(parse(parser, head.substr(0, head.size() - 1)).status, ParseStatus::Incomplete);
    EXPECT_FALSE(parser.awaits_continue()) << "before the head is whole";
    EXPECT_EQ(parse(parser, head).status, ParseStatus::Incomplete);
    EXPECT_TRUE(parser.awaits_continue());
    parser.continue_sent();
    EXPECT_FALSE(parser.awaits_continue());
    EXPECT_EQ(parse(parser, head + "hello").status, ParseStatus::Complete);
    EXPECT_EQ(parser.request().body, "hello");

    RequestParser chunked(kMaxBody);
    EXPECT_EQ(parse(chunked, kChunkedHead.substr(0, kChunkedHead.size() - 2) +
                                 "Expect: 100-continue\r\n\r\n")
                  .status,
              ParseStatus::Incomplete);
    EXPECT_TRUE(chunked.awaits_continue());

    RequestParser no_body(kMaxBody);
    EXPECT_EQ(parse(no_body, "GET / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n\r\n").status,
              ParseStatus::Complete);
    EXPECT_FALSE(no_body.awaits_continue());

    // HTTP/1.0 had no Expect: a server must ignore it there, whatever it says.
    RequestParser old(kMaxBody);
    EXPECT_EQ(parse(old, "POST / HTTP/1.0\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n").status,
              ParseStatus::Incomplete);
    EXPECT_FALSE(old.awaits_continue());
}
