// Exercise 13.1 (docs/exercises/13-static-files.md): precompressed files. Beside a file F under
// the root may lie F.gz, the same file compressed ahead of time. A client whose Accept-Encoding
// lists gzip (with a weight other than q=0) gets F.gz's bytes, with "Content-Encoding: gzip",
// F's Content-Type, and F.gz's own ETag; any other client gets F. Both answers carry
// "Vary: Accept-Encoding". A file without a sibling is served as before.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;
namespace fs = std::filesystem;

namespace {

// The server does not look inside a .gz, so these bytes need not be real gzip; they only need
// to differ from the plain file's, so that the test can tell which one came.
constexpr std::string_view kPlain = "body { color: red }\n";
constexpr std::string_view kCompressed = "\x1f\x8b pretend-gzip of site.css";

// A root holding site.css and site.css.gz, and plain.txt with no sibling; removed after the test.
class Site {
  public:
    Site() {
        std::string pattern = fs::temp_directory_path() / "snow-ex13-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        root_ = pattern;
        std::ofstream(root_ / "site.css", std::ios::binary) << kPlain;
        std::ofstream(root_ / "site.css.gz", std::ios::binary) << kCompressed;
        std::ofstream(root_ / "plain.txt", std::ios::binary) << "plain\n";
    }
    ~Site() { fs::remove_all(root_); }

    std::vector<std::string> args() const { return {"--root", root_.string()}; }

  private:
    fs::path root_;
};

// Passes if `response`'s header `name` is `value`; else says what it was and what came.
testing::AssertionResult has_header(const Response& response, std::string_view name,
                                    std::string_view value) {
    auto got = response.header(name);
    if (got && *got == value) return testing::AssertionSuccess();
    std::string what = got ? std::string(name) + ": " + *got : "no " + std::string(name);
    return testing::AssertionFailure()
           << "wanted " << name << ": " << value << ", got " << what << "\n"
           << describe(response);
}

}  // namespace

EXERCISE_TEST(Ex13_1, SendsTheGzSiblingToAClientThatTakesGzip,
              fails_with("wanted Content-Encoding: gzip")) {
    Site site;
    ServerProcess server(site.args());
    Response response =
        round_trip(server.port(), get("/static/site.css", "Accept-Encoding: br, gzip\r\n"));
    ASSERT_TRUE(answered(response, 200));
    EXPECT_TRUE(has_header(response, "Content-Encoding", "gzip"));
    EXPECT_EQ(response.body, kCompressed) << "the body should be site.css.gz's\n"
                                          << describe(response);
    EXPECT_TRUE(has_header(response, "Content-Type", "text/css; charset=utf-8"))
        << "the type of site.css, not of a .gz";
    EXPECT_TRUE(has_header(response, "Vary", "Accept-Encoding"));
}

EXERCISE_TEST(Ex13_1, SendsThePlainFileToAnyOtherClient,
              fails_with("wanted Vary: Accept-Encoding")) {
    Site site;
    ServerProcess server(site.args());
    for (std::string_view accept : {"", "Accept-Encoding: br\r\n", "Accept-Encoding: gzip;q=0\r\n",
                                    "Accept-Encoding: gzip; q=0.000, br\r\n"}) {
        Response response = round_trip(server.port(), get("/static/site.css", accept));
        ASSERT_TRUE(answered(response, 200, kPlain)) << "the plain site.css, for this client";
        EXPECT_FALSE(response.header("Content-Encoding")) << describe(response);
        EXPECT_TRUE(has_header(response, "Vary", "Accept-Encoding"))
            << "the answer depends on Accept-Encoding: a cache must know";
    }
}

EXERCISE_TEST(Ex13_1, GivesTheGzSiblingItsOwnETag, fails_with("the same ETag for both")) {
    Site site;
    ServerProcess server(site.args());
    Response plain = round_trip(server.port(), get("/static/site.css"));
    Response compressed =
        round_trip(server.port(), get("/static/site.css", "Accept-Encoding: gzip\r\n"));
    ASSERT_TRUE(plain.header("ETag")) << describe(plain);
    ASSERT_TRUE(compressed.header("ETag")) << describe(compressed);
    EXPECT_NE(*plain.header("ETag"), *compressed.header("ETag"))
        << "the same ETag for both: a cache would take one body for the other\n"
        << describe(plain) << "\n"
        << describe(compressed);
}
