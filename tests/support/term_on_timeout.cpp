// An LD_PRELOAD shim for tests: a stop signal that arrives just as a timer falls due. With
// SNOW_TERM_ON_TIMEOUT=N, the N-th epoll_pwait2() that runs out its timeout (the loop's next timer
// is due) raises SIGTERM, then waits again, briefly, under the caller's signal mask: the signal is
// taken there, as if it had come at that instant, and the call fails with EINTR. The
// loop then sees, in one turn, a due timer and a stop. Built as a shared library; see shims.hpp.
#include <dlfcn.h>
#include <signal.h>
#include <sys/epoll.h>
#include <time.h>

#include <cstdlib>

extern "C" int epoll_pwait2(int epoll, epoll_event* events, int most, const timespec* timeout,
                            const sigset_t* mask) {
    using Wait = int (*)(int, epoll_event*, int, const timespec*, const sigset_t*);
    static auto real = reinterpret_cast<Wait>(::dlsym(RTLD_NEXT, "epoll_pwait2"));
    static long left = [] {
        const char* count = std::getenv("SNOW_TERM_ON_TIMEOUT");
        return count ? std::atol(count) : 0;
    }();
    int ready = real(epoll, events, most, timeout, mask);
    if (ready != 0 || timeout == nullptr || left <= 0 || --left > 0) return ready;
    ::raise(SIGTERM);  // blocked outside the wait: pending until the mask lets it in
    // Not a zero timeout: a wait that may not sleep returns 0 before it looks at signals.
    const timespec briefly{0, 1'000'000};
    return real(epoll, events, most, &briefly, mask);
}
