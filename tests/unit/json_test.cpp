// JSON strings: what json_string() escapes, and what it leaves alone.
// From chapter 14 on, and in snow/.
#include <string>

#include "behaviour.hpp"
#include "json.hpp"

SNOW_TEST(JsonString, QuotesPlainText, since(14)) {
    EXPECT_EQ(json_string("hello"), R"("hello")");
    EXPECT_EQ(json_string(""), R"("")");
}

SNOW_TEST(JsonString, EscapesQuotesAndBackslashes, since(14)) {
    EXPECT_EQ(json_string(R"(say "hi")"), R"("say \"hi\"")");
    EXPECT_EQ(json_string(R"(C:\dir\)"), R"("C:\\dir\\")");
    EXPECT_EQ(json_string(R"(\")"), R"("\\\"")");
}

SNOW_TEST(JsonString, EscapesEveryControlCharacterAsUnicode, since(14)) {
    EXPECT_EQ(json_string("a\nb"), R"("a\u000ab")");
    EXPECT_EQ(json_string("\t\r"), R"("\u0009\u000d")");
    EXPECT_EQ(json_string(std::string(1, '\0')), R"("\u0000")");
    EXPECT_EQ(json_string("\x1f"), R"("\u001f")");
    for (int c = 0; c < 0x20; ++c) {
        std::string escaped = json_string(std::string(1, static_cast<char>(c)));
        EXPECT_EQ(escaped.size(), 8u) << "control character " << c << ": " << escaped;
        EXPECT_TRUE(escaped.starts_with("\"\\u00")) << "control character " << c;
    }
}

// Markup is no business of JSON's: the page shows it with textContent, as text.
SNOW_TEST(JsonString, LeavesMarkupAndUtf8AsTheyAre, since(14)) {
    EXPECT_EQ(json_string("<script>alert(1)</script>"), R"("<script>alert(1)</script>")");
    EXPECT_EQ(json_string("caf\xc3\xa9 \xe2\x9d\x84"), "\"caf\xc3\xa9 \xe2\x9d\x84\"");
    EXPECT_EQ(json_string("\x7f/"), "\"\x7f/\"");  // DEL and '/' need no escape
}

SNOW_TEST(JsonString, AppendsToWhatIsThere, since(14)) {
    std::string out = "{\"body\":";
    append_json_string(out, "a\"b");
    EXPECT_EQ(out, R"({"body":"a\"b")");
}
