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
