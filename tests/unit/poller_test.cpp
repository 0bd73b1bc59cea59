// Poller (chapter 11 on): select, poll and epoll give the same answers to the same questions.
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <sys/select.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "behaviour.hpp"
#include "poller.hpp"

namespace {

// A pipe: what is written to `in` becomes readable at `out`.
struct Pipe {
    int out = -1;
    int in = -1;
    Pipe() {
        int fds[2];
        EXPECT_EQ(::pipe2(fds, O_CLOEXEC | O_NONBLOCK), 0);
        out = fds[0];
        in = fds[1];
    }
    ~Pipe() {
        ::close(out);
        ::close(in);
    }
};

std::vector<Ready> wait_briefly(Poller& poller) {
    std::vector<Ready> ready;
    poller.wait(timespec{0, 20'000'000}, nullptr, ready);
    return ready;
}

std::atomic<int> signals_handled{0};
void count_signal(int) {
    ++signals_handled;
}

}  // namespace

SNOW_TEST(EveryPoller, ReportsNothingWhenNothingIsReady, since(11)) {
    for (std::string name : {"select", "poll", "epoll"}) {
        auto poller = make_poller(name);
        Pipe pipe;
        poller->add(pipe.out, kReadable);
        EXPECT_TRUE(wait_briefly(*poller).empty()) << name;
    }
}

SNOW_TEST(EveryPoller, ReportsAReadableDescriptor, since(11)) {
    for (std::string name : {"select", "poll", "epoll"}) {
        auto poller = make_poller(name);
        Pipe pipe;
        poller->add(pipe.out, kReadable);
        ASSERT_EQ(::write(pipe.in, "x", 1), 1);
        auto ready = wait_briefly(*poller);
        ASSERT_EQ(ready.size(), 1u) << name;
        EXPECT_EQ(ready[0].fd, pipe.out) << name;
        EXPECT_TRUE(ready[0].readable) << name;
    }
}

SNOW_TEST(EveryPoller, FollowsAChangeOfInterest, since(11)) {
    for (std::string name : {"select", "poll", "epoll"}) {
        auto poller = make_poller(name);
        Pipe pipe;
        poller->add(pipe.in, 0);  // watched for nothing: never reported
        EXPECT_TRUE(wait_briefly(*poller).empty()) << name;
        poller->modify(pipe.in, kWritable);  // an empty pipe is writable
        auto ready = wait_briefly(*poller);
        ASSERT_EQ(ready.size(), 1u) << name;
        EXPECT_TRUE(ready[0].writable) << name;
    }
}

SNOW_TEST(EveryPoller, ForgetsARemovedDescriptor, since(11)) {
    for (std::string name : {"select", "poll", "epoll"}) {
        auto poller = make_poller(name);
        Pipe first;
        Pipe second;
        poller->add(first.out, kReadable);
        poller->add(second.out, kReadable);
        ASSERT_EQ(::write(first.in, "x", 1), 1);
        ASSERT_EQ(::write(second.in, "x", 1), 1);
        poller->remove(first.out);
        auto ready = wait_briefly(*poller);
        ASSERT_EQ(ready.size(), 1u) << name;
        EXPECT_EQ(ready[0].fd, second.out) << name;
    }
}

SNOW_TEST(EveryPoller, OnlySelectHasALimit, since(11)) {
    EXPECT_FALSE(make_poller("select")->can_watch(FD_SETSIZE));
    EXPECT_TRUE(make_poller("poll")->can_watch(FD_SETSIZE));
    EXPECT_TRUE(make_poller("epoll")->can_watch(FD_SETSIZE));
    EXPECT_THROW(make_poller("kqueue"), std::invalid_argument);
}

// A signal that interrupts the wait (EINTR) is not an answer: the poller waits on, and returns
// when a descriptor is ready. (The server learns of a stop signal from its eventfd, which the
// handler writes to, not from the interruption.)
SNOW_TEST(EveryPoller, WaitsOnWhenASignalInterruptsIt, since(11)) {
    struct sigaction action {};
    action.sa_handler = count_signal;  // no SA_RESTART: the wait fails with EINTR
    struct sigaction before {};
    ASSERT_EQ(::sigaction(SIGUSR1, &action, &before), 0);
    for (std::string name : {"select", "poll", "epoll"}) {
        auto poller = make_poller(name);
        Pipe pipe;
        poller->add(pipe.out, kReadable);
        pthread_t waiter = ::pthread_self();
        int handled_before = signals_handled;
        std::thread interrupter([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            ::pthread_kill(waiter, SIGUSR1);  // interrupts the wait below
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            [[maybe_unused]] ssize_t written = ::write(pipe.in, "x", 1);
        });
        std::vector<Ready> ready;
        poller->wait(timespec{5, 0}, nullptr, ready);
        interrupter.join();
        EXPECT_EQ(signals_handled, handled_before + 1) << name << ": the signal never came";
        ASSERT_EQ(ready.size(), 1u) << name << ": the wait returned before the pipe was readable";
        EXPECT_EQ(ready[0].fd, pipe.out) << name;
    }
    ::sigaction(SIGUSR1, &before, nullptr);
}

// Chapter 12: epoll_pwait() took its timeout in whole milliseconds, rounded up, so a timer due
// in 0.2 ms woke the loop a millisecond later at best. Every poller now sleeps to within a
// fraction of a millisecond (select and poll always did: pselect and ppoll take a timespec).
// The median of 21 waits, so that a busy moment on the machine does not decide it.
SNOW_TEST(EveryPoller, SleepsLessThanAMillisecondWhenAskedTo, since(11), fixed_in(12)) {
    for (std::string name : {"select", "poll", "epoll"}) {
        auto poller = make_poller(name);
        std::vector<std::chrono::microseconds> waits;
        for (int i = 0; i < 21; ++i) {
            std::vector<Ready> ready;
            auto start = std::chrono::steady_clock::now();
            poller->wait(timespec{0, 200'000}, nullptr, ready);
            waits.push_back(std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::steady_clock::now() - start));
        }
        std::sort(waits.begin(), waits.end());
        EXPECT_GE(waits[10].count(), 200) << name;  // never early
        EXPECT_LT(waits[10].count(), 900) << name;
    }
}
