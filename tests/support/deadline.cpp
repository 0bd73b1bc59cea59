#include "deadline.hpp"

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <utility>

namespace snow_test {
namespace {

using Clock = std::chrono::steady_clock;

struct Wait {
    std::string what;
    Clock::time_point since;
};

// What the watchdog knows, shared by the test's threads and its own, under one mutex.
struct Watch {
    std::mutex mutex;
    std::condition_variable changed;
    std::string test;  // the running test's name; empty between tests
    Clock::time_point start;
    std::optional<Clock::time_point> deadline;
    std::map<std::uint64_t, Wait> waits;  // by id: in the order they began
    std::map<std::uint64_t, std::function<void()>> last_words;
    std::uint64_t next_id = 1;
    bool watching = false;  // the watchdog thread runs
};

// Never destroyed: the watchdog thread may still use it while the program exits.
Watch& watch() {
    static Watch* const shared = new Watch;
    return *shared;
}

double seconds(Clock::duration time) {
    return std::chrono::duration<double>(time).count();
}

// The deadline passed: say what the test was waiting for, let the kit clean up, and end the
// test binary as failed. Called with the mutex held; never returns.
[[noreturn]] void expire(Watch& shared) {
    auto now = Clock::now();
    std::ostringstream out;
    out.precision(1);
    out << std::fixed << "\n*** " << shared.test << " is still waiting after "
        << seconds(now - shared.start) << " s, its deadline, for:\n";
    if (shared.waits.empty()) {
        out << "***   nothing the test kit knows of (the test's own sleep, thread or loop)\n";
    }
    for (const auto& [id, wait] : shared.waits) {
        out << "***   " << wait.what << " (for " << seconds(now - wait.since) << " s)\n";
    }
    out << "*** The test stops here, as failed. (CTest would have waited 120 s.)\n";
    std::cout.flush();
    std::cerr << out.str() << std::flush;
    for (auto& [id, words] : shared.last_words)
        words();
    std::cerr.flush();
    std::fflush(nullptr);
    std::_Exit(1);
}

void watchdog() {
    Watch& shared = watch();
    std::unique_lock lock(shared.mutex);
    for (;;) {
        if (!shared.deadline) {
            shared.changed.wait(lock);
        } else if (shared.changed.wait_until(lock, *shared.deadline) == std::cv_status::timeout &&
                   shared.deadline && Clock::now() >= *shared.deadline) {
            expire(shared);
        }
    }
}

}  // namespace

Waiting::Waiting(std::string what) {
    Watch& shared = watch();
    std::lock_guard lock(shared.mutex);
    id_ = shared.next_id++;
    shared.waits.emplace(id_, Wait{std::move(what), Clock::now()});
}

Waiting::~Waiting() {
    Watch& shared = watch();
    std::lock_guard lock(shared.mutex);
    shared.waits.erase(id_);
}

std::chrono::seconds default_test_time() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    return 60s;  // everything runs two to five times slower (ThreadSanitizer: five to fifteen)
#else
    return 30s;
#endif
}

void start_test_deadline(const std::string& name) {
    Watch& shared = watch();
    std::lock_guard lock(shared.mutex);
    if (!shared.watching) {
        std::thread(watchdog).detach();
        shared.watching = true;
    }
    shared.test = name;
    shared.start = Clock::now();
    shared.deadline.reset();
    if (!name.empty()) shared.deadline = shared.start + default_test_time();
    shared.changed.notify_all();
}

std::uint64_t at_deadline(std::function<void()> last_words) {
    Watch& shared = watch();
    std::lock_guard lock(shared.mutex);
    std::uint64_t id = shared.next_id++;
    shared.last_words.emplace(id, std::move(last_words));
    return id;
}

void forget_at_deadline(std::uint64_t id) {
    Watch& shared = watch();
    std::lock_guard lock(shared.mutex);
    shared.last_words.erase(id);
}

}  // namespace snow_test
