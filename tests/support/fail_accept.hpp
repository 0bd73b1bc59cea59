// Starting a server whose first accepts fail, through an LD_PRELOAD shim (fail_accept.cpp).
#pragma once

#include <cstdlib>
#include <string>

namespace snow_test {

// While it lives, the programs a test starts get the shim, which makes their first `count`
// accept4() calls fail with EPROTO, as a network error pending on a queued connection does.
class FailingAccepts {
  public:
    explicit FailingAccepts(int count) {
        ::setenv("LD_PRELOAD", SNOW_FAIL_ACCEPT_SHIM, 1);
        ::setenv("SNOW_FAIL_ACCEPTS", std::to_string(count).c_str(), 1);
    }
    ~FailingAccepts() {
        ::unsetenv("LD_PRELOAD");
        ::unsetenv("SNOW_FAIL_ACCEPTS");
    }
    FailingAccepts(const FailingAccepts&) = delete;
    FailingAccepts& operator=(const FailingAccepts&) = delete;

    // AddressSanitizer must come first among a program's libraries, and refuses to run after a
    // preloaded one: under it, the tests that need the shim are skipped.
    static bool possible() {
#if defined(__SANITIZE_ADDRESS__)
        return false;
#else
        return true;
#endif
    }
};

}  // namespace snow_test
