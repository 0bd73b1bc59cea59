#include "devtools.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "deadline.hpp"

extern char** environ;

namespace snow_test {
namespace {

using Clock = std::chrono::steady_clock;

// Headless; without the sandbox, which refuses to run as root (CI runs as root); no GPU; and
// nothing that talks to the network on its own (updates, sync, first-run pages, QUIC probes):
// the test's requests are the only traffic, and all of it goes to 127.0.0.1. A fresh profile
// each time, so that no cache or cookie from an earlier run changes what a test sees.
std::vector<std::string> chromium_command(const std::string& profile) {
    return {SNOW_CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--user-data-dir=" + profile,
            "--remote-debugging-pipe",
            "about:blank"};
}

// In the child, between fork() and exec: only async-signal-safe calls. Puts the pipes' ends on
// descriptors 3 and 4, where --remote-debugging-pipe looks, and stdout and stderr into `log`.
// Never returns.
[[noreturn]] void become_browser(char* const* argv, pid_t test, int commands, int replies,
                                 int log) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // die with the test binary, even on SIGKILL
    if (::getppid() != test) ::_exit(127);
    ::setpgid(0, 0);  // a process group of its own: its renderers can be killed with it
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);  // the test ignores it; the browser should not inherit that
    // Moved above 4 first: a pipe end that happened to be 3 or 4 would be overwritten by the
    // other's dup2. dup2() clears O_CLOEXEC on the copy, so exactly these survive the exec.
    commands = ::fcntl(commands, F_DUPFD_CLOEXEC, 10);
    replies = ::fcntl(replies, F_DUPFD_CLOEXEC, 10);
    if (commands < 0 || replies < 0) ::_exit(127);
    ::dup2(commands, 3);
    ::dup2(replies, 4);
    ::dup2(log, STDOUT_FILENO);
    ::dup2(log, STDERR_FILENO);
    ::execve(argv[0], argv, environ);
    static constexpr char why[] = "execve failed: is " SNOW_CHROMIUM " there?\n";
    [[maybe_unused]] ssize_t written = ::write(STDERR_FILENO, why, sizeof why - 1);  // the log
    ::_exit(127);
}

std::string last_chars(const std::string& text, std::size_t count) {
    return text.size() <= count ? text : "..." + text.substr(text.size() - count);
}

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what);
}

}  // namespace

Browser::Browser() {
    ::signal(SIGPIPE, SIG_IGN);  // a browser that died makes write() fail, not kill the test
    char folder[] = "/tmp/snow-browser-XXXXXX";
    if (::mkdtemp(folder) == nullptr) fail(std::string("mkdtemp: ") + std::strerror(errno));
    profile_ = folder;
    try {
        start();
        Waiting waiting("Chromium to answer its first command");
        call("Browser.getVersion", "{}", "", 20s);
    } catch (...) {
        stop();
        throw;
    }
}

Browser::~Browser() {
    stop();
}

void Browser::start() {
    int to_browser[2];
    int from_browser[2];
    if (::pipe2(to_browser, O_CLOEXEC) != 0 || ::pipe2(from_browser, O_CLOEXEC) != 0) {
        fail(std::string("pipe2: ") + std::strerror(errno));
    }
    std::string log_path = profile_ + "/chromium.log";
    int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (log < 0) fail("cannot open " + log_path + ": " + std::strerror(errno));
    std::vector<std::string> words = chromium_command(profile_);
    std::vector<char*> argv;
    for (std::string& word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    pid_t test = ::getpid();
    pid_ = ::fork();
    if (pid_ == 0) become_browser(argv.data(), test, to_browser[0], from_browser[1], log);
    ::close(to_browser[0]);
    ::close(from_browser[1]);
    ::close(log);
    commands_ = to_browser[1];
    replies_ = from_browser[0];
    if (pid_ < 0) fail(std::string("fork: ") + std::strerror(errno));
    ::setpgid(pid_, pid_);  // also here, so that it holds before we ever signal the group
    // At the deadline the watchdog exits the test binary. The browser dies with it anyway
    // (PR_SET_PDEATHSIG), and its renderers follow once they see it gone; killing the whole
    // group at once leaves nothing to chance, and then its profile can go too.
    pid_t group = pid_;
    last_words_ = at_deadline([group, this] {
        std::cerr << "Chromium's last words:\n" << log_tail() << "\n";
        ::kill(-group, SIGKILL);
        std::error_code ignored;
        std::filesystem::remove_all(profile_, ignored);
    });
}

void Browser::stop() {
    if (last_words_ != 0) forget_at_deadline(last_words_);
    last_words_ = 0;
    if (pid_ > 0) {
        // Closing the pipe is how a DevTools client says goodbye: Chromium then quits. One that
        // takes longer than a moment is killed, with its renderers.
        if (commands_ >= 0) ::close(commands_);
        commands_ = -1;
        auto deadline = Clock::now() + 3s;
        while (::waitpid(pid_, nullptr, WNOHANG) == 0 && Clock::now() < deadline) {
            std::this_thread::sleep_for(20ms);
        }
        ::kill(-pid_, SIGKILL);  // the renderers too, even when the browser left in time
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
    if (commands_ >= 0) ::close(commands_);
    if (replies_ >= 0) ::close(replies_);
    commands_ = replies_ = -1;
    if (!profile_.empty()) {
        std::error_code ignored;  // a renderer may still be writing there as it dies
        std::filesystem::remove_all(profile_, ignored);
    }
}

std::string Browser::log_tail() const {
    std::ifstream file(profile_ + "/chromium.log");
    std::stringstream text;
    text << file.rdbuf();
    return last_chars(text.str(), 2000);
}

Json Browser::call(std::string_view method, std::string_view params, std::string_view session,
                   std::chrono::milliseconds timeout) {
    int id = next_id_++;
    std::string message = "{\"id\":" + std::to_string(id) + ",\"method\":" + json_string(method) +
                          ",\"params\":" + std::string(params);
    if (!session.empty()) message += ",\"sessionId\":" + json_string(session);
    send(message + "}");
    auto deadline = Clock::now() + timeout;
    for (;;) {
        std::string text = next_message(deadline);
        if (text.empty()) {
            fail("no reply to " + std::string(method) + " within " +
                 std::to_string(timeout.count()) + " ms; Chromium's log:\n" + log_tail());
        }
        std::optional<Json> reply = parse_json(text);
        if (!reply) fail("Chromium sent what is not JSON: " + last_chars(text, 500));
        const Json* reply_id = reply->at({"id"});
        if (reply_id == nullptr || reply_id->number != id) continue;  // an event, or stale
        if (const Json* error = reply->at({"error", "message"})) {
            fail(std::string(method) + " failed: " + error->text);
        }
        const Json* result = reply->at({"result"});
        return result != nullptr ? *result : Json{};
    }
}

void Browser::send(const std::string& message) {
    std::string framed = message + '\0';
    std::string_view left = framed;
    while (!left.empty()) {
        ssize_t n = ::write(commands_, left.data(), left.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(std::string("Chromium is gone (write: ") + std::strerror(errno) + ")");
        left.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::string Browser::next_message(Clock::time_point deadline) {
    for (;;) {
        std::size_t end = unread_.find('\0');
        if (end != std::string::npos) {
            std::string message = unread_.substr(0, end);
            unread_.erase(0, end + 1);
            return message;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return "";
        pollfd ready{replies_, POLLIN, 0};
        int n = ::poll(&ready, 1, static_cast<int>(left.count()));
        if (n < 0 && errno != EINTR) fail(std::string("poll: ") + std::strerror(errno));
        if (n <= 0) continue;
        char chunk[65536];
        ssize_t got = ::read(replies_, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) fail("Chromium closed its pipe (it exited); its log:\n" + log_tail());
        unread_.append(chunk, static_cast<std::size_t>(got));
    }
}

Tab::Tab(Browser& browser, const std::string& url) : browser_(browser) {
    Json target = browser_.call("Target.createTarget", "{\"url\":" + json_string(url) + "}");
    const Json* target_id = target.at({"targetId"});
    if (target_id == nullptr) fail("Target.createTarget gave no targetId");
    // flatten: the tab's commands go over the same pipe, each carrying the session's id.
    Json attached =
        browser_.call("Target.attachToTarget",
                      "{\"targetId\":" + json_string(target_id->text) + ",\"flatten\":true}");
    const Json* session = attached.at({"sessionId"});
    if (session == nullptr) fail("Target.attachToTarget gave no sessionId");
    session_ = session->text;
    // Until the page has loaded, the tab may still show about:blank, or be between the two
    // (evaluate then fails: no context to run in). Asked every 50 ms; a page loads in tens.
    Waiting waiting("the tab to load " + url);
    std::string loaded =
        "document.readyState === 'complete' && location.href === " + json_string(url);
    auto deadline = Clock::now() + 10s;
    for (;;) {
        try {
            if (evaluate(loaded).boolean) return;
        } catch (const std::runtime_error&) {
            // between two documents: ask again
        }
        if (Clock::now() > deadline) fail("the tab did not load " + url + " within 10 s");
        std::this_thread::sleep_for(50ms);
    }
}

Json Tab::evaluate(const std::string& script) {
    Json reply = browser_.call(
        "Runtime.evaluate",
        "{\"expression\":" + json_string(script) + ",\"returnByValue\":true,\"awaitPromise\":true}",
        session_);
    if (const Json* details = reply.at({"exceptionDetails"})) {
        const Json* description = details->at({"exception", "description"});
        fail("the page threw: " + (description ? description->text : details->at({"text"})->text) +
             "\n  running: " + script);
    }
    const Json* value = reply.at({"result", "value"});
    return value != nullptr ? *value : Json{};
}

std::string Tab::screenshot_png() {
    Json shot = browser_.call("Page.captureScreenshot", "{\"format\":\"png\"}", session_);
    const Json* data = shot.at({"data"});
    if (data == nullptr) fail("Page.captureScreenshot gave no data");
    return decode_base64(data->text);
}

std::string decode_base64(std::string_view text) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned bits = 0;  // the last `count` bits read, not yet written out
    int count = 0;
    for (char c : text) {
        if (c == '=') break;  // padding: the bits left over are zeros
        std::size_t value = alphabet.find(c);
        if (value == std::string_view::npos) fail("not base64: " + std::string(1, c));
        bits = (bits << 6) | static_cast<unsigned>(value);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

}  // namespace snow_test
