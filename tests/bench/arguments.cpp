#include "arguments.hpp"

#include <charconv>
#include <cstdlib>
#include <iostream>

Arguments::Arguments(int argc, char** argv) : program_(argv[0]) {
    for (int i = 1; i < argc; i += 2) {
        std::string_view name = argv[i];
        if (!name.starts_with("--") || i + 1 == argc)
            fail("expected --name value at " + std::string(name));
        values_[std::string(name)] = argv[i + 1];
    }
}

std::int64_t Arguments::number(std::string_view name, std::int64_t fallback) {
    asked_[std::string(name)] = true;
    auto found = values_.find(name);
    if (found == values_.end()) return fallback;
    const std::string& text = found->second;
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        fail(std::string(name) + " needs a number, not '" + text + "'");
    }
    return value;
}

std::string Arguments::text(std::string_view name, std::string_view fallback) {
    asked_[std::string(name)] = true;
    auto found = values_.find(name);
    return found == values_.end() ? std::string(fallback) : found->second;
}

void Arguments::done() const {
    for (const auto& [name, value] : values_) {
        if (!asked_.contains(name)) fail("unknown option " + name);
    }
}

void Arguments::fail(const std::string& problem) const {
    std::cerr << program_ << ": " << problem << "\n";
    std::exit(2);
}
