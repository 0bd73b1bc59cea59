// main() for every behaviour test binary: GoogleTest's, plus --program=PATH, any number of
// --server-arg=ARG (added to every start of the program, e.g. --poller select), and, for a test
// that shows a chapter's flaw, --flaw-in=N --fixed-in=M (CTest expects it to fail: WILL_FAIL).
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "behaviour.hpp"
#include "deadline.hpp"

namespace {
std::string chapter_program;
std::vector<std::string> extra_server_args;

// Starts each test's deadline as the test starts, and clears it as the test ends.
class Deadlines : public testing::EmptyTestEventListener {
    void OnTestStart(const testing::TestInfo& test) override {
        snow_test::start_test_deadline(std::string(test.test_suite_name()) + "." + test.name());
    }
    void OnTestEnd(const testing::TestInfo&) override { snow_test::start_test_deadline(""); }
};

// "ServesASecondClientWhileTheFirstStaysConnected" -> "serves a second client while the first
// stays connected": a test's name says the behaviour, so it also says the flaw.
std::string in_words(std::string_view name) {
    std::string words;
    for (std::size_t i = 0; i < name.size(); ++i) {
        bool upper = std::isupper(static_cast<unsigned char>(name[i]));
        bool digit = std::isdigit(static_cast<unsigned char>(name[i]));
        bool after_digit = i > 0 && std::isdigit(static_cast<unsigned char>(name[i - 1]));
        if (i > 0 && (upper || (digit && !after_digit))) words += ' ';
        words += static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
    }
    return words;
}

std::string chapter(const std::string& number) {
    return "chapter " + std::string(number.size() < 2 ? "0" : "") + number;
}

// One line for a test that passed where its chapter is expected to fail it: CTest reports it
// "Failed", and a reader should know why.
void explain_missing_flaw(const std::string& flaw_in, const std::string& fixed_in, bool learner) {
    const testing::TestInfo* test = nullptr;
    auto* unit = testing::UnitTest::GetInstance();
    for (int i = 0; i < unit->total_test_suite_count() && test == nullptr; ++i) {
        const testing::TestSuite* suite = unit->GetTestSuite(i);
        for (int j = 0; j < suite->total_test_count() && test == nullptr; ++j) {
            if (suite->GetTestInfo(j)->should_run()) test = suite->GetTestInfo(j);
        }
    }
    if (test == nullptr) return;
    std::string name = std::string(test->test_suite_name()) + "." + test->name();
    std::string flaw = chapter(flaw_in) + "'s program is expected to fail " + name + " (\"" +
                       in_words(test->name()) + "\"): a flaw that " + chapter(fixed_in) +
                       " fixes. ";
    flaw[0] = 'C';
    std::cout << "[ NO FLAW  ] " << flaw
              << (learner ? "Your program passed: it does not have that flaw, and CTest says "
                            "\"Failed\" only because it expected the flaw."
                          : "It passed: the flaw is gone, so fixed_in() on the test's SNOW_TEST "
                            "line is wrong, or the test no longer shows the flaw.")
              << std::endl;
}

}  // namespace

const std::vector<std::string>& snow_test::server_args() {
    return extra_server_args;
}

const std::string& snow_test::program_under_test() {
    // Learner mode: a reader points the chapter's tests at their own program. CTest runs each
    // test in its own folder, so a relative path is taken from where the reader's shell was:
    // $PWD, which the shell set and chdir() does not change.
    static const std::string program = [] {
        const char* own = std::getenv("SNOW_PROGRAM");
        if (own == nullptr || *own == '\0') return chapter_program;
        const char* shell_folder = std::getenv("PWD");
        if (*own == '/' || shell_folder == nullptr) return std::string(own);
        return std::string(shell_folder) + "/" + own;
    }();
    return program;
}

int main(int argc, char** argv) {
    testing::InitGoogleTest(&argc, argv);  // removes the --gtest_* arguments it understands
    std::string flaw_in;
    std::string fixed_in;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto value = [&](std::string_view name) { return std::string(arg.substr(name.size())); };
        if (arg.starts_with("--program=")) {
            chapter_program = value("--program=");
        } else if (arg.starts_with("--server-arg=")) {
            extra_server_args.push_back(value("--server-arg="));
        } else if (arg.starts_with("--flaw-in=")) {
            flaw_in = value("--flaw-in=");
        } else if (arg.starts_with("--fixed-in=")) {
            fixed_in = value("--fixed-in=");
        } else {
            std::cerr << "unknown argument: " << arg << "\n";
            return 2;
        }
    }
    if (snow_test::program_under_test().empty()) {
        std::cerr << "no program to test: pass --program=PATH or set SNOW_PROGRAM\n";
        return 2;
    }
    testing::UnitTest::GetInstance()->listeners().Append(new Deadlines);
    int status = RUN_ALL_TESTS();
    // A filter that selects nothing would pass silently: a renamed test must not hide that way.
    if (testing::UnitTest::GetInstance()->test_to_run_count() == 0) {
        std::cerr << "no test matched the filter\n";
        return 1;
    }
    if (status == 0 && !flaw_in.empty()) {
        explain_missing_flaw(flaw_in, fixed_in, snow_test::program_under_test() != chapter_program);
    }
    return status;
}
