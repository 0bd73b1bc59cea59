// The epoll poller: the kernel keeps the watched set, and a wait costs O(ready), not O(watched).
#include <sys/epoll.h>

#include <algorithm>
#include <cerrno>
#include <climits>

#include "fd.hpp"
#include "os_error.hpp"
#include "poller.hpp"

namespace {

std::uint32_t to_events(unsigned interest) {
    return ((interest & kReadable) ? EPOLLIN : 0u) | ((interest & kWritable) ? EPOLLOUT : 0u);
}

// The interest list lives in the kernel, changed one descriptor at a time with epoll_ctl(), so
// nothing is rebuilt or scanned per wait. Level-triggered, like select and poll: a descriptor
// that stays ready is reported again, so the loop may read once per turn and still miss nothing.
// Owns the epoll descriptor.
class EpollPoller : public Poller {
  public:
    EpollPoller() : epoll_(::epoll_create1(EPOLL_CLOEXEC)) {
        if (!epoll_) throw_os_error("epoll_create1");
    }

    void add(int fd, unsigned interest) override { control(EPOLL_CTL_ADD, fd, interest); }
    void modify(int fd, unsigned interest) override { control(EPOLL_CTL_MOD, fd, interest); }
    void remove(int fd) override { control(EPOLL_CTL_DEL, fd, 0); }
    void forget(int /*fd*/) override {}

    void wait(std::optional<timespec> timeout, const sigset_t* mask,
              std::vector<Ready>& ready) override {
        int count = retry_if_interrupted([&] { return wait_for_events(timeout, mask); });
        if (count < 0) throw_os_error("epoll_wait");
        ready.clear();
        for (int i = 0; i < count; ++i) {
            std::uint32_t happened = events_[i].events;
            bool trouble = happened & (EPOLLERR | EPOLLHUP);
            ready.push_back({events_[i].data.fd, trouble || (happened & EPOLLIN),
                             trouble || (happened & EPOLLOUT)});
        }
    }

  private:
    // epoll_pwait2 (Linux 5.11, glibc 2.35) takes the timeout as a timespec, to the nanosecond.
    // epoll_pwait takes whole milliseconds, rounded up (or a timer due in 0.4 ms would spin), so
    // a TimeoutFuture fired up to a millisecond late before any other delay (chapter 12: lateness
    // p50 1.4 ms, p99 7-10 ms with epoll_pwait on 1000 timers; see the commit for after). Older
    // kernels answer ENOSYS: then epoll_pwait, from then on.
    int wait_for_events(std::optional<timespec> timeout, const sigset_t* mask) {
        if (has_pwait2_) {
            int count =
                ::epoll_pwait2(epoll_.get(), events_, kBatch, timeout ? &*timeout : nullptr, mask);
            if (count >= 0 || errno != ENOSYS) return count;
            has_pwait2_ = false;
        }
        int milliseconds = -1;
        if (timeout) {
            long long rounded_up =
                timeout->tv_sec * 1000LL + (timeout->tv_nsec + 999'999) / 1'000'000;
            milliseconds = static_cast<int>(std::min<long long>(rounded_up, INT_MAX));  // ~24 days
        }
        return ::epoll_pwait(epoll_.get(), events_, kBatch, milliseconds, mask);
    }

    void control(int operation, int fd, unsigned interest) {
        epoll_event event{};
        event.events = to_events(interest);
        event.data.fd = fd;
        if (::epoll_ctl(epoll_.get(), operation, fd, &event) != 0) throw_os_error("epoll_ctl");
    }

    // At most this many ready descriptors per wait; more simply wait for the next turn (they
    // stay ready: level-triggered).
    static constexpr int kBatch = 256;
    Fd epoll_;
    epoll_event events_[kBatch];
    bool has_pwait2_ = true;
};

}  // namespace

std::unique_ptr<Poller> make_epoll_poller() {
    return std::make_unique<EpollPoller>();
}
