#include "server_process.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <utility>

#include "behaviour.hpp"

extern char** environ;

namespace snow_test {
namespace {

using Clock = std::chrono::steady_clock;

// Starts `program args...` with its stdout (or stderr) going into a new pipe; returns the pid and
// the pipe's read end.
std::pair<pid_t, int> spawn(const std::vector<std::string>& args, int captured_fd,
                            int stderr_fd = -1) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], captured_fd);
    if (stderr_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stderr_fd, STDERR_FILENO);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program_under_test().c_str()));
    for (const std::string& arg : args)
        argv.push_back(const_cast<char*>(arg.c_str()));
    for (const std::string& arg : server_args())
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    if (error != 0) {
        ::close(pipe_fds[0]);
        throw std::runtime_error("cannot start " + program_under_test());
    }
    return {pid, pipe_fds[0]};
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

int decode(int wait_status) {
    if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
    return 128 + WTERMSIG(wait_status);
}

// Waits up to `timeout` for `pid` to exit; kills it if it does not. Returns its status or -1.
int reap(pid_t pid, std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    int wait_status = 0;
    while (Clock::now() < deadline) {
        if (::waitpid(pid, &wait_status, WNOHANG) == pid) return decode(wait_status);
        std::this_thread::sleep_for(5ms);
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &wait_status, 0);
    return -1;
}

}  // namespace

ServerProcess::ServerProcess(std::vector<std::string> args) {
    args.insert(args.begin(), {"--host", "127.0.0.1", "--port", "0"});
    char path[] = "/tmp/snow-stderr-XXXXXX";
    stderr_fd_ = ::mkostemp(path, O_CLOEXEC);
    if (stderr_fd_ >= 0) ::unlink(path);
    std::tie(pid_, stdout_fd_) = spawn(args, STDOUT_FILENO, stderr_fd_);
    std::string out;
    auto has_line = [](const std::string& s) { return s.find('\n') != std::string::npos; };
    read_until(stdout_fd_, out, Clock::now() + 10s, has_line);
    listening_line_ = out.substr(0, out.find('\n'));
    std::string_view prefix = "listening on ";
    auto colon = listening_line_.rfind(':');
    if (!listening_line_.starts_with(prefix) || colon == std::string::npos) {
        ::kill(pid_, SIGKILL);
        reap(pid_, 1s);
        pid_ = -1;
        throw std::runtime_error("no 'listening on H:N' line from " + program_under_test() +
                                 ", got: '" + out + "'");
    }
    port_ = static_cast<std::uint16_t>(std::stoi(listening_line_.substr(colon + 1)));
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        reap(pid_, 5s);
    }
    if (testing::Test::HasFailure() && !error_output().empty()) {
        std::cerr << "--- the server's stderr:\n" << error_output() << "---\n";
    }
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
    if (stderr_fd_ >= 0) ::close(stderr_fd_);
}

std::string ServerProcess::error_output() const {
    std::string text;
    char chunk[4096];
    ssize_t n = 0;
    for (off_t at = 0; (n = ::pread(stderr_fd_, chunk, sizeof chunk, at)) > 0; at += n) {
        text.append(chunk, static_cast<std::size_t>(n));
    }
    return text;
}

void ServerProcess::signal(int signal) {
    if (pid_ > 0) ::kill(pid_, signal);
}

int ServerProcess::stop(int signal, std::chrono::milliseconds timeout) {
    ::kill(pid_, signal);
    int status = reap(pid_, timeout);
    pid_ = -1;
    return status;
}

bool ServerProcess::running() {
    int wait_status = 0;
    if (pid_ > 0 && ::waitpid(pid_, &wait_status, WNOHANG) == pid_) pid_ = -1;
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
    auto [pid, err_fd] = spawn(args, STDERR_FILENO);
    Finished result{};
    read_until(err_fd, result.err, Clock::now() + timeout,
               [](const std::string&) { return false; });
    ::close(err_fd);
    result.status = reap(pid, 1s);
    return result;
}

}  // namespace snow_test
