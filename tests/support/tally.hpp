// Checking many clients at once: one report for a hundred checks, and one time limit for a
// hundred waits.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>

namespace snow_test {

// Checks one thing for many clients and reports like one check: how many failed, and the first
// failure in full. A hundred clients that fail alike make one message, not a hundred.
//     Tally done("parked clients answered \"done\"");
//     for (...) done.add(answered(response, 200, "done"), "client " + std::to_string(i));
//     EXPECT_TRUE(done.all_passed());
class Tally {
  public:
    explicit Tally(std::string what) : what_(std::move(what)) {}

    // Records one case; `who` names it in the message if it is the first to fail.
    void add(const testing::AssertionResult& result, const std::string& who) {
        ++count_;
        if (result) return;
        std::string why = result.message();
        if (failed_++ == 0) first_ = who + (why.empty() ? "" : ": " + why);
    }
    void add(bool passed, const std::string& who) {
        add(passed ? testing::AssertionSuccess() : testing::AssertionFailure(), who);
    }

    // Success if every case passed; else "37 of 100 failed (what); the first, client 12: ...".
    testing::AssertionResult all_passed() const {
        if (failed_ == 0) return testing::AssertionSuccess();
        return testing::AssertionFailure()
               << failed_ << " of " << count_ << " failed (" << what_ << "); the first, " << first_;
    }

  private:
    std::string what_;
    int count_ = 0;
    int failed_ = 0;
    std::string first_;
};

// A time limit shared by many waits in a row: each waits only for what is left, so a hundred
// clients that never answer cost the limit once, not a hundred times.
class Countdown {
  public:
    explicit Countdown(std::chrono::milliseconds limit)
        : end_(std::chrono::steady_clock::now() + limit) {}

    // What is left of the limit; zero once it has passed (a read then looks once, and returns).
    std::chrono::milliseconds left() const {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            end_ - std::chrono::steady_clock::now());
        return std::max(left, std::chrono::milliseconds(0));
    }

  private:
    std::chrono::steady_clock::time_point end_;
};

}  // namespace snow_test
