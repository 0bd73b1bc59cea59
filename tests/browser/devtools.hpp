// A real browser for tests: headless Chromium, driven over the DevTools protocol.
//
// Chromium started with --remote-debugging-pipe reads commands on its descriptor 3 and writes
// replies and events on its descriptor 4, each message one JSON text ended by a NUL byte. A
// command is {"id":N,"method":"...","params":{...}} and its reply carries the same id; a
// command for one tab also names the tab's session ("sessionId"). That pipe is all this client
// speaks: no WebSocket, no HTTP, no port for anything else on the machine to find.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "json.hpp"

namespace snow_test {

using namespace std::chrono_literals;

// One headless Chromium with a fresh profile in a temporary folder. Owns the process (and
// whatever it starts, in its process group), both pipes and the folder: the destructor asks the
// browser to close, kills what is left after a moment, and removes the folder, so no test
// leaves a browser behind, not even one that fails; if the test binary dies first, the kernel
// kills the browser (PR_SET_PDEATHSIG), and at the test's deadline the watchdog does. Not for
// use from two threads at once: replies are read on the calling thread.
class Browser {
  public:
    // Starts Chromium and waits for it to answer; throws, with its last words, if it does not
    // within 20 s.
    Browser();
    ~Browser();
    Browser(const Browser&) = delete;
    Browser& operator=(const Browser&) = delete;

    // Sends `method` with `params` (a JSON object's text), to the tab of `session` if one is
    // named, and returns the reply's "result". Events that arrive meanwhile are dropped. Throws
    // if the reply is an error, or none comes within `timeout`, naming the method.
    Json call(std::string_view method, std::string_view params = "{}",
              std::string_view session = "", std::chrono::milliseconds timeout = 10s);

    // The end of what Chromium wrote on stderr, for messages.
    std::string log_tail() const;

  private:
    void start();
    void send(const std::string& message);
    // The next whole message, or "" if none came by `deadline`. Throws if the browser is gone.
    std::string next_message(std::chrono::steady_clock::time_point deadline);
    void stop();

    pid_t pid_ = -1;
    int commands_ = -1;    // our end of the browser's descriptor 3
    int replies_ = -1;     // our end of the browser's descriptor 4
    std::string profile_;  // the temporary folder: --user-data-dir, and chromium.log in it
    std::string unread_;   // bytes read past the last whole message
    int next_id_ = 1;
    std::uint64_t last_words_ = 0;  // what the test's deadline does with this browser
};

// One tab of a Browser, opened on a URL and attached to (its own session). Borrows the browser,
// which must outlive it. The tab stays open until the browser closes.
class Tab {
  public:
    // Opens `url` in a new tab and waits, up to 10 s, until its page has loaded.
    Tab(Browser& browser, const std::string& url);

    // Runs the JavaScript expression `script` in the page and returns its value (awaited, if it
    // is a promise; returned as JSON, so a DOM node comes back as {}). Throws, with the page's
    // error message, if the script throws.
    Json evaluate(const std::string& script);

    // The page as a PNG, as big as the tab's window.
    std::string screenshot_png();

    Browser& browser() { return browser_; }
    const std::string& session() const { return session_; }

  private:
    Browser& browser_;
    std::string session_;
};

// Decodes base64 (the protocol's form for bytes, as in a screenshot's "data"). Throws on a
// character that is not base64.
std::string decode_base64(std::string_view text);

}  // namespace snow_test
