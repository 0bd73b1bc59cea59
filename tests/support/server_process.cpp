#include "server_process.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <utility>

#include "behaviour.hpp"
#include "deadline.hpp"

extern char** environ;

namespace snow_test {
namespace {

using Clock = std::chrono::steady_clock;

// The command line a test starts: the program under test, `args`, then the --server-arg ones.
std::vector<std::string> command_line(const std::vector<std::string>& args) {
    std::vector<std::string> words{program_under_test()};
    words.insert(words.end(), args.begin(), args.end());
    words.insert(words.end(), server_args().begin(), server_args().end());
    return words;
}

std::string joined(const std::vector<std::string>& words) {
    std::string line;
    for (const std::string& word : words)
        line += (line.empty() ? "" : " ") + word;
    return line;
}

// In the child, between fork() and exec: only async-signal-safe calls, since the test may have
// other threads (one of them could hold malloc's lock). Never returns.
[[noreturn]] void become(char* const* argv, pid_t test, int captured, int to_fd, int stderr_fd,
                         int report) {
    // Die with the test binary, even when it is killed with SIGKILL and runs no destructor. (The
    // kernel sends the signal when the thread that forked exits: a test starts its servers on a
    // thread that outlives them.) Had the test died before this line, no signal would come.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != test) ::_exit(127);
    ::setpgid(0, 0);  // a process group of its own: what it starts can be killed with it
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);  // a thread of the test may block some
    ::dup2(captured, to_fd);
    if (stderr_fd >= 0) ::dup2(stderr_fd, STDERR_FILENO);
    ::execve(argv[0], argv, environ);
    int error = errno;  // exec failed: tell the test why, through the report pipe
    [[maybe_unused]] ssize_t written = ::write(report, &error, sizeof error);
    ::_exit(127);
}

// Starts `words` with its descriptor `captured_fd` (stdout or stderr) going into a new pipe, and
// its stderr into `stderr_fd` if one is given; returns the pid and the pipe's read end. Throws,
// naming the reason, if the program cannot be started (no such file, not executable).
std::pair<pid_t, int> spawn(const std::vector<std::string>& words, int captured_fd,
                            int stderr_fd = -1) {
    std::vector<char*> argv;
    for (const std::string& word : words)
        argv.push_back(const_cast<char*>(word.c_str()));
    argv.push_back(nullptr);
    int output[2];
    int report[2];  // closed by a successful exec (O_CLOEXEC), written by a failed one
    if (::pipe2(output, O_CLOEXEC) != 0 || ::pipe2(report, O_CLOEXEC) != 0) {
        throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    }
    pid_t test = ::getpid();
    pid_t pid = ::fork();
    if (pid == 0) become(argv.data(), test, output[1], captured_fd, stderr_fd, report[1]);
    ::close(output[1]);
    ::close(report[1]);
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    ::setpgid(pid, pid);  // also here, so that it holds before we ever signal the group
    int error = 0;
    ssize_t n = 0;
    while ((n = ::read(report[0], &error, sizeof error)) < 0 && errno == EINTR) {
    }
    ::close(report[0]);
    if (n > 0) {
        ::close(output[0]);
        ::waitpid(pid, nullptr, 0);
        throw std::runtime_error("cannot start " + words[0] + ": " + std::strerror(error));
    }
    return {pid, output[0]};
}

// Reads from `fd` into `out` until `done(out)` holds, EOF, or the deadline. False on timeout.
template <typename Done>
bool read_until(int fd, std::string& out, Clock::time_point deadline, Done done) {
    while (!done(out)) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return false;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
        char chunk[4096];
        ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n <= 0) return true;
        out.append(chunk, static_cast<size_t>(n));
    }
    return true;
}

std::string signal_name(int signal) {
    if (signal == SIGINT) return "SIGINT";
    if (signal == SIGTERM) return "SIGTERM";
    return "signal " + std::to_string(signal);
}

ExitStatus decode(int wait_status) {
    if (WIFEXITED(wait_status)) {
        int code = WEXITSTATUS(wait_status);
        return {code, "exit status " + std::to_string(code)};
    }
    int signal = WTERMSIG(wait_status);
    return {128 + signal,
            "killed by signal " + std::to_string(signal) + " (" + ::strsignal(signal) + ")"};
}

// Waits up to `timeout` for `pid` to exit; kills it (and its process group) if it does not.
// Either way nothing of it is left. `waiting_for` names the wait, for the message.
ExitStatus reap(pid_t pid, std::chrono::milliseconds timeout, const std::string& waiting_for) {
    std::optional<Waiting> waiting;
    if (!waiting_for.empty()) waiting.emplace(waiting_for);
    auto deadline = Clock::now() + timeout;
    int wait_status = 0;
    ExitStatus status;
    for (;;) {
        if (::waitpid(pid, &wait_status, WNOHANG) == pid) {
            status = decode(wait_status);
            break;
        }
        if (Clock::now() >= deadline) {
            ::kill(-pid, SIGKILL);
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &wait_status, 0);
            status = {-1, "still running after " + std::to_string(timeout.count()) +
                              " ms, so the test killed it"};
            break;
        }
        std::this_thread::sleep_for(5ms);
    }
    ::kill(-pid, SIGKILL);  // anything it started and left behind in its group
    return status;
}

// The last `count` lines of `text`, each indented, with a line saying how many were left out.
std::string last_lines(const std::string& text, int count = 15) {
    std::size_t start = text.size();
    int lines = 0;
    while (start > 0 && lines <= count) {
        start = text.rfind('\n', start - 1);
        if (start == std::string::npos) {
            start = 0;
            break;
        }
        ++lines;
    }
    if (lines > count) ++start;  // start after the newline that ends the line before
    std::string out;
    if (start > 0) out += "    [... " + std::to_string(start) + " bytes before these]\n";
    std::istringstream in(text.substr(start));
    for (std::string line; std::getline(in, line);)
        out += "    | " + line + "\n";
    return out;
}

// Where the first sanitizer report in `err` begins (the start of its line), or npos. A report
// fails the test even when the test saw nothing wrong: ThreadSanitizer stops the server at its
// first report (TSAN_OPTIONS, support/snow.cmake), and a test that asks nothing more of it after
// the race would pass without this check.
std::size_t sanitizer_report(const std::string& err) {
    std::size_t first = std::string::npos;
    for (const char* mark : {"WARNING: ThreadSanitizer:", "ERROR: AddressSanitizer:",
                             "ERROR: LeakSanitizer:", ": runtime error: "}) {
        first = std::min(first, err.find(mark));
    }
    if (first == std::string::npos) return first;
    std::size_t line = err.rfind('\n', first);
    return line == std::string::npos ? 0 : line + 1;
}

// Up to `count` lines of `text` from its start, each indented.
std::string first_lines(const std::string& text, int count) {
    std::istringstream in(text);
    std::string out;
    std::string line;
    for (int i = 0; i < count && std::getline(in, line); ++i)
        out += "    | " + line + "\n";
    if (std::getline(in, line)) out += "    [... the rest left out]\n";
    return out;
}

std::string read_all(int fd) {
    std::string text;
    char chunk[4096];
    ssize_t n = 0;
    for (off_t at = 0; fd >= 0 && (n = ::pread(fd, chunk, sizeof chunk, at)) > 0; at += n) {
        text.append(chunk, static_cast<std::size_t>(n));
    }
    return text;
}

// Why there was no "listening on H:N" line, from what the program printed and how it ended.
std::string no_line_message(const std::string& command, const std::string& out,
                            const std::string& err, const ExitStatus* ended) {
    std::string message = "the program did not start: ";
    if (ended != nullptr) {
        message += "it ended (" + ended->what + ") before printing its 'listening on H:N' line.";
    } else {
        message +=
            "no line on its stdout within 10 s (still running, so the test killed it). "
            "A line written without a flush waits in the program's buffer: stdout to a pipe is "
            "fully buffered. End it with std::endl, or call fflush(stdout).";
    }
    message += "\n  command: " + command;
    message += "\n  stdout:  " + (out.empty() ? "(nothing)" : "'" + out + "'");
    message += err.empty() ? "\n  stderr:  (nothing)" : "\n  stderr:\n" + last_lines(err);
    return message;
}

}  // namespace

void PrintTo(const ExitStatus& status, std::ostream* out) {
    *out << status.what;
}

ServerProcess::ServerProcess(std::vector<std::string> args) {
    args.insert(args.begin(), {"--host", "127.0.0.1", "--port", "0"});
    std::vector<std::string> words = command_line(args);
    command_ = joined(words);
    char path[] = "/tmp/snow-stderr-XXXXXX";
    stderr_fd_ = ::mkostemp(path, O_CLOEXEC);
    if (stderr_fd_ >= 0) ::unlink(path);
    try {
        start(words);
    } catch (...) {
        release();  // no destructor runs after a constructor throws
        throw;
    }
}

void ServerProcess::start(const std::vector<std::string>& words) {
    std::tie(pid_, stdout_fd_) = spawn(words, STDOUT_FILENO, stderr_fd_);
    last_words_ = at_deadline([pid = pid_, fd = stderr_fd_, command = command_] {
        std::string err = read_all(fd);
        std::cerr << "*** The server: " << command << "\n";
        if (!err.empty()) std::cerr << "*** its stderr, the last lines:\n" << last_lines(err);
        ::kill(-pid, SIGKILL);
    });
    std::string out;
    auto has_line = [](const std::string& s) { return s.find('\n') != std::string::npos; };
    bool ended_or_line = true;
    {
        Waiting waiting("the 'listening on H:N' line from " + command_);
        ended_or_line = read_until(stdout_fd_, out, Clock::now() + 10s, has_line);
    }
    if (!has_line(out)) {
        ExitStatus ended = reap(pid_, ended_or_line ? 1s : 0ms, command_ + " to exit");
        pid_ = -1;
        bool still_running = !ended_or_line || ended.code == -1;
        throw std::runtime_error(
            no_line_message(command_, out, error_output(), still_running ? nullptr : &ended));
    }
    listening_line_ = out.substr(0, out.find('\n'));
    auto colon = listening_line_.rfind(':');
    std::string port = colon == std::string::npos ? "" : listening_line_.substr(colon + 1);
    bool number = !port.empty() && port.size() <= 5 &&
                  port.find_first_not_of("0123456789") == std::string::npos;
    if (!listening_line_.starts_with("listening on ") || !number || std::stoi(port) > 65535) {
        throw std::runtime_error(
            "the first line on the program's stdout must read 'listening on H:N', N the port "
            "it listens on; it read '" +
            listening_line_ + "'\n  command: " + command_);
    }
    port_ = static_cast<std::uint16_t>(std::stoi(port));
}

void ServerProcess::release() {
    forget_at_deadline(last_words_);
    last_words_ = 0;
    if (pid_ > 0) reap(pid_, 0ms, "");
    pid_ = -1;
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
    if (stderr_fd_ >= 0) ::close(stderr_fd_);
    stdout_fd_ = stderr_fd_ = -1;
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) reap(pid_, 0ms, "");
    pid_ = -1;
    std::string err = error_output();
    if (std::size_t report = sanitizer_report(err); report != std::string::npos) {
        ADD_FAILURE() << "the server's sanitizer reported a fault\n  command: " << command_
                      << "\n  its report:\n"
                      << first_lines(err.substr(report), 80);
    } else if (testing::Test::HasFailure() && !err.empty()) {
        std::cerr << "--- the server's stderr, the last lines:\n" << last_lines(err) << "---\n";
    }
    release();
}

std::string ServerProcess::error_output() const {
    return read_all(stderr_fd_);
}

void ServerProcess::signal(int signal) {
    if (pid_ > 0) ::kill(pid_, signal);
}

ExitStatus ServerProcess::stop(int signal, std::chrono::milliseconds grace) {
    if (pid_ <= 0) return {-1, "not running: it had already exited, or was stopped before"};
    ::kill(pid_, signal);
    ExitStatus status = reap(pid_, grace, command_ + " to exit after " + signal_name(signal));
    if (status.code == -1) {
        status.what = "still running " + std::to_string(grace.count()) + " ms after " +
                      signal_name(signal) + ", so the test killed it";
    }
    pid_ = -1;
    return status;
}

bool ServerProcess::running() {
    int wait_status = 0;
    if (pid_ > 0 && ::waitpid(pid_, &wait_status, WNOHANG) == pid_) {
        ::kill(-pid_, SIGKILL);
        pid_ = -1;
    }
    return pid_ > 0;
}

int ServerProcess::open_descriptors() const {
    std::string path = "/proc/" + std::to_string(pid_) + "/fd";
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr) return -1;
    int count = 0;
    while (dirent* entry = ::readdir(dir)) {
        if (entry->d_name[0] != '.') ++count;
    }
    ::closedir(dir);
    return count;
}

std::chrono::milliseconds ServerProcess::cpu_time() const {
    std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    // Fields 14 and 15 are utime and stime, in clock ticks. Field 2, the command, is in
    // parentheses and may hold spaces: count fields from the last ')'.
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    long ticks = 0;
    for (int number = 3; number <= 15 && fields >> field; ++number) {
        if (number >= 14) ticks += std::stol(field);
    }
    return std::chrono::milliseconds(ticks * 1000 / ::sysconf(_SC_CLK_TCK));
}

unsigned long allow_descriptors(unsigned long wanted) {
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = std::max<rlim_t>(limit.rlim_cur, std::min<rlim_t>(wanted, limit.rlim_max));
    ::setrlimit(RLIMIT_NOFILE, &limit);
    return limit.rlim_cur;
}

Finished run_to_exit(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
    std::vector<std::string> words = command_line(args);
    std::string command = joined(words);
    auto [pid, err_fd] = spawn(words, STDERR_FILENO);
    Finished result{};
    result.command = command;
    {
        Waiting waiting(command + " to exit");
        read_until(err_fd, result.err, Clock::now() + timeout,
                   [](const std::string&) { return false; });
    }
    ::close(err_fd);
    result.status = reap(pid, 1s, command + " to exit");
    if (result.status.code == -1) {
        result.status.what =
            "still running after " + std::to_string(timeout.count()) + " ms, so the test killed it";
    }
    return result;
}

testing::AssertionResult exited(const Finished& run, int status, std::string_view on_stderr) {
    if (run.status == status && run.err.find(on_stderr) != std::string::npos) {
        return testing::AssertionSuccess();
    }
    return testing::AssertionFailure()
           << "wanted exit status " << status << " and \"" << on_stderr << "\" on stderr"
           << "\n  command: " << run.command << "\n  ended:   " << run.status.what
           << (run.err.empty() ? "\n  stderr:  (nothing)" : "\n  stderr:\n" + last_lines(run.err));
}

}  // namespace snow_test
