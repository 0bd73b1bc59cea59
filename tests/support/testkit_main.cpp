// main() for every behaviour test binary: GoogleTest's, plus --program=PATH and any number of
// --server-arg=ARG (added to every start of the program, e.g. --poller select).
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

}  // namespace

const std::vector<std::string>& snow_test::server_args() {
    return extra_server_args;
}

const std::string& snow_test::program_under_test() {
    // Learner mode: a reader points the chapter's tests at their own program.
    static const std::string program = [] {
        const char* own = std::getenv("SNOW_PROGRAM");
        return own != nullptr && *own != '\0' ? std::string(own) : chapter_program;
    }();
    return program;
}

int main(int argc, char** argv) {
    testing::InitGoogleTest(&argc, argv);  // removes the --gtest_* arguments it understands
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto value = [&](std::string_view name) { return std::string(arg.substr(name.size())); };
        if (arg.starts_with("--program=")) {
            chapter_program = value("--program=");
        } else if (arg.starts_with("--server-arg=")) {
            extra_server_args.push_back(value("--server-arg="));
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
    return status;
}
