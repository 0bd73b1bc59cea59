// The vocabulary of the exercises' tests (tests/exercises/exNN.K_test.cpp).
//
// EXERCISE_TEST(Suite, Name, fails_with("text")) is a GoogleTest TEST that checks one thing an
// exercise asks for. The build runs it twice (tests/exercises/CMakeLists.txt): against the
// solution, where it must pass, and against the chapter's own program, where it must fail and
// its output must contain "text", the reason the exercise names. A crash, a build error or a
// failure for another reason does not contain it, so it does not prove the test. The build reads
// these lines from the source: start each at the start of a line (clang-format may wrap it after
// the name), and keep `"` and `;` out of the reason.
#pragma once

#include <chrono>
#include <string>

#include "behaviour.hpp"
#include "client.hpp"
#include "http.hpp"

#define EXERCISE_TEST(suite, name, ...) TEST(suite, name)

namespace snow_test {

// Sends `request` on `client` and reads one answer, waiting at most `timeout`: the test's own
// deadline, seconds, where round_trip() waits 10 s. The answer keeps the request, for messages.
inline Response ask(Client& client, const std::string& request, std::chrono::milliseconds timeout) {
    client.send(request);
    Response response = read_response(client, false, timeout);
    response.request = request;
    return response;
}

// The time since `start`, in whole milliseconds: what a check on timing prints.
inline std::chrono::milliseconds since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

}  // namespace snow_test
