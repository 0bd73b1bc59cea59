// Running the program under test as a real process.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace snow_test {

using namespace std::chrono_literals;

// One running server: started on 127.0.0.1 with --port 0 (the kernel picks a free port), ready
// once it printed its "listening on H:N" line. The destructor kills and reaps it if the test did
// not stop it, so a failed assertion never leaves a server behind.
class ServerProcess {
  public:
    // Starts `program --host 127.0.0.1 --port 0 args...`; throws if no "listening on" line
    // arrives within 10 s or the program exits first.
    explicit ServerProcess(std::vector<std::string> args = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    std::uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }
    const std::string& listening_line() const { return listening_line_; }

    // Sends `signal` and returns at once.
    void signal(int signal);

    // Sends `signal` and waits up to `timeout` for the exit. Returns the exit status, 128 + N for
    // death by signal N, or -1 if it was still running (it is then killed).
    int stop(int signal = 15, std::chrono::milliseconds timeout = 10s);

    // True while the process has not exited.
    bool running();

    // How many descriptors the process has open now (the entries of /proc/PID/fd).
    int open_descriptors() const;

    // The CPU time the process has used so far, user and system (from /proc/PID/stat).
    std::chrono::milliseconds cpu_time() const;

    // What the process has written to stderr so far. (It goes to a file, not to the test's own
    // stderr; a test that fails prints it.)
    std::string error_output() const;

  private:
    pid_t pid_ = -1;
    // Kept open: closing it would kill the server with SIGPIPE on its next print.
    int stdout_fd_ = -1;
    int stderr_fd_ = -1;  // an unlinked temporary file: what the server wrote to stderr
    std::uint16_t port_ = 0;
    std::string listening_line_;
};

// What a program printed on stderr and how it exited, for command-line tests.
struct Finished {
    int status;  // exit status, 128 + N for death by signal N, -1 if it had to be killed
    std::string err;
};

// Lets this process (and the servers it starts, which inherit the limit) open `wanted`
// descriptors, as far as the hard limit allows. Returns how many it may open now.
unsigned long allow_descriptors(unsigned long wanted);

// Runs `program args...` to its end (killed after `timeout`), capturing its stderr.
Finished run_to_exit(const std::vector<std::string>& args, std::chrono::milliseconds timeout = 10s);

}  // namespace snow_test
