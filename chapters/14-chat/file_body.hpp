// FileBody: an open file, sent as an answer's body.
#pragma once

#include <cstdint>
#include <ctime>
#include <memory>
#include <string>

// Chapter 13: the body of an answer that is a file, sent by the loop in pieces as the client's
// socket drains, with sendfile(2): the file's bytes go from the kernel's page cache to the
// socket and never pass through our memory, so a 1 GiB file costs the server no more than a
// small one. Owns the descriptor, open for reading, and closes it when the last HttpResponse
// or connection that holds it lets go. (Shared, through std::shared_ptr, because HttpResponse
// is a value that handlers and tests copy; a copy shares the file rather than opening it again.)
// The size and the modification time are the file's when it was opened: what Content-Length,
// Last-Modified and ETag promise.
class FileBody {
  public:
    // Opens the regular file `path`. nullptr if it cannot be opened (errno says why: EACCES,
    // ENOENT...) or is no regular file (errno is EISDIR, or EINVAL for a FIFO or a device).
    static std::shared_ptr<const FileBody> open(const std::string& path);

    FileBody(int fd, std::uint64_t size, std::timespec modified) noexcept
        : fd_(fd), size_(size), modified_(modified) {}
    ~FileBody();
    FileBody(const FileBody&) = delete;
    FileBody& operator=(const FileBody&) = delete;

    int fd() const { return fd_; }
    std::uint64_t size() const { return size_; }
    const std::timespec& modified() const { return modified_; }

  private:
    int fd_;
    std::uint64_t size_;
    std::timespec modified_;
};
