// Arguments: the helpers' command line, "--name value" pairs and nothing else.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

// Reads "--name value" pairs once, then answers questions about them. Every helper is started by
// tests/bench/run, so a mistake is a bug in the script: it is reported and the helper exits 2.
// done() complains about any option that no question asked for (a typo in the script).
class Arguments {
  public:
    Arguments(int argc, char** argv);

    std::int64_t number(std::string_view name, std::int64_t fallback);
    std::string text(std::string_view name, std::string_view fallback);
    void done() const;

  private:
    [[noreturn]] void fail(const std::string& problem) const;

    std::string program_;
    std::map<std::string, std::string, std::less<>> values_;
    std::map<std::string, bool, std::less<>> asked_;
};
