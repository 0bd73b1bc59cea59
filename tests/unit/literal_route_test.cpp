// Literal routes (chapter 12 on): a pattern with no character that means anything to a regex is
// kept as a literal, and matched with starts_with() (router_test.cpp checks that the answers
// are the regex's). One special character makes it a regex again.
#include "behaviour.hpp"
#include "router.hpp"

namespace {

Reply nothing(const HttpRequest&) {
    return HttpResponse("x");
}

}  // namespace

SNOW_TEST(Router, KeepsAPatternWithoutRegexCharactersAsALiteral, since(12)) {
    EXPECT_TRUE(Route("/index/", nothing).literal);
    EXPECT_TRUE(Route("/a-b_c~/", nothing).literal);
    EXPECT_FALSE(Route("/a.c/", nothing).literal);
    EXPECT_FALSE(Route(R"(/\d+/)", nothing).literal);
    EXPECT_FALSE(Route("^/static/(.*)$", nothing).literal);
}
