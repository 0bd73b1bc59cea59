// Running the program under test as a real process.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace snow_test {

using namespace std::chrono_literals;

// How a program ended. Compares with an int (`EXPECT_EQ(server.stop(), 0)`) and prints itself
// in words when a check fails: "exit status 2", "killed by signal 11 (Segmentation fault)".
struct ExitStatus {
    int code = -1;     // the exit status, 128 + N for death by signal N, -1 if it had to be killed
    std::string what;  // the same in words, with why it was killed if it was

    bool operator==(int other) const { return code == other; }
    operator int() const { return code; }  // NOLINT: `int status = server.stop();` reads fine
};
void PrintTo(const ExitStatus& status, std::ostream* out);

// One running server: started on 127.0.0.1 with --port 0 (the kernel picks a free port), ready
// once it printed its "listening on H:N" line. It dies with the test: the destructor kills it if
// the test did not stop it, and the kernel kills it if the test binary dies first (CTest's
// timeout, a crash), so no test leaves a server behind. Whatever it starts, in its process
// group, is killed with it. Make one on a thread that outlives it (the test's own).
class ServerProcess {
  public:
    // Starts `program --host 127.0.0.1 --port 0 args...`; throws if no "listening on" line
    // arrives within 10 s or the program exits first, saying how it exited and what it printed.
    explicit ServerProcess(std::vector<std::string> args = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    std::uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }
    const std::string& listening_line() const { return listening_line_; }

    // Sends `signal` and returns at once.
    void signal(int signal);

    // Sends `signal` and waits up to `grace` for the exit; a program still running then is
    // killed (status -1). Returns how it ended.
    ExitStatus stop(int signal = 15, std::chrono::milliseconds grace = 5s);

    // True while the process has not exited.
    bool running();

    // How many descriptors the process has open now (the entries of /proc/PID/fd).
    int open_descriptors() const;

    // The CPU time the process has used so far, user and system (from /proc/PID/stat).
    std::chrono::milliseconds cpu_time() const;

    // What the process has written to stderr so far. (It goes to a file, not to the test's own
    // stderr; a test that fails prints its last lines.)
    std::string error_output() const;

  private:
    // Starts the program and reads its first line; throws with the reason if it did not start.
    void start(const std::vector<std::string>& words);
    // Kills the server if it still runs, and closes what this object holds.
    void release();

    pid_t pid_ = -1;
    std::string command_;  // the command line, for messages
    // Kept open: closing it would kill the server with SIGPIPE on its next print.
    int stdout_fd_ = -1;
    int stderr_fd_ = -1;            // an unlinked temporary file: what the server wrote to stderr
    std::uint64_t last_words_ = 0;  // what the test's deadline does with this server
    std::uint16_t port_ = 0;
    std::string listening_line_;
};

// What a program printed on stderr and how it exited, for command-line tests.
struct Finished {
    ExitStatus status;
    std::string err;
    std::string command;  // the command line it ran, for messages
};

// Passes if the program ended with `status` and its stderr holds `on_stderr`; else says what it
// ran, how it ended and what it printed. EXPECT_TRUE(exited(run_to_exit(...), 2, "--port"));
testing::AssertionResult exited(const Finished& run, int status, std::string_view on_stderr);

// Lets this process (and the servers it starts, which inherit the limit) open `wanted`
// descriptors, as far as the hard limit allows. Returns how many it may open now.
unsigned long allow_descriptors(unsigned long wanted);

// Runs `program args...` to its end (killed after `timeout`), capturing its stderr.
Finished run_to_exit(const std::vector<std::string>& args, std::chrono::milliseconds timeout = 10s);

}  // namespace snow_test
