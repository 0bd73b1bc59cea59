// The poll() poller: no FD_SETSIZE, still one pass over every watched descriptor per wait.
#include <poll.h>

#include <cerrno>
#include <unordered_map>

#include "os_error.hpp"
#include "poller.hpp"

namespace {

short to_events(unsigned interest) {
    return static_cast<short>(((interest & kReadable) ? POLLIN : 0) |
                              ((interest & kWritable) ? POLLOUT : 0));
}

// poll() takes an array of {fd, events}, kept here between calls (unlike select's sets it is
// not overwritten: the answer goes to revents). Removing swaps the last entry into the hole.
// Owns that array and the index from descriptor to entry; watches the descriptors, does not
// own them.
class PollPoller : public Poller {
  public:
    void add(int fd, unsigned interest) override {
        index_[fd] = entries_.size();
        entries_.push_back({fd, to_events(interest), 0});
    }
    void modify(int fd, unsigned interest) override {
        entries_[index_.at(fd)].events = to_events(interest);
    }
    void remove(int fd) override {
        std::size_t hole = index_.at(fd);
        entries_[hole] = entries_.back();
        index_[entries_[hole].fd] = hole;
        entries_.pop_back();
        index_.erase(fd);
    }

    void wait(std::optional<timespec> timeout, const sigset_t* mask,
              std::vector<Ready>& ready) override {
        int count = retry_if_interrupted([&] {
            return ::ppoll(entries_.data(), entries_.size(), timeout ? &*timeout : nullptr, mask);
        });
        if (count < 0) throw_os_error("poll");
        ready.clear();
        for (const pollfd& entry : entries_) {
            if (entry.revents == 0) continue;
            bool trouble = entry.revents & (POLLERR | POLLHUP | POLLNVAL);
            ready.push_back({entry.fd, trouble || (entry.revents & POLLIN),
                             trouble || (entry.revents & POLLOUT)});
        }
    }

  private:
    std::vector<pollfd> entries_;
    std::unordered_map<int, std::size_t> index_;  // fd -> its place in entries_
};

}  // namespace

std::unique_ptr<Poller> make_poll_poller() {
    return std::make_unique<PollPoller>();
}
