// resolve_under(): which file a client's path names under the root we serve, with every
// traversal trick that real servers once let through (Tornado's StaticFileHandler took a
// sibling folder with the root's prefix for the root; cpp-httplib and nginx's `alias` let a
// ".." escape). From chapter 13 on.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "behaviour.hpp"
#include "safe_path.hpp"

namespace {

namespace fs = std::filesystem;

// A real folder to serve, made for one test and removed after it:
//   base/secret.txt           outside the root
//   base/root2/secret.txt     a sibling whose name starts with the root's
//   base/root/                the root: index.html, a.txt, sub/{index.html,b.css}, empty/,
//                             fifo, and the symlinks link-in -> a.txt, link-out ->
//                             ../secret.txt, link-sibling -> ../root2, dirlink-out -> ..
class ServedFolder {
  public:
    ServedFolder() {
        std::string pattern = fs::temp_directory_path() / "snow-safe-path-XXXXXX";
        char* made = ::mkdtemp(pattern.data());
        if (made == nullptr) throw std::runtime_error("mkdtemp failed");
        base_ = fs::canonical(made);
        fs::create_directories(root() / "sub");
        fs::create_directories(root() / "empty");
        fs::create_directories(base_ / "root2");
        for (const char* name : {"root/index.html", "root/a.txt", "root/sub/index.html",
                                 "root/sub/b.css", "root2/secret.txt", "secret.txt"}) {
            std::ofstream(base_ / name) << name;
        }
        ::mkfifo((root() / "fifo").c_str(), 0600);
        fs::create_symlink("a.txt", root() / "link-in");
        fs::create_symlink("../secret.txt", root() / "link-out");
        fs::create_symlink("../root2", root() / "link-sibling");
        fs::create_symlink("..", root() / "dirlink-out");
    }
    ~ServedFolder() { fs::remove_all(base_); }

    fs::path root() const { return base_ / "root"; }

  private:
    fs::path base_;
};

struct Case {
    const char* captured;  // as the route captured it, still encoded
    int status;
    const char* file;  // for 200: the file it must name, relative to the root
};

}  // namespace

// One line per case. The answer is 400 for what cannot be read, 403 for what tries to leave
// the root, 404 for what is not there.
SNOW_TEST(SafePath, ResolvesEveryTraversalTrickCorrectly, since(13)) {
    const Case cases[] = {
        {"a.txt", 200, "a.txt"},
        {"", 200, "index.html"},  // the root answers its index.html
        {"sub/", 200, "sub/index.html"},
        {"sub", 200, "sub/index.html"},
        {"sub/b.css", 200, "sub/b.css"},
        {"empty/", 404, nullptr},  // a folder without index.html
        {"missing.txt", 404, nullptr},
        {"a.txt/x", 404, nullptr},  // a file is not a folder
        // "..", plain and encoded
        {"../secret.txt", 403, nullptr},
        {"..", 403, nullptr},
        {"sub/../../secret.txt", 403, nullptr},
        {"../root2/secret.txt", 403, nullptr},
        {"sub/../a.txt", 200, "a.txt"},  // a ".." that stays inside is fine
        {"%2e%2e/secret.txt", 403, nullptr},
        {"%2E%2E%2Fsecret.txt", 403, nullptr},
        {"..%2fsecret.txt", 403, nullptr},
        {"%2e%2e%2f%2e%2e%2fetc%2fpasswd", 403, nullptr},
        {"sub%2fb.css", 200, "sub/b.css"},        // an encoded slash is a slash, still inside
        {"%252e%252e/secret.txt", 404, nullptr},  // decoded once only: a folder called "%2e%2e"
        // doubled and leading slashes: still relative to the root, never "/etc/passwd"
        {"//etc/passwd", 404, nullptr},
        {"/etc/passwd", 404, nullptr},
        {"sub//b.css", 200, "sub/b.css"},
        // "./"
        {"./a.txt", 200, "a.txt"},
        {"sub/./b.css", 200, "sub/b.css"},
        {".%2fa.txt", 200, "a.txt"},
        {"....//a.txt", 404, nullptr},  // "...." is just a name
        // NUL and backslash, plain and encoded; broken escapes
        {"a.txt%00.html", 400, nullptr},
        {"%00", 400, nullptr},
        {"sub\\b.css", 400, nullptr},
        {"..%5csecret.txt", 400, nullptr},
        {"%zz", 400, nullptr},
        {"a%2", 400, nullptr},
        // symlinks: in is fine, out is not, whether to a file, a folder, or the sibling
        {"link-in", 200, "a.txt"},
        {"link-out", 403, nullptr},
        {"dirlink-out/secret.txt", 403, nullptr},
        {"dirlink-out/root/a.txt", 200, "a.txt"},   // out and back in: it is the root's file
        {"link-sibling/secret.txt", 403, nullptr},  // base/root2 starts with base/root
        {"link-sibling", 403, nullptr},
        // not a regular file
        {"fifo", 403, nullptr},
    };
    ServedFolder folder;
    std::string root = folder.root();
    for (const Case& c : cases) {
        SCOPED_TRACE(std::string("captured \"") + c.captured + "\"");
        ResolvedPath resolved = resolve_under(root, c.captured);
        EXPECT_EQ(resolved.status, c.status);
        std::string expected = c.file != nullptr ? root + "/" + c.file : "";
        EXPECT_EQ(resolved.path, expected);
    }
}

// A symlinked index.html that leaves the root is refused like any other symlink out.
SNOW_TEST(SafePath, RefusesAnIndexThatLinksOut, since(13)) {
    ServedFolder folder;
    fs::create_directories(folder.root() / "trap");
    fs::create_symlink("../../secret.txt", folder.root() / "trap" / "index.html");
    EXPECT_EQ(resolve_under(folder.root(), "trap/").status, 403);
}

SNOW_TEST(SafePath, ComparesFoldersAtASegmentBoundary, since(13)) {
    EXPECT_TRUE(is_under("/srv/www", "/srv/www"));
    EXPECT_TRUE(is_under("/srv/www", "/srv/www/a.txt"));
    EXPECT_FALSE(is_under("/srv/www", "/srv/www2"));
    EXPECT_FALSE(is_under("/srv/www", "/srv/www2/a.txt"));
    EXPECT_FALSE(is_under("/srv/www", "/srv/ww"));
    EXPECT_FALSE(is_under("/srv/www", "/srv"));
    EXPECT_TRUE(is_under("/", "/etc/passwd"));
}

SNOW_TEST(SafePath, FoldsDotSegments, since(13)) {
    EXPECT_EQ(fold_dot_segments("a/./b/../c"), "/a/c");
    EXPECT_EQ(fold_dot_segments("//a//b/"), "/a/b");
    EXPECT_EQ(fold_dot_segments(""), "");
    EXPECT_EQ(fold_dot_segments("a/.."), "");
    EXPECT_EQ(fold_dot_segments("a/../.."), std::nullopt);
    EXPECT_EQ(fold_dot_segments("../a"), std::nullopt);
    EXPECT_EQ(fold_dot_segments("..."), "/...");
}
