#include "safe_path.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <vector>

#include "params.hpp"

namespace {

// realpath(3) of `path`, or the errno that stopped it (ENOENT, ENOTDIR, EACCES, ELOOP...).
struct Canonical {
    std::string path;
    int error = 0;
};

Canonical canonical(const std::string& path) {
    char resolved[PATH_MAX];
    if (::realpath(path.c_str(), resolved) == nullptr) return {"", errno};
    return {resolved, 0};
}

// Step 4 for one candidate: its canonical path, or why it must be refused.
ResolvedPath canonical_under(const std::string& root, const std::string& candidate) {
    Canonical real = canonical(candidate);
    if (real.error == EACCES || real.error == ELOOP) return {403, ""};
    if (real.error != 0) return {404, ""};  // ENOENT, ENOTDIR, ENAMETOOLONG: nothing there
    if (!is_under(root, real.path)) return {403, ""};
    return {200, real.path};
}

// Step 5: a regular file as it is, a folder's index.html, anything else refused.
ResolvedPath regular_file(const std::string& root, ResolvedPath found, bool may_be_folder) {
    struct stat status {};
    if (::stat(found.path.c_str(), &status) != 0) return {404, ""};
    if (S_ISREG(status.st_mode)) return found;
    if (!S_ISDIR(status.st_mode)) return {403, ""};
    if (!may_be_folder) return {404, ""};  // a folder called index.html
    ResolvedPath index = canonical_under(root, found.path + "/index.html");
    return index.status == 200 ? regular_file(root, index, false) : index;
}

}  // namespace

bool is_under(std::string_view root, std::string_view path) {
    if (!path.starts_with(root)) return false;
    return path.size() == root.size() || root.ends_with('/') || path[root.size()] == '/';
}

std::optional<std::string> fold_dot_segments(std::string_view path) {
    std::vector<std::string_view> segments;
    while (!path.empty()) {
        std::size_t slash = path.find('/');
        std::string_view segment = path.substr(0, slash);
        path.remove_prefix(slash == std::string_view::npos ? path.size() : slash + 1);
        if (segment.empty() || segment == ".") continue;
        if (segment != "..") {
            segments.push_back(segment);
        } else if (segments.empty()) {
            return std::nullopt;  // above the start
        } else {
            segments.pop_back();
        }
    }
    std::string folded;
    for (std::string_view segment : segments)
        (folded += '/') += segment;
    return folded;  // "" or "/a/c": ready to go after the root
}

ResolvedPath resolve_under(const std::string& root, std::string_view captured) {
    std::optional<std::string> decoded = percent_decode(captured);
    if (!decoded) return {400, ""};
    if (decoded->find('\0') != std::string::npos || decoded->find('\\') != std::string::npos) {
        return {400, ""};
    }
    std::optional<std::string> folded = fold_dot_segments(*decoded);
    if (!folded) return {403, ""};
    ResolvedPath found = canonical_under(root, root + *folded);
    return found.status == 200 ? regular_file(root, found, true) : found;
}
