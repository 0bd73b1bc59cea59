#include "file_body.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

std::shared_ptr<const FileBody> FileBody::open(const std::string& path) {
    // O_NONBLOCK: should the file have become a FIFO since it was looked at, open() must not
    // wait for a writer and stop the loop with it. (On a regular file the flag does nothing.)
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return nullptr;
    struct stat status {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        int why = S_ISDIR(status.st_mode) ? EISDIR : EINVAL;
        ::close(fd);
        errno = why;
        return nullptr;
    }
    return std::make_shared<const FileBody>(fd, static_cast<std::uint64_t>(status.st_size),
                                            status.st_mtim);
}

FileBody::~FileBody() {
    ::close(fd_);  // never retried on EINTR: Linux has released the descriptor anyway (see Fd)
}
