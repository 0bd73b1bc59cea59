// The epoll poller: the kernel keeps the watched set, and a wait costs O(ready), not O(watched).
#include <sys/epoll.h>

#include <algorithm>
#include <cerrno>
#include <climits>

#include "fd.hpp"
#include "os_error.hpp"
#include "poller.hpp"

namespace {

std::uint32_t to_events(unsigned interest, bool edge_triggered) {
    return ((interest & kReadable) ? EPOLLIN : 0u) | ((interest & kWritable) ? EPOLLOUT : 0u) |
           (edge_triggered ? EPOLLET : 0u);
}

// The interest list lives in the kernel, changed one descriptor at a time with epoll_ctl(), so
// nothing is rebuilt or scanned per wait. Level-triggered, like select and poll: a descriptor
// that stays ready is reported again, so the loop may read once per turn and still miss nothing.
// Owns the epoll descriptor. Exercise 11.1: edge-triggered (EPOLLET) if asked, when a
// descriptor is reported once each time it becomes ready; epoll_ctl(MOD) reports it again if it
// is ready then, which is how the loop gets back to a connection it stopped reading.
class EpollPoller : public Poller {
  public:
    explicit EpollPoller(bool edge_triggered)
        : epoll_(::epoll_create1(EPOLL_CLOEXEC)), edge_triggered_(edge_triggered) {
        if (!epoll_) throw_os_error("epoll_create1");
    }

    void add(int fd, unsigned interest) override { control(EPOLL_CTL_ADD, fd, interest); }
    void modify(int fd, unsigned interest) override { control(EPOLL_CTL_MOD, fd, interest); }
    void remove(int fd) override { control(EPOLL_CTL_DEL, fd, 0); }
    bool edge_triggered() const override { return edge_triggered_; }

    void wait(std::optional<timespec> timeout, const sigset_t* mask,
              std::vector<Ready>& ready) override {
        // epoll_pwait takes milliseconds: round up, or a timer due in 0.4 ms would spin.
        int milliseconds = -1;
        if (timeout) {
            long long rounded_up =
                timeout->tv_sec * 1000LL + (timeout->tv_nsec + 999'999) / 1'000'000;
            milliseconds = static_cast<int>(std::min<long long>(rounded_up, INT_MAX));  // ~24 days
        }
        int count = retry_if_interrupted(
            [&] { return ::epoll_pwait(epoll_.get(), events_, kBatch, milliseconds, mask); });
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
    void control(int operation, int fd, unsigned interest) {
        epoll_event event{};
        event.events = to_events(interest, edge_triggered_);
        event.data.fd = fd;
        if (::epoll_ctl(epoll_.get(), operation, fd, &event) != 0) throw_os_error("epoll_ctl");
    }

    // At most this many ready descriptors per wait; more simply wait for the next turn (they
    // stay ready: level-triggered).
    static constexpr int kBatch = 256;
    Fd epoll_;
    bool edge_triggered_;
    epoll_event events_[kBatch];
};

}  // namespace

std::unique_ptr<Poller> make_epoll_poller() {
    return std::make_unique<EpollPoller>(false);
}

std::unique_ptr<Poller> make_edge_triggered_epoll_poller() {
    return std::make_unique<EpollPoller>(true);
}
