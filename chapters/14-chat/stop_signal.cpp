#include "stop_signal.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>

#include "os_error.hpp"

namespace {

// A signal handler may interrupt any line of the program, so it may only set a flag of this
// type; the program looks at the flag when the interrupted call returns.
volatile sig_atomic_t stop_flag = 0;
sigset_t mask_while_waiting;
// Chapter 08: the loop's eventfd. A lock-free atomic is safe to read in a handler, and write()
// is one of the calls a handler may make (man 7 signal-safety).
std::atomic<int> stop_wakeup_fd{-1};
static_assert(std::atomic<int>::is_always_lock_free);

void on_stop_signal(int) {
    stop_flag = 1;
    int fd = stop_wakeup_fd.load();
    if (fd < 0) return;
    int interrupted_errno = errno;  // the code the signal interrupted may be about to read it
    std::uint64_t one = 1;
    [[maybe_unused]] ssize_t written = ::write(fd, &one, sizeof one);
    errno = interrupted_errno;
}

}  // namespace

void install_stop_handlers() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: interrupted calls fail with EINTR instead of resuming
    if (::sigaction(SIGINT, &action, nullptr) != 0) throw_os_error("sigaction");
    if (::sigaction(SIGTERM, &action, nullptr) != 0) throw_os_error("sigaction");
    // Chapter 02: the two signals stay blocked, except while the poller waits
    // (pselect, ppoll, epoll_pwait).
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    if (::sigprocmask(SIG_BLOCK, &stop_signals, &mask_while_waiting) != 0) {
        throw_os_error("sigprocmask");
    }
    sigdelset(&mask_while_waiting, SIGINT);
    sigdelset(&mask_while_waiting, SIGTERM);
}

const sigset_t* wait_mask() {
    return &mask_while_waiting;
}

bool stop_requested() {
    return stop_flag != 0;
}

void wake_on_stop(int fd) {
    stop_wakeup_fd = fd;
}
