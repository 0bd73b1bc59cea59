// Exercise 13.2 (docs/exercises/13-static-files.md): how long a cache may keep a file. With
// --cache-max-age N, every file served from the root says "Cache-Control: max-age=N", and so
// does the 304 that stands for one; a refusal (404) does not. A value that is not a whole number
// of seconds exits 2, naming the option. Without the option nothing changes.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kStyle = "body { color: red }\n";

// A root holding site.css; removed after the test.
class Site {
  public:
    Site() {
        std::string pattern = fs::temp_directory_path() / "snow-ex13.2-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        root_ = pattern;
        std::ofstream(root_ / "site.css", std::ios::binary) << kStyle;
    }
    ~Site() { fs::remove_all(root_); }

    // --root and the extra options given.
    std::vector<std::string> args(std::vector<std::string> more) const {
        more.insert(more.begin(), {"--root", root_.string()});
        return more;
    }

  private:
    fs::path root_;
};

// The program serving a new Site with --cache-max-age `seconds`.
struct CachingServer {
    explicit CachingServer(const std::string& seconds)
        : server(site.args({"--cache-max-age", seconds})) {}
    std::uint16_t port() const { return server.port(); }

    Site site;  // made first: the server serves it
    ServerProcess server;
};

// Passes if `response` has the header Cache-Control: `value` (or none, if `value` is empty).
testing::AssertionResult caches_for(const Response& response, std::string_view value) {
    auto got = response.header("Cache-Control");
    if (value.empty() ? !got : got && *got == value) return testing::AssertionSuccess();
    std::string wanted =
        value.empty() ? "no Cache-Control" : "Cache-Control: " + std::string(value);
    std::string what = got ? "Cache-Control: " + *got : "no Cache-Control";
    return testing::AssertionFailure() << "wanted " << wanted << ", got " << what << "\n"
                                       << describe(response);
}

}  // namespace

EXERCISE_TEST(Ex13_2, TellsACacheHowLongToKeepAFile, fails_with("unknown option --cache-max-age")) {
    CachingServer server("3600");
    Response response = round_trip(server.port(), get("/static/site.css"));
    ASSERT_TRUE(answered(response, 200, kStyle));
    EXPECT_TRUE(caches_for(response, "max-age=3600"));
    Client client(server.port());
    ASSERT_TRUE(client.send("HEAD /static/site.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    Response head = read_response(client, true, 5s);
    ASSERT_TRUE(answered(head, 200)) << "the answer to HEAD";
    EXPECT_TRUE(caches_for(head, "max-age=3600")) << "HEAD's head is GET's";
}

// RFC 9110 section 15.4.5: a 304 repeats the Cache-Control that the 200 would have carried.
EXERCISE_TEST(Ex13_2, RepeatsItOnANotModified, fails_with("unknown option --cache-max-age")) {
    CachingServer server("60");
    Response first = round_trip(server.port(), get("/static/site.css"));
    ASSERT_TRUE(answered(first, 200, kStyle));
    ASSERT_TRUE(first.header("ETag")) << describe(first);
    Response again = round_trip(
        server.port(), get("/static/site.css", "If-None-Match: " + *first.header("ETag") + "\r\n"));
    ASSERT_TRUE(answered(again, 304)) << "asked again with the file's own ETag";
    EXPECT_TRUE(caches_for(again, "max-age=60")) << "a 304 says again how long the copy is good";
}

// A file that is not there now may be there in a second: a 404 must not be kept for an hour.
EXERCISE_TEST(Ex13_2, SaysNothingOnARefusal, fails_with("unknown option --cache-max-age")) {
    CachingServer server("3600");
    Response missing = round_trip(server.port(), get("/static/missing.css"));
    ASSERT_TRUE(answered(missing, 404));
    EXPECT_TRUE(caches_for(missing, ""));
    EXPECT_TRUE(caches_for(round_trip(server.port(), get("/static/site.css")), "max-age=3600"))
        << "the file that is there";
}

// Zero is a good value ("ask every time"); what is no whole number of seconds is a mistake.
EXERCISE_TEST(Ex13_2, TakesOnlyAWholeNumberOfSeconds,
              fails_with("unknown option --cache-max-age")) {
    CachingServer zero("0");
    EXPECT_TRUE(caches_for(round_trip(zero.port(), get("/static/site.css")), "max-age=0"));
    for (std::string bad : {"-1", "1h", "", "99999999999"}) {
        EXPECT_TRUE(exited(run_to_exit(zero.site.args({"--port", "0", "--cache-max-age", bad}), 2s),
                           2, "--cache-max-age"))
            << "--cache-max-age '" << bad << "'";
    }
}
