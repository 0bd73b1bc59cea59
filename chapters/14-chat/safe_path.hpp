// Which file, if any, a client's path names under a folder we serve.
#pragma once

#include <optional>
#include <string>
#include <string_view>

// Chapter 13: where resolve_under() arrived, and how: `status` is 200 and `path` the file to
// send, or `status` is the refusal (400, 403, 404) and `path` is empty.
struct ResolvedPath {
    int status = 404;
    std::string path;  // absolute, canonical (no symlink, no "..") and under the root
};

// The file `captured` (a path as the client sent it, still percent-encoded, relative to the
// root) names under `root`, which must be absolute and canonical (realpath(3) made it so).
// The steps, each closing a hole that a real server once had:
//   1. percent-decode it once: a malformed escape is 400;
//   2. a NUL byte (C calls would cut the path there) or a backslash (a separator on Windows,
//      and never needed in a URL path) is 400;
//   3. fold "." and ".." and empty segments: a ".." that would climb above the root is 403.
//      A leading or doubled '/' names nothing special: "//etc/passwd" is root/etc/passwd;
//   4. realpath(3) the result, resolving every symlink: not there is 404, and a canonical path
//      that is not under the root at a segment boundary is 403 (a symlink out; /srv/www2 is
//      not under /srv/www);
//   5. a folder answers its index.html, checked the same way; anything but a regular file
//      (a FIFO would block the loop in open()) is 403.
// Touches the file system (realpath, stat) but changes nothing.
ResolvedPath resolve_under(const std::string& root, std::string_view captured);

// True if `path` is `root` or inside it, both canonical: "/srv/www/a" is under "/srv/www",
// "/srv/www2/a" is not (a plain prefix test says it is: the bug this exists for).
bool is_under(std::string_view root, std::string_view path);

// Step 3 alone: "a/./b/../c" is "a/c"; nullopt if a ".." climbs above the start.
std::optional<std::string> fold_dot_segments(std::string_view path);
