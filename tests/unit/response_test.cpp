// HttpResponse and write_response (chapter 05 on): what goes on the wire.
#include <string>

#include "behaviour.hpp"
#include "buffer.hpp"
#include "response.hpp"

namespace {

std::string written(const HttpResponse& response, bool head_only, bool keep_alive) {
    Buffer out;
    write_response(out, response, head_only, keep_alive);
    return std::string(out.readable());
}

// The Date line changes every second: replace its value to compare the rest exactly.
std::string without_date(std::string text) {
    auto at = text.find("Date: ");
    if (at != std::string::npos) text.replace(at + 6, text.find("\r\n", at) - at - 6, "<date>");
    return text;
}

}  // namespace

SNOW_TEST(Response, KeepsTheSeedsConstructorFromContent, since(5)) {
    HttpResponse response("OK");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "OK");
}

SNOW_TEST(Response, NotFoundIs404WithTheSeedsContent, since(5)) {
    HttpNotFound not_found;
    EXPECT_EQ(not_found.status, 404);
    EXPECT_EQ(not_found.body, "404 Not Found");
}

SNOW_TEST(Response, WritesStatusLineHeadersAndBody, since(5)) {
    EXPECT_EQ(without_date(written(HttpResponse("OK"), false, true)),
              "HTTP/1.1 200 OK\r\n"
              "Content-Type: text/plain; charset=utf-8\r\n"
              "Content-Length: 2\r\n"
              "Date: <date>\r\n"
              "Connection: keep-alive\r\n"
              "\r\n"
              "OK");
}

SNOW_TEST(Response, WritesHeadersButNoBodyForHead, since(5)) {
    EXPECT_EQ(without_date(written(HttpNotFound(), true, false)),
              "HTTP/1.1 404 Not Found\r\n"
              "Content-Type: text/plain; charset=utf-8\r\n"
              "Content-Length: 13\r\n"
              "Date: <date>\r\n"
              "Connection: close\r\n"
              "\r\n");
}

SNOW_TEST(Response, KeepsItsOwnContentTypeAndHeaders, since(5)) {
    HttpResponse response("<p>hi</p>");
    response.headers.add("Content-Type", "text/html");
    response.headers.add("X-Snow", "1");
    std::string text = written(response, false, true);
    EXPECT_NE(text.find("\r\nContent-Type: text/html\r\nX-Snow: 1\r\n"), std::string::npos);
    EXPECT_EQ(text.find("text/plain"), std::string::npos);
}

SNOW_TEST(Response, FormatsDatesTheHttpWay, since(5)) {
    EXPECT_EQ(http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");  // RFC 9110's example
    EXPECT_EQ(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
}

// 1xx, 204 and 304 have no body: a client reads none after their head, so a body or a
// Content-Length there would be taken for the start of the next answer.
SNOW_TEST(Response, WritesNoBodyNorLengthWhereNoneMayBe, since(5)) {
    for (int status : {100, 204, 304}) {
        std::string text = written(HttpResponse("x", status), false, true);
        EXPECT_EQ(text.find("Content-Length"), std::string::npos) << status;
        EXPECT_EQ(text.find("Content-Type"), std::string::npos) << status;
        EXPECT_TRUE(text.ends_with("\r\n\r\n")) << status << ": " << text;
    }
    // On one connection, the answer after a 304 starts where its head ends.
    Buffer out;
    write_response(out, HttpResponse("x", 304), false, true);
    write_response(out, HttpResponse("next"), false, true);
    std::string both(out.readable());
    EXPECT_TRUE(both.substr(both.find("\r\n\r\n") + 4).starts_with("HTTP/1.1 200 OK\r\n")) << both;
}

SNOW_TEST(Response, HasThePhraseOfEveryRegisteredStatus, since(5)) {
    EXPECT_STREQ(reason_phrase(201), "Created");
    EXPECT_STREQ(reason_phrase(204), "No Content");
    EXPECT_STREQ(reason_phrase(304), "Not Modified");
    EXPECT_STREQ(reason_phrase(308), "Permanent Redirect");
    EXPECT_STREQ(reason_phrase(413), "Content Too Large");
    EXPECT_STREQ(reason_phrase(417), "Expectation Failed");
    EXPECT_STREQ(reason_phrase(422), "Unprocessable Content");
    EXPECT_STREQ(reason_phrase(429), "Too Many Requests");
    EXPECT_STREQ(reason_phrase(503), "Service Unavailable");
    EXPECT_STREQ(reason_phrase(504), "Gateway Timeout");
    for (int status : {100, 101, 200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304, 305,
                       307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412,
                       413, 414, 415, 416, 417, 421, 422, 426, 500, 501, 502, 503, 504, 505}) {
        std::string phrase = reason_phrase(status);
        for (const char* generic :
             {"Unknown", "Informational", "Success", "Redirection", "Client Error", "Server Error"})
            EXPECT_NE(phrase, generic) << status << " has no phrase of its own";
    }
    // A code nobody registered gets its class's name, never "Unknown".
    EXPECT_STREQ(reason_phrase(299), "Success");
    EXPECT_STREQ(reason_phrase(499), "Client Error");
    EXPECT_STREQ(reason_phrase(599), "Server Error");
}

SNOW_TEST(Response, AnswersAStatusThatIsNoStatusWith500, since(5)) {
    EXPECT_TRUE(written(HttpResponse("x", 42), false, true)
                    .starts_with("HTTP/1.1 500 Internal Server Error\r\n"));
    EXPECT_TRUE(written(HttpResponse("x", 1000), false, true).starts_with("HTTP/1.1 500 "));
}
