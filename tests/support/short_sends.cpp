// An LD_PRELOAD shim for tests: send() as on a congested connection. With SNOW_SHORT_SENDS=N,
// every second call sends nothing and fails with EAGAIN, as when the socket's buffer is full, and
// the others send at most N bytes. A program then finishes an answer only if it waits for the
// socket to be writable again (write interest) and goes on. Built as a shared library; see
// shims.hpp.
#include <dlfcn.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

extern "C" ssize_t send(int fd, const void* data, size_t size, int flags) {
    using Send = ssize_t (*)(int, const void*, size_t, int);
    static auto real = reinterpret_cast<Send>(::dlsym(RTLD_NEXT, "send"));
    static const size_t most = [] {
        const char* count = std::getenv("SNOW_SHORT_SENDS");
        return count ? static_cast<size_t>(std::atol(count)) : 0;
    }();
    static bool refuse = false;
    if (most == 0) return real(fd, data, size, flags);
    refuse = !refuse;
    if (refuse) {
        errno = EAGAIN;
        return -1;
    }
    return real(fd, data, std::min(size, most), flags);
}
