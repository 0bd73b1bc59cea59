// The stop signal (chapter 08 on, where a program first has a second thread): SIGINT and SIGTERM
// stop the loop whichever thread the kernel hands them to. A thread that the application
// started before run() has the two signals unblocked (only run() blocks them, and only in its
// own thread), so its handler may run there while the loop sleeps; the loop must wake all the
// same. Each test forks a program that does just that: it starts an application thread, then
// runs Snow with no routes.
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "behaviour.hpp"
#include "snow.hpp"

using namespace std::chrono_literals;

namespace {

// Who delivers the SIGTERM: the kernel, to whichever thread it picks (kill(2) on the process),
// or the application thread, to itself (pthread_kill): then the handler surely runs there.
enum class Delivery { ToTheProcess, ToTheApplicationThread };

// The program under test, in a child process. Its application thread turns every byte that
// arrives on `go` into a SIGTERM to itself. Its stdout goes to `out`: "listening on H:N".
[[noreturn]] void run_a_program_with_a_thread(int out, int go) {
    ::dup2(out, STDOUT_FILENO);
    std::thread([go] {
        char byte;
        while (::read(go, &byte, 1) == 1)
            ::pthread_kill(::pthread_self(), SIGTERM);
    }).detach();
    ::_exit(Snow(std::vector<Route>{}).run("127.0.0.1", 0));
}

// Reads the child's stdout until it says "listening on", for at most 5 s.
bool wait_for_listening(int out) {
    std::string said;
    auto give_up = std::chrono::steady_clock::now() + 5s;
    char chunk[256];
    while (said.find("listening on") == std::string::npos) {
        if (std::chrono::steady_clock::now() > give_up) return false;
        ssize_t got = ::read(out, chunk, sizeof chunk);
        if (got <= 0) return false;
        said.append(chunk, static_cast<std::size_t>(got));
    }
    return true;
}

// Starts the program, stops it with one SIGTERM as `delivery` says, and returns its exit
// status; std::nullopt if it had not exited `limit` after the signal (it is killed then).
std::optional<int> stop_a_program_with_a_thread(Delivery delivery,
                                                std::chrono::milliseconds limit) {
    int out[2];
    int go[2];
    if (::pipe(out) != 0 || ::pipe(go) != 0) throw std::runtime_error("pipe failed");
    pid_t child = ::fork();
    if (child == 0) run_a_program_with_a_thread(out[1], go[0]);
    ::close(out[1]);
    ::close(go[0]);
    bool listening = wait_for_listening(out[0]);
    if (listening && delivery == Delivery::ToTheProcess) ::kill(child, SIGTERM);
    if (listening && delivery == Delivery::ToTheApplicationThread) {
        [[maybe_unused]] ssize_t sent = ::write(go[1], "!", 1);
    }
    int status = 0;
    auto give_up = std::chrono::steady_clock::now() + limit;
    while (listening && ::waitpid(child, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > give_up) {
            listening = false;  // still running: a stop that did not stop
            break;
        }
        std::this_thread::sleep_for(2ms);
    }
    if (!listening) {
        ::kill(child, SIGKILL);
        ::waitpid(child, &status, 0);
    }
    ::close(out[0]);
    ::close(go[1]);
    if (!listening || !WIFEXITED(status)) return std::nullopt;
    return WEXITSTATUS(status);
}

}  // namespace

// The deterministic case: the handler runs on the application thread while the loop sleeps. A
// flag alone is set where the loop does not look until something else wakes it, which may be
// never.
SNOW_TEST(StopSignal, StopsTheLoopWhenItLandsOnAnotherThread, since(8)) {
    std::optional<int> status =
        stop_a_program_with_a_thread(Delivery::ToTheApplicationThread, 1000ms);
    ASSERT_TRUE(status.has_value())
        << "SIGTERM handled on the application thread: the program was still running 1 s later";
    EXPECT_EQ(*status, 0);
}

// What a user does: kill(1) the process, here 50 times over. Each time the kernel picks the
// thread; each time the program exits 0 within a second.
SNOW_TEST(StopSignal, StopsAProgramWithAThreadEveryTime, since(8)) {
    int hung = 0;
    int failed = 0;
    for (int i = 0; i < 50; ++i) {
        std::optional<int> status = stop_a_program_with_a_thread(Delivery::ToTheProcess, 1000ms);
        if (!status) ++hung;
        if (status && *status != 0) ++failed;
    }
    EXPECT_EQ(hung, 0) << "of 50 programs sent SIGTERM, " << hung << " still ran 1 s later";
    EXPECT_EQ(failed, 0) << "of 50 programs sent SIGTERM, " << failed << " exited non-zero";
}
