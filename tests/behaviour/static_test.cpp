// Static files (chapter 13): the program, started with --root, serves a folder that each test
// makes (ch13-snow, and snow/'s `static` example), and real clients ask for its files, and for
// files they must not get.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "behaviour.hpp"
#include "client.hpp"
#include "command.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

// A folder to serve, removed after the test:
//   base/secret.txt, base/root2/secret.txt (a sibling with the root's prefix)
//   base/root/: index.html, small.txt, sub/index.html, and the symlinks link-out ->
//   ../secret.txt and link-sibling -> ../root2
class Site {
  public:
    Site() {
        std::string pattern = fs::temp_directory_path() / "snow-static-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        base_ = fs::canonical(pattern);
        fs::create_directories(root() / "sub");
        fs::create_directories(base_ / "root2");
        write("index.html", "<h1>home</h1>\n");
        write("small.txt", "small\n");
        write("sub/index.html", "<h1>sub</h1>\n");
        std::ofstream(base_ / "secret.txt") << "SECRET\n";
        std::ofstream(base_ / "root2" / "secret.txt") << "SECRET2\n";
        fs::create_symlink("../secret.txt", root() / "link-out");
        fs::create_symlink("../root2", root() / "link-sibling");
    }
    ~Site() { fs::remove_all(base_); }

    fs::path root() const { return base_ / "root"; }
    void write(const std::string& name, const std::string& content) const {
        std::ofstream(root() / name, std::ios::binary) << content;
    }
    // A file of `size` bytes that takes no disk space: a hole, read as zeros.
    void sparse(const std::string& name, off_t size) const {
        int fd = ::open((root() / name).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0 || ::ftruncate(fd, size) != 0) throw std::runtime_error("cannot make " + name);
        ::close(fd);
    }
    std::vector<std::string> args() const { return {"--root", root().string()}; }

  private:
    fs::path base_;
};

// The server's resident memory (VmRSS in /proc/PID/status), in KiB.
long resident_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);) {
        if (line.starts_with("VmRSS:")) return std::atol(line.c_str() + 6);
    }
    return -1;
}

std::string head_request(std::string_view path, std::string_view extra_headers = "") {
    return "HEAD " + std::string(path) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
           std::string(extra_headers) + "\r\n";
}

}  // namespace

SNOW_TEST(Static, ServesAFileWithTheTypeOfItsExtension, since(13)) {
    Site site;
    const std::pair<const char*, const char*> types[] = {
        {"a.html", "text/html; charset=utf-8"},
        {"a.css", "text/css; charset=utf-8"},
        {"a.js", "text/javascript; charset=utf-8"},
        {"a.json", "application/json"},
        {"a.svg", "image/svg+xml"},
        {"a.png", "image/png"},
        {"a.jpeg", "image/jpeg"},
        {"a.jpg", "image/jpeg"},
        {"a.gif", "image/gif"},
        {"a.ico", "image/x-icon"},
        {"a.txt", "text/plain; charset=utf-8"},
        {"a.wasm", "application/wasm"},
        {"a.woff2", "font/woff2"},
        {"A.PNG", "image/png"},
        {"a.unknown", "application/octet-stream"},
        {"no-extension", "application/octet-stream"},
    };
    for (auto [name, type] : types)
        site.write(name, std::string("content of ") + name);
    ServerProcess server(site.args());
    Client client(server.port());
    for (auto [name, type] : types) {
        SCOPED_TRACE(name);
        ASSERT_TRUE(client.send(get(std::string("/static/") + name)));
        Response response = read_response(client);
        EXPECT_TRUE(answered(response, 200, std::string("content of ") + name));
        EXPECT_EQ(response.header("Content-Type").value_or("none"), type);
    }
}

SNOW_TEST(Static, AnswersHeadWithTheLengthAndNoBody, since(13)) {
    Site site;
    site.write("page.html", std::string(5000, 'h'));
    ServerProcess server(site.args());
    Client client(server.port());
    // HEAD, then GET on the same connection: a body after the HEAD would break the framing.
    ASSERT_TRUE(client.send(head_request("/static/page.html") + get("/static/small.txt")));
    Response head = read_response(client, true);
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("Content-Length").value_or(""), "5000");
    EXPECT_EQ(head.header("Content-Type").value_or(""), "text/html; charset=utf-8");
    EXPECT_TRUE(answered(read_response(client), 200, "small\n"));
}

SNOW_TEST(Static, AFolderAnswersItsIndexHtml, since(13)) {
    Site site;
    ServerProcess server(site.args());
    EXPECT_TRUE(answered(round_trip(server.port(), get("/static/")), 200, "<h1>home</h1>\n"));
    Response sub = round_trip(server.port(), get("/static/sub/"));
    EXPECT_TRUE(answered(sub, 200, "<h1>sub</h1>\n"));
    EXPECT_EQ(sub.header("Content-Type").value_or(""), "text/html; charset=utf-8");
}

SNOW_TEST(Static, AnswersWhatIsNotThereWith404, since(13)) {
    Site site;
    ServerProcess server(site.args());
    EXPECT_EQ(round_trip(server.port(), get("/static/missing.txt")).status, 404);
    EXPECT_EQ(round_trip(server.port(), get("/static/small.txt/more")).status, 404);
    EXPECT_EQ(round_trip(server.port(), get("/elsewhere")).status, 404);  // no route
}

// Every way out of the root, sent as is over a raw socket (a client library would fold the
// dots first). None may answer the secret; each is 400 or 403, or 404 where the path is read as
// a file inside the root.
SNOW_TEST(Static, RefusesEveryWayOutOfTheRoot, since(13)) {
    Site site;
    ServerProcess server(site.args());
    const std::pair<const char*, int> attacks[] = {
        {"/static/../secret.txt", 403},
        {"/static/sub/../../secret.txt", 403},
        {"/static/%2e%2e/secret.txt", 403},
        {"/static/%2E%2E%2Fsecret.txt", 403},
        {"/static/..%2fsecret.txt", 403},
        {"/static/../root2/secret.txt", 403},
        {"/static/link-out", 403},
        {"/static/link-sibling/secret.txt", 403},
        {"/static//etc/passwd", 404},  // root/etc/passwd, not /etc/passwd
        {"/static/.%2f..%2fsecret.txt", 403},
        {"/static/small.txt%00.html", 400},
        {"/static/%00", 400},
        {"/static/..%5csecret.txt", 400},
        {"/static/%zz", 400},
    };
    for (auto [path, status] : attacks) {
        SCOPED_TRACE(path);
        Response response = round_trip(server.port(), get(path));
        EXPECT_EQ(response.status, status) << describe(response);
        EXPECT_FALSE(contains(response.body, "SECRET"));
    }
    // What stays inside is served, however it is spelled.
    EXPECT_TRUE(answered(round_trip(server.port(), get("/static/sub/../small.txt")), 200));
    EXPECT_TRUE(answered(round_trip(server.port(), get("/static/./sub//index.html")), 200));
    EXPECT_TRUE(answered(round_trip(server.port(), get("/static/sub%2findex.html")), 200));
}

// A real client that does not fold the dots when asked not to.
SNOW_TEST(Static, RefusesCurlsPathAsIs, since(13)) {
    Site site;
    ServerProcess server(site.args());
    std::string url = "http://127.0.0.1:" + std::to_string(server.port());
    CommandOutput curl = run_command("curl -s --path-as-is -w '%{http_code}' " + url +
                                     "/static/../secret.txt " + url + "/static/%2e%2e/secret.txt");
    ASSERT_EQ(curl.status, 0) << "is curl installed? " << curl.out;
    EXPECT_FALSE(contains(curl.out, "SECRET"));
    EXPECT_TRUE(contains(curl.out, "403 Forbidden\n403403 Forbidden\n403")) << curl.out;
}

SNOW_TEST(Static, AnswersOnlyGetAndHead, since(13)) {
    Site site;
    ServerProcess server(site.args());
    Response post = round_trip(server.port(), snow_test::post("/static/small.txt", "x"));
    EXPECT_EQ(post.status, 405);
    EXPECT_EQ(post.header("Allow").value_or(""), "GET");
}

// A file larger than the socket's buffers goes out whole, in order, to a reader that takes it
// slowly, and the answer pipelined behind it comes after it, not in the middle of it.
SNOW_TEST(Static, SendsAFileWholeAndAnswersWhatWasPipelinedAfterIt, since(13)) {
    Site site;
    std::string big;
    for (int i = 0; big.size() < 5'000'000; ++i)
        big += std::to_string(i) + "\n";
    site.write("big.txt", big);
    ServerProcess server(site.args());
    Client client(server.port());
    client.set_receive_buffer(16 * 1024);
    ASSERT_TRUE(client.send(get("/static/big.txt") + get("/static/small.txt")));
    Response first = read_response(client, false, 20s);
    EXPECT_EQ(first.status, 200);
    EXPECT_TRUE(first.body == big) << "got " << first.body.size() << " of " << big.size();
    EXPECT_TRUE(answered(read_response(client), 200, "small\n"));
}

// The point of sendfile: a 1 GiB file to a slow client costs the server almost no memory, and
// other clients do not wait for it. The client reads 64 MiB, stops, and leaves mid-file: the
// server must notice (no SIGPIPE kills it) and go on.
SNOW_TEST(Static, SendsAHugeFileWithoutHoldingItAndWithoutStalling, since(13)) {
    Site site;
    site.sparse("huge.bin", off_t{1} << 30);
    ServerProcess server(site.args());
    EXPECT_TRUE(answered(round_trip(server.port(), get("/static/small.txt")), 200));  // warm up
    long before = resident_kib(server.pid());
    ASSERT_GT(before, 0);
    {
        Client slow(server.port());
        ASSERT_TRUE(slow.send(get("/static/huge.bin")));
        std::string head = slow.read_until("\r\n\r\n");
        ASSERT_TRUE(contains(head, "Content-Length: 1073741824\r\n"));
        ASSERT_TRUE(contains(head, "Content-Type: application/octet-stream\r\n"));
        for (int mib = 0; mib < 64; ++mib)
            ASSERT_EQ(slow.read_exactly(1 << 20).size(), 1u << 20) << "after " << mib << " MiB";
        // The slow client pauses with most of the file unsent: others are answered at once.
        auto start = Clock::now();
        Response other = round_trip(server.port(), get("/static/small.txt"));
        EXPECT_TRUE(answered(other, 200, "small\n"));
        EXPECT_LT(Clock::now() - start, 500ms);
        std::this_thread::sleep_for(200ms);
        long during = resident_kib(server.pid());
        EXPECT_LT(during - before, 10 * 1024) << "KiB resident: " << before << " -> " << during;
        for (int mib = 0; mib < 16; ++mib)  // it goes on where it stopped
            ASSERT_EQ(slow.read_exactly(1 << 20).size(), 1u << 20) << "after the pause";
        slow.close_with_reset();
    }  // gone mid-file
    std::this_thread::sleep_for(100ms);
    EXPECT_TRUE(server.running());
    EXPECT_TRUE(answered(round_trip(server.port(), get("/static/small.txt")), 200, "small\n"));
    EXPECT_EQ(server.stop(), 0);
}

SNOW_TEST(Static, RefusesARootThatIsNoFolder, since(13)) {
    EXPECT_TRUE(
        exited(run_to_exit({"--port", "0", "--root", "/no/such/folder"}), 2, "/no/such/folder"));
}

namespace {

// The answer to GET `path` with the extra header lines `conditions`, on a new connection.
Response conditional_get(std::uint16_t port, std::string_view path, std::string conditions) {
    return round_trip(port, get(path, conditions));
}

}  // namespace

SNOW_TEST(Static, TellsACacheWhatItNeedsToAskAgain, since(13)) {
    Site site;
    ServerProcess server(site.args());
    Response response = round_trip(server.port(), get("/static/small.txt"));
    EXPECT_TRUE(answered(response, 200, "small\n"));
    std::string etag = response.header("ETag").value_or("");
    EXPECT_TRUE(etag.starts_with("W/\"") && etag.ends_with("\"")) << etag;
    struct stat status {};
    ASSERT_EQ(::stat((site.root() / "small.txt").c_str(), &status), 0);
    char expected[64];
    std::tm utc{};
    gmtime_r(&status.st_mtim.tv_sec, &utc);
    std::strftime(expected, sizeof expected, "%a, %d %b %Y %H:%M:%S GMT", &utc);  // C locale
    EXPECT_EQ(response.header("Last-Modified").value_or(""), expected);
}

SNOW_TEST(Static, AnswersAnUnchangedFileWith304, since(13)) {
    Site site;
    ServerProcess server(site.args());
    Response first = round_trip(server.port(), get("/static/small.txt"));
    std::string etag = first.header("ETag").value_or("none");
    std::string modified = first.header("Last-Modified").value_or("none");
    // 304 has no body and no Content-Length: the next answer on the connection must still
    // be read right.
    Client client(server.port());
    ASSERT_TRUE(client.send(get("/static/small.txt", "If-None-Match: " + etag + "\r\n") +
                            get("/static/small.txt", "If-Modified-Since: " + modified + "\r\n") +
                            head_request("/static/small.txt", "If-None-Match: *\r\n") +
                            get("/static/small.txt")));
    for (int i = 0; i < 3; ++i) {
        Response response = read_response(client);
        EXPECT_TRUE(answered(response, 304, "")) << "conditional request " << i;
        EXPECT_EQ(response.header("ETag").value_or(""), etag);
        EXPECT_FALSE(response.header("Content-Length").has_value());
    }
    EXPECT_TRUE(answered(read_response(client), 200, "small\n"));
}

SNOW_TEST(Static, AnswersAChangedFileWhole, since(13)) {
    Site site;
    ServerProcess server(site.args());
    std::uint16_t port = server.port();
    Response first = round_trip(port, get("/static/small.txt"));
    std::string etag = first.header("ETag").value_or("none");
    EXPECT_TRUE(answered(conditional_get(port, "/static/small.txt",
                                         "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT\r\n"),
                         200, "small\n"));
    site.write("small.txt", "changed\n");
    EXPECT_TRUE(
        answered(conditional_get(port, "/static/small.txt", "If-None-Match: " + etag + "\r\n"), 200,
                 "changed\n"));
}

// RFC 9110 section 13.1.3: If-None-Match decides alone, whatever If-Modified-Since says.
SNOW_TEST(Static, LetsIfNoneMatchWinOverIfModifiedSince, since(13)) {
    Site site;
    ServerProcess server(site.args());
    std::uint16_t port = server.port();
    Response first = round_trip(port, get("/static/small.txt"));
    std::string etag = first.header("ETag").value_or("none");
    std::string modified = first.header("Last-Modified").value_or("none");
    // The tag does not match, the date does: 200.
    EXPECT_TRUE(answered(
        conditional_get(port, "/static/small.txt",
                        "If-None-Match: \"other\"\r\nIf-Modified-Since: " + modified + "\r\n"),
        200, "small\n"));
    // The tag matches, the date says "changed since 1970": 304.
    EXPECT_EQ(conditional_get(port, "/static/small.txt",
                              "If-None-Match: " + etag +
                                  "\r\nIf-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT\r\n")
                  .status,
              304);
}
