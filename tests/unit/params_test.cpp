// Query and form parameters, percent-decoding, Headers::set and the content-type helpers.
// From chapter 13 on, and in snow/.
#include <string>

#include "behaviour.hpp"
#include "params.hpp"
#include "request.hpp"
#include "response.hpp"

SNOW_TEST(PercentDecode, TurnsEscapesIntoBytes, since(13)) {
    EXPECT_EQ(percent_decode("a%20b"), "a b");
    EXPECT_EQ(percent_decode("%2e%2E%2f"), "../");
    EXPECT_EQ(percent_decode("%00"), std::string(1, '\0'));
    EXPECT_EQ(percent_decode("a+b"), "a+b");  // '+' is a space only in forms
    EXPECT_EQ(percent_decode(""), "");
}

SNOW_TEST(PercentDecode, RefusesAPercentThatIsNoEscape, since(13)) {
    EXPECT_EQ(percent_decode("%"), std::nullopt);
    EXPECT_EQ(percent_decode("a%2"), std::nullopt);
    EXPECT_EQ(percent_decode("%zz"), std::nullopt);
    EXPECT_EQ(percent_decode("100%"), std::nullopt);
}

SNOW_TEST(Params, DecodesNamesAndValues, since(13)) {
    Params params("q=snow+flake&lang=c%2B%2B&empty=&flag");
    EXPECT_EQ(params.size(), 4u);
    EXPECT_EQ(params.get("q"), "snow flake");
    EXPECT_EQ(params.get("lang"), "c++");
    ASSERT_NE(params.find("empty"), nullptr);
    EXPECT_EQ(*params.find("empty"), "");
    EXPECT_EQ(params.get("flag", "x"), "");
    EXPECT_EQ(params.find("missing"), nullptr);
    EXPECT_EQ(params.get("missing", "fallback"), "fallback");
}

SNOW_TEST(Params, KeepsEveryValueOfARepeatedName, since(13)) {
    Params params("tag=a&tag=b&other=c&tag=d");
    auto tags = params.values("tag");
    ASSERT_EQ(tags.size(), 3u);
    EXPECT_EQ(tags[0], "a");
    EXPECT_EQ(tags[1], "b");
    EXPECT_EQ(tags[2], "d");
    EXPECT_EQ(params.get("tag"), "a");
}

// As browsers do: a '%' that is no escape stays, empty pairs go, names keep their case.
SNOW_TEST(Params, IsLenientLikeABrowser, since(13)) {
    Params params("&&a=100%&b=%zz&&A=upper&");
    EXPECT_EQ(params.size(), 3u);
    EXPECT_EQ(params.get("a"), "100%");
    EXPECT_EQ(params.get("b"), "%zz");
    EXPECT_EQ(params.get("A"), "upper");
    EXPECT_TRUE(Params("").empty());
}

SNOW_TEST(Params, ComeFromTheQueryOfARequest, since(13)) {
    HttpRequest request;
    request.query = "name=J%C3%BCrgen&page=2";
    Params params = request.query_params();
    EXPECT_EQ(params.get("name"), "J\xC3\xBCrgen");
    EXPECT_EQ(params.get("page"), "2");
}

SNOW_TEST(Params, ComeFromAFormBodyOnlyIfItIsAForm, since(13)) {
    HttpRequest request;
    request.body = "message=hello+world&to=all";
    EXPECT_TRUE(request.form_params().empty());  // no Content-Type: not a form
    request.headers.add("Content-Type", "Application/X-WWW-Form-Urlencoded; charset=utf-8");
    EXPECT_EQ(request.form_params().get("message"), "hello world");
    HttpRequest json;
    json.body = "a=1";
    json.headers.add("Content-Type", "application/json");
    EXPECT_TRUE(json.form_params().empty());
}

SNOW_TEST(Headers, SetReplacesEveryFieldOfThatName, since(13)) {
    Headers headers;
    headers.add("Content-Type", "text/plain");
    headers.add("X-One", "1");
    headers.add("content-type", "text/html");
    headers.set("CONTENT-TYPE", "image/png");
    ASSERT_EQ(headers.size(), 2u);
    EXPECT_EQ(headers.begin()->first, "Content-Type");  // where the first one stood
    EXPECT_EQ(headers.begin()->second, "image/png");
    EXPECT_EQ(headers.values("Content-Type").size(), 1u);
    headers.set("X-Two", "2");
    EXPECT_EQ(headers.size(), 3u);
    EXPECT_EQ(*headers.find("x-two"), "2");
}

SNOW_TEST(Response, HelpersSayTheContentType, since(13)) {
    EXPECT_EQ(*HttpResponse::html("<p>hi</p>").headers.find("Content-Type"),
              "text/html; charset=utf-8");
    HttpResponse json = HttpResponse::json("{}", 201);
    EXPECT_EQ(json.status, 201);
    EXPECT_EQ(json.body, "{}");
    EXPECT_EQ(*json.headers.find("Content-Type"), "application/json");
    EXPECT_EQ(*HttpResponse::text("hi").headers.find("Content-Type"), "text/plain; charset=utf-8");
    HttpResponse svg = HttpResponse::with_type("<svg/>", "image/svg+xml");
    svg.set_content_type("image/svg+xml; charset=utf-8");
    EXPECT_EQ(svg.headers.values("Content-Type").size(), 1u);
}
