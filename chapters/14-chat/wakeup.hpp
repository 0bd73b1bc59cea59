// Wakeup: how a future resolved anywhere reaches the loop.
#pragma once

#include <mutex>
#include <thread>
#include <vector>

#include "fd.hpp"

// A mailbox for the loop: post(fd) says "the future of connection fd is resolved". The loop
// takes the descriptors at the end of each turn. post() may be called from any thread: then it
// also writes to an eventfd that the loop's poller watches, so a loop asleep in its poller
// wakes up. Owns the eventfd; a stop signal writes to it too (wake_on_stop). Shared
// (std::shared_ptr) by the server and every waiting future, so a thread that resolves a future
// after the server is gone posts into a mailbox nobody reads, not into freed memory.
class Wakeup {
  public:
    Wakeup();  // call on the loop's thread: that is the thread that needs no eventfd write

    void post(int connection_fd);
    // The loop's side: the descriptors posted since the last call, in order.
    std::vector<int> take();
    // Readable when another thread posted. The loop reads it empty (drain) and then take()s.
    int fd() const { return eventfd_.get(); }
    void drain();

  private:
    Fd eventfd_;
    std::thread::id loop_thread_;
    std::mutex mutex_;  // guards posted_
    std::vector<int> posted_;
};
