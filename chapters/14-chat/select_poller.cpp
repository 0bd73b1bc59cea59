// The select() poller: chapter 02's loop, behind the Poller interface.
#include <sys/select.h>

#include <algorithm>
#include <cerrno>
#include <map>

#include "os_error.hpp"
#include "poller.hpp"

namespace {

// select() takes three bit sets, rebuilt before every call because it overwrites them with the
// answer: O(watched descriptors) per wait, however few are ready. And the sets have FD_SETSIZE
// (1024) bits: a descriptor past that cannot be watched at all. Owns the interest of each
// watched descriptor, from which it builds the sets; watches the descriptors, does not own them.
class SelectPoller : public Poller {
  public:
    void add(int fd, unsigned interest) override { interests_[fd] = interest; }
    void modify(int fd, unsigned interest) override { interests_[fd] = interest; }
    void remove(int fd) override { interests_.erase(fd); }
    bool can_watch(int fd) const override { return fd < FD_SETSIZE; }

    void wait(std::optional<timespec> timeout, const sigset_t* mask,
              std::vector<Ready>& ready) override {
        fd_set readable;
        fd_set writable;
        FD_ZERO(&readable);
        FD_ZERO(&writable);
        int highest = -1;
        for (auto [fd, interest] : interests_) {
            if (interest & kReadable) FD_SET(fd, &readable);
            if (interest & kWritable) FD_SET(fd, &writable);
            highest = std::max(highest, fd);
        }
        // On an error pselect() leaves the sets as they were: a retry may reuse them.
        int count = retry_if_interrupted([&] {
            return ::pselect(highest + 1, &readable, &writable, nullptr,
                             timeout ? &*timeout : nullptr, mask);
        });
        if (count < 0) throw_os_error("select");
        ready.clear();
        for (auto [fd, interest] : interests_) {
            bool in = FD_ISSET(fd, &readable), out = FD_ISSET(fd, &writable);
            if (in || out) ready.push_back({fd, in, out});
        }
    }

  private:
    std::map<int, unsigned> interests_;
};

}  // namespace

std::unique_ptr<Poller> make_select_poller() {
    return std::make_unique<SelectPoller>();
}
