#include "static_files.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <memory>
#include <string>
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

// Exercise 13.1: `text` without the spaces and tabs around it.
std::string_view trimmed(std::string_view text) {
    while (text.starts_with(' ') || text.starts_with('\t'))
        text.remove_prefix(1);
    while (text.ends_with(' ') || text.ends_with('\t'))
        text.remove_suffix(1);
    return text;
}

// Exercise 13.1: true if a coding's parameters give it the weight zero, "not this one" (RFC 9110
// section 12.4.2): "q=0", "q=0.0" and "q=0.000" all do; "q=0.5" and no q at all do not.
bool weighs_nothing(std::string_view parameters) {
    parameters = trimmed(parameters);
    if (!parameters.starts_with("q=") && !parameters.starts_with("Q=")) return false;
    return parameters.substr(2).find_first_not_of("0.") == std::string_view::npos;
}

// Exercise 13.1: true if the client takes gzip. Accept-Encoding is a list ("gzip, br" or
// "br;q=1.0, gzip;q=0.8"), and may come as several fields; gzip must be in it, with a weight
// other than zero. ("*" would take gzip too; we leave it out, as browsers always name gzip.)
bool accepts_gzip(const Headers& headers) {
    for (std::string_view value : headers.values("Accept-Encoding")) {
        while (!value.empty()) {
            std::size_t comma = value.find(',');
            std::string_view item = value.substr(0, comma);
            std::size_t semicolon = item.find(';');
            if (equal_ignoring_case(trimmed(item.substr(0, semicolon)), "gzip")) {
                return semicolon == std::string_view::npos ||
                       !weighs_nothing(item.substr(semicolon + 1));
            }
            value.remove_prefix(comma == std::string_view::npos ? value.size() : comma + 1);
        }
    }
    return false;
}

// Exercise 13.1: the file `path` + ".gz" beside `path`, open, if there is one. realpath() and
// is_under() as resolve_under() does: a symlink called "site.css.gz" must not lead out of the root.
std::shared_ptr<const FileBody> gzip_sibling(const std::string& root, const std::string& path) {
    char resolved[PATH_MAX];
    std::string sibling = path + ".gz";
    if (::realpath(sibling.c_str(), resolved) == nullptr || !is_under(root, resolved)) {
        return nullptr;
    }
    return FileBody::open(resolved);
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

StaticFiles::StaticFiles(const std::string& root) : root_(canonical_folder(root)) {}

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
    HttpResponse response;
    // Exercise 13.1: a file compressed ahead of time, for a client that takes it. Where there is
    // one, both answers say that they depend on Accept-Encoding, or a cache between us and the
    // client would hand the gzip bytes to the next client, which may not read them. The sibling
    // is other bytes, so the ETag and Last-Modified below are its own: a cache must not take one
    // for the other.
    if (auto compressed = gzip_sibling(root_, found.path)) {
        response.headers.add("Vary", "Accept-Encoding");
        if (accepts_gzip(request.headers)) {
            response.headers.add("Content-Encoding", "gzip");
            file = std::move(compressed);
        }
    }
    // Chapter 13: what a cache needs to ask again later (and what a 304 must repeat).
    std::string etag = weak_etag(file->size(), file->modified());
    response.headers.add("ETag", etag);
    response.headers.add("Last-Modified", http_date(file->modified().tv_sec));
    if (not_modified(request.headers, etag, file->modified().tv_sec)) {
        response.status = 304;  // no body: the client's copy is the file
        return response;
    }
    response.set_content_type(std::string(content_type_for(found.path)));
    response.file = std::move(file);
    return response;
}
