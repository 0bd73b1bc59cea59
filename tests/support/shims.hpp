// Starting a server with an LD_PRELOAD shim that makes a system call fail the way the network
// sometimes does: fail_accept.cpp (accept4() fails with EPROTO), short_sends.cpp (send() as on a
// congested connection), term_on_timeout.cpp (SIGTERM arrives as a timer falls due).
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

namespace snow_test {

// While it lives, the programs a test starts get the shim `library`, told what to do by the
// environment variable `variable` = `value`.
class Shim {
  public:
    Shim(const char* library, const char* variable, long value) : variable_(variable) {
        ::setenv("LD_PRELOAD", library, 1);
        ::setenv(variable, std::to_string(value).c_str(), 1);
        // A program built with AddressSanitizer (CI runs some chapters' programs so, under these
        // tests) refuses to start after a preloaded library unless told it may.
        const char* asan = std::getenv("ASAN_OPTIONS");
        if (asan) saved_asan_options_ = asan;
        std::string options = asan ? std::string(asan) + ":" : std::string();
        ::setenv("ASAN_OPTIONS", (options + "verify_asan_link_order=0").c_str(), 1);
    }
    ~Shim() {
        ::unsetenv("LD_PRELOAD");
        ::unsetenv(variable_);
        if (saved_asan_options_) {
            ::setenv("ASAN_OPTIONS", saved_asan_options_->c_str(), 1);
        } else {
            ::unsetenv("ASAN_OPTIONS");
        }
    }
    Shim(const Shim&) = delete;
    Shim& operator=(const Shim&) = delete;

    // AddressSanitizer must come first among a program's libraries, and refuses to run after a
    // preloaded one: under it, the tests that need a shim are skipped.
    static bool possible() {
#if defined(__SANITIZE_ADDRESS__)
        return false;
#else
        return true;
#endif
    }

  private:
    const char* variable_;
    std::optional<std::string> saved_asan_options_;
};

// The first `count` accept4() calls of the programs started meanwhile fail with EPROTO, as a
// network error pending on a queued connection does.
class FailingAccepts : public Shim {
  public:
    explicit FailingAccepts(int count) : Shim(SNOW_FAIL_ACCEPT_SHIM, "SNOW_FAIL_ACCEPTS", count) {}
};

// The programs started meanwhile send as on a congested connection: every second send() fails
// with EAGAIN, and the others send at most `most` bytes.
class ShortSends : public Shim {
  public:
    explicit ShortSends(long most) : Shim(SNOW_SHORT_SENDS_SHIM, "SNOW_SHORT_SENDS", most) {}
};

// The programs started meanwhile get SIGTERM just as their `nth` epoll_pwait2() runs out its
// timeout: the stop arrives in the turn of the loop whose timer fell due.
class TermOnTimeout : public Shim {
  public:
    explicit TermOnTimeout(long nth)
        : Shim(SNOW_TERM_ON_TIMEOUT_SHIM, "SNOW_TERM_ON_TIMEOUT", nth) {}
};

}  // namespace snow_test
