// StaticFiles: a handler that serves the files under a folder.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "request.hpp"
#include "response.hpp"

// Chapter 13: answers GET and HEAD with the file that the route's first capture names under
// `root`, and a folder with its index.html:
//
//     StaticFiles files("www");
//     Snow app({{"GET", R"(^/static/(.*)$)", files}, {"GET", R"(^/$)", files}});
//
// A route without a group serves the root's index.html. What the path may not do (leave the
// root by "..", encoded or not, or by a symlink; hold a NUL or a backslash) is refused with 403
// or 400, and what is not there is 404: see resolve_under() in safe_path.hpp. The file goes
// out with sendfile(2), never read into memory (FileBody), with a Content-Type from its
// extension. Copyable and cheap to copy; the same object may serve any number of routes.
// Exercise 13.2: with a `max_age`, every file it sends, and every 304 in place of one, says
// "Cache-Control: max-age=N": a cache may reuse its copy for N seconds without asking.
class StaticFiles {
  public:
    // Throws std::system_error if `root` is not a folder we can find.
    explicit StaticFiles(const std::string& root,
                         std::optional<std::uint32_t> max_age = std::nullopt);

    HttpResponse operator()(const HttpRequest& request) const;

    const std::string& root() const { return root_; }  // canonical: absolute, no symlinks

  private:
    std::string root_;
    std::string cache_control_;  // "max-age=N", or empty: send none
};

// The Content-Type for a file name, by its extension, ignoring case: "text/css; charset=utf-8"
// for "site.CSS"; application/octet-stream for an extension not in the table (the browser then
// offers to save the file rather than guess at it).
std::string_view content_type_for(std::string_view path);
