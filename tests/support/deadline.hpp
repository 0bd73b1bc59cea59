// Every behaviour test has a deadline, well under CTest's 120 s. A test still running when it
// passes is stopped with a message that says what it was waiting for ("still waiting after 30 s
// for: the answer to GET /req/"), instead of hanging until CTest kills it without a word.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace snow_test {

using namespace std::chrono_literals;

// Names what the calling code waits for, from construction to destruction. They nest: a round
// trip waits for an answer, and inside it a read waits for bytes; the message names them all,
// outermost first. Any thread may make one.
class Waiting {
  public:
    explicit Waiting(std::string what);
    ~Waiting();
    Waiting(const Waiting&) = delete;
    Waiting& operator=(const Waiting&) = delete;

  private:
    std::uint64_t id_;
};

// How long a test may run when it does not ask for more: 30 s, twice that under the sanitizers.
std::chrono::seconds default_test_time();

// Starts the deadline of the test called `name` (testkit_main does it as each test starts), and
// clears it (`name` empty) as it ends.
void start_test_deadline(const std::string& name);

// Runs `last_words` on the watchdog's thread when the deadline passes, just before the test
// binary exits (a ServerProcess shows its stderr and kills its server). Returns an id for
// forget_at_deadline(), which must be called before anything `last_words` uses is gone.
std::uint64_t at_deadline(std::function<void()> last_words);
void forget_at_deadline(std::uint64_t id);

}  // namespace snow_test
