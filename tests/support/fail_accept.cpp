// An LD_PRELOAD shim for tests: the first SNOW_FAIL_ACCEPTS calls to accept4() fail with EPROTO,
// the way accept(2) passes on a network error already pending on a queued connection. The calls
// after them are the real accept4(). Built as a shared library; see shims.hpp.
#include <dlfcn.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdlib>

extern "C" int accept4(int fd, sockaddr* address, socklen_t* length, int flags) {
    using Accept4 = int (*)(int, sockaddr*, socklen_t*, int);
    static auto real = reinterpret_cast<Accept4>(::dlsym(RTLD_NEXT, "accept4"));
    static int failures_left = [] {
        const char* count = std::getenv("SNOW_FAIL_ACCEPTS");
        return count ? std::atoi(count) : 0;
    }();
    if (failures_left > 0) {
        --failures_left;
        errno = EPROTO;
        return -1;
    }
    return real(fd, address, length, flags);
}
