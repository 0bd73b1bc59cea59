// The chat in a real browser: two tabs of headless Chromium on the chat's own page, whose own
// JavaScript posts and long-polls. The behaviour suite (tests/behaviour/chat_test.cpp) speaks
// the chat's HTTP by hand; this checks that the page and the server work together as a reader
// will see them: a message typed in one tab shows in the other, as text, and still does after a
// long poll ran out of time.
//
// Run with --program=PATH (snow's `chat`, or a chapter's program with the same routes and
// flags), as CTest does (label "browser"). With SNOW_SCREENSHOT=FILE set, the screenshot test
// also saves its picture there: docs/images/14-chat.png is one.
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "behaviour.hpp"
#include "deadline.hpp"
#include "devtools.hpp"
#include "server_process.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

namespace {

// Short, so that a test can wait for a poll to run out: 1 s instead of the default's 30.
constexpr auto poll_timeout = 1000ms;

std::string page_of(const ServerProcess& server) {
    return "http://127.0.0.1:" + std::to_string(server.port()) + "/";
}

// The chat server and two tabs on its page, A and B. Members are made in this order and
// destroyed in the reverse one: the browser closes before the server stops.
struct TwoTabs {
    ServerProcess server{{"--poll-timeout-ms", std::to_string(poll_timeout.count())}};
    Browser browser;
    Tab a{browser, page_of(server)};
    Tab b{browser, page_of(server)};
};

// JavaScript that types `text` into the chat in `document` and submits the form, as a reader's
// Enter key does (requestSubmit() fires the page's submit handler; submit() would not).
std::string post_script(std::string_view document, const std::string& text) {
    std::string doc(document);
    return "(() => { " + doc + ".getElementById('body').value = " + json_string(text) + "; " + doc +
           ".getElementById('compose').requestSubmit(); return true; })()";
}

void post(Tab& tab, const std::string& text) {
    tab.evaluate(post_script("document", text));
}

// JavaScript: does the inbox in `document` show a line whose text is `text`?
std::string shows_script(std::string_view document, const std::string& text) {
    return "Array.from(" + std::string(document) +
           ".querySelectorAll('#inbox li')).some(li => li.textContent === " + json_string(text) +
           ")";
}

// Asks the page `condition` (JavaScript) every 20 ms until it is true or `limit` has passed.
bool wait_until(Tab& tab, const std::string& condition, std::chrono::milliseconds limit) {
    auto deadline = Clock::now() + limit;
    for (;;) {
        if (tab.evaluate(condition).boolean) return true;
        if (Clock::now() > deadline) return false;
        std::this_thread::sleep_for(20ms);
    }
}

// What the tab shows, for a message: its inbox's lines and the page's status line (where it
// says "lost the server" or "not sent").
std::string describe(Tab& tab) {
    std::string script =
        "JSON.stringify(Array.from(document.querySelectorAll('#inbox li'), li => li.textContent))"
        " + ', status: ' + JSON.stringify(document.getElementById('status').textContent)";
    return tab.evaluate(script).text;
}

// Passes if `tab` (called `name` in the message) shows `text` within `limit`.
testing::AssertionResult shows_within(Tab& tab, const std::string& name, const std::string& text,
                                      std::chrono::milliseconds limit = 2s) {
    Waiting waiting(name + " to show " + json_string(text));
    if (wait_until(tab, shows_script("document", text), limit)) {
        return testing::AssertionSuccess();
    }
    return testing::AssertionFailure()
           << "expected " << name << "'s inbox to show " << json_string(text) << " within "
           << limit.count() << " ms; after that it showed " << describe(tab);
}

bool is_png(const std::string& bytes) {
    return bytes.size() > 1000 && bytes.starts_with("\x89PNG\r\n\x1a\n");
}

}  // namespace

SNOW_TEST(ChatBrowser, AMessagePostedInOneTabShowsInTheOther, since(14)) {
    TwoTabs chat;
    post(chat.a, "hello from A");
    EXPECT_TRUE(shows_within(chat.b, "B", "hello from A"));
    // Posting only sends: A's own message comes back to it through its long poll too.
    EXPECT_TRUE(shows_within(chat.a, "A", "hello from A"));
}

SNOW_TEST(ChatBrowser, MarkupInAMessageShowsAsText, since(14)) {
    TwoTabs chat;
    const std::string markup = "<b>bold</b><script>window.pwned=1</script>";
    post(chat.a, markup);
    ASSERT_TRUE(shows_within(chat.b, "B", markup));
    // Shown as typed, and nothing of it became an element: no <b>, no script that ran.
    std::string script =
        "(() => { const li = Array.from(document.querySelectorAll('#inbox li')).find("
        "li => li.textContent === " +
        json_string(markup) +
        "); return JSON.stringify({elements: li.children.length, html: li.innerHTML, "
        "pwned: typeof window.pwned}); })()";
    std::optional<Json> seen = parse_json(chat.b.evaluate(script).text);
    ASSERT_TRUE(seen) << "B's answer is not JSON";
    EXPECT_EQ(seen->at({"elements"})->number, 0)
        << "expected B's line to be text only; its HTML is " << seen->at({"html"})->text;
    EXPECT_EQ(seen->at({"pwned"})->text, "undefined") << "the message's script ran in B";
}

SNOW_TEST(ChatBrowser, AMessageAfterALongPollTimedOutStillArrives, since(14)) {
    TwoTabs chat;
    // Long enough for B's first poll to come back empty at the server's timeout, and B to poll
    // again (the page must, or it hears nothing more).
    std::this_thread::sleep_for(poll_timeout * 5 / 2);
    Json polls = chat.b.evaluate(
        "performance.getEntriesByType('resource')"
        ".filter(entry => entry.name.includes('/a/message/updates')).length");
    EXPECT_GE(polls.number, 2) << "expected B's first long poll to have timed out after "
                               << poll_timeout.count() << " ms and B to have polled again; in "
                               << (poll_timeout * 5 / 2).count()
                               << " ms B's polls that came back: " << polls.number;
    post(chat.a, "after the timeout");
    EXPECT_TRUE(shows_within(chat.b, "B", "after the timeout"));
}

// The picture in docs/14-chat.md: two tabs side by side after a short conversation. One page
// holds both, as two frames of the chat's page, so that one screenshot shows them. The outer
// page is the server's 404 page rewritten: it must come from the chat's origin, or its script
// could not reach into the frames to type.
SNOW_TEST(ChatBrowser, AScreenshotShowsTwoTabsSideBySide, since(14)) {
    ServerProcess server{{"--poll-timeout-ms", std::to_string(poll_timeout.count())}};
    Browser browser;
    Tab tab(browser, page_of(server) + "two-tabs");
    browser.call("Emulation.setDeviceMetricsOverride",
                 R"({"width":1000,"height":360,"deviceScaleFactor":1,"mobile":false})",
                 tab.session());
    tab.evaluate(R"(document.open(); document.write(`<!doctype html>
        <style>
          body { margin: 0; display: flex; gap: 10px; padding: 10px; background: #dde;
                 font-family: sans-serif; height: 340px; }
          div { flex: 1; display: flex; flex-direction: column; }
          p { margin: 0 0 4px; color: #445; }
          iframe { flex: 1; border: 1px solid #99a; padding: 0 8px; background: white; }
        </style>
        <div><p>Tab A</p><iframe src="/"></iframe></div>
        <div><p>Tab B</p><iframe src="/"></iframe></div>`); document.close(); true)");
    std::string frames_ready =
        "[0, 1].every(i => frames[i] && frames[i].document.readyState === 'complete' && "
        "frames[i].document.getElementById('compose') !== null)";
    {
        Waiting waiting("both frames to load the chat");
        ASSERT_TRUE(wait_until(tab, frames_ready, 10s)) << "the frames did not load the chat";
    }
    const std::vector<std::pair<int, std::string>> conversation = {
        {0, "Hello from tab A!"},
        {1, "Hi A, tab B here. Your message came through the long poll."},
        {0, "<b>Markup</b> stays text: no bold, no <script>."},
        {1, "And each of us sees every message once, in the same order."},
    };
    for (const auto& [from, text] : conversation) {
        std::string frame = "frames[" + std::to_string(from) + "].document";
        tab.evaluate(post_script(frame, text));
        Waiting waiting("both frames to show " + json_string(text));
        ASSERT_TRUE(wait_until(tab,
                               shows_script("frames[0].document", text) + " && " +
                                   shows_script("frames[1].document", text),
                               2s))
            << "both tabs should show " << json_string(text);
    }
    // A reply being typed in A, not sent: the picture shows where a message starts.
    tab.evaluate(
        "(() => { const input = frames[0].document.getElementById('body'); "
        "input.value = 'Typing a reply...'; input.focus(); return true; })()");
    std::string png = tab.screenshot_png();
    ASSERT_TRUE(is_png(png)) << "Page.captureScreenshot gave " << png.size() << " bytes, no PNG";
    if (const char* path = std::getenv("SNOW_SCREENSHOT")) {
        std::ofstream(path, std::ios::binary) << png;
        std::cout << "saved the screenshot to " << path << "\n";
    }
}
