#include "static_files.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <system_error>
#include <utility>

#include "conditional.hpp"
#include "response.hpp"
#include "safe_path.hpp"

namespace {

// The types a web page's files need. Text gets its charset: without one a browser guesses, and
// guesses wrong for UTF-8 (RFC 9239 names text/javascript for JavaScript).
constexpr std::pair<std::string_view, std::string_view> kContentTypes[] = {
    {"html", "text/html; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"json", "application/json"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"ico", "image/x-icon"},
    {"txt", "text/plain; charset=utf-8"},
    {"wasm", "application/wasm"},
    {"woff2", "font/woff2"},
};

HttpResponse refusal(int status) {
    return HttpResponse(std::to_string(status) + " " + reason_phrase(status) + "\n", status);
}

std::string canonical_folder(const std::string& root) {
    char resolved[PATH_MAX];
    struct stat status {};
    if (::realpath(root.c_str(), resolved) == nullptr) {
        throw std::system_error(errno, std::generic_category(), "StaticFiles: realpath " + root);
    }
    if (::stat(resolved, &status) != 0 || !S_ISDIR(status.st_mode)) {
        throw std::system_error(ENOTDIR, std::generic_category(), "StaticFiles: " + root);
    }
    return resolved;
}

}  // namespace

std::string_view content_type_for(std::string_view path) {
    std::size_t dot = path.rfind('.');
    std::size_t slash = path.rfind('/');
    if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
        std::string_view extension = path.substr(dot + 1);
        for (auto [known, type] : kContentTypes) {
            if (equal_ignoring_case(extension, known)) return type;
        }
    }
    return "application/octet-stream";
}

// Exercise 13.2: the header's value is made once here, not on every request.
StaticFiles::StaticFiles(const std::string& root, std::optional<std::uint32_t> max_age)
    : root_(canonical_folder(root)),
      cache_control_(max_age ? "max-age=" + std::to_string(*max_age) : "") {}

HttpResponse StaticFiles::operator()(const HttpRequest& request) const {
    if (request.method != "GET" && request.method != "HEAD") {  // a route without a method
        HttpResponse not_allowed = refusal(405);
        not_allowed.headers.add("Allow", "GET, HEAD");
        return not_allowed;
    }
    ResolvedPath found =
        resolve_under(root_, request.captures.empty() ? "" : request.captures.front());
    if (found.status != 200) return refusal(found.status);
    auto file = FileBody::open(found.path);
    if (!file) return refusal(errno == EACCES ? 403 : 404);
    // Chapter 13: what a cache needs to ask again later (and what a 304 must repeat).
    HttpResponse response;
    std::string etag = weak_etag(file->size(), file->modified());
    response.headers.add("ETag", etag);
    response.headers.add("Last-Modified", http_date(file->modified().tv_sec));
    // Exercise 13.2: before the 304, which must repeat it (RFC 9110 section 15.4.5): a cache
    // that asked again and heard "not modified" learns from it how long the copy is good for
    // now. Refusals (404, 403) get none: a file that is missing now may be there in a second.
    if (!cache_control_.empty()) response.headers.add("Cache-Control", cache_control_);
    if (not_modified(request.headers, etag, file->modified().tv_sec)) {
        response.status = 304;  // no body: the client's copy is the file
        return response;
    }
    response.set_content_type(std::string(content_type_for(found.path)));
    response.file = std::move(file);
    return response;
}
