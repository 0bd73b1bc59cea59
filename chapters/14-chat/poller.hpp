// Poller: the one question the loop asks the kernel, "which of my sockets are ready?"
#pragma once

#include <signal.h>
#include <time.h>

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

// What the loop wants to know about a descriptor: readable, writable, both or (0) neither.
enum Interest : unsigned { kReadable = 1, kWritable = 2 };

// One descriptor that is ready. An error or a hang-up on it is reported as readable and
// writable: the next recv() or send() on it says what happened.
struct Ready {
    int fd;
    bool readable;
    bool writable;
};

// The descriptors the loop watches, with what it wants to know about each, and the wait for
// them. One small interface, one file per way of asking the kernel (select_poller.cpp,
// poll_poller.cpp, epoll_poller.cpp), chosen at run time: the loop does not know which it has.
// Watches descriptors, does not own them: remove() a descriptor before closing it.
class Poller {
  public:
    virtual ~Poller() = default;

    virtual void add(int fd, unsigned interest) = 0;
    virtual void modify(int fd, unsigned interest) = 0;
    virtual void remove(int fd) = 0;
    // `fd` is about to be closed: stop watching it. The same as remove(), except for epoll,
    // where close() itself takes a descriptor out of every epoll set (none of ours is ever
    // duplicated), so the epoll_ctl(DEL) would be a system call for nothing (chapter 12).
    virtual void forget(int fd) { remove(fd); }
    // Sleeps until a watched descriptor is ready or `timeout` passes (none: no limit); `mask` is
    // the signal mask to sleep with (the stop signals unblocked). Fills `ready` with the ready
    // descriptors, perhaps none. A stop signal shows up as the loop's eventfd, readable.
    virtual void wait(std::optional<timespec> timeout, const sigset_t* mask,
                      std::vector<Ready>& ready) = 0;
    // Whether this poller can watch `fd` at all (select() cannot watch one >= FD_SETSIZE).
    virtual bool can_watch(int /*fd*/) const { return true; }
};

std::unique_ptr<Poller> make_select_poller();
std::unique_ptr<Poller> make_poll_poller();
std::unique_ptr<Poller> make_epoll_poller();

// The poller called `name`: "select", "poll" or "epoll". Throws std::invalid_argument otherwise.
std::unique_ptr<Poller> make_poller(std::string_view name);
