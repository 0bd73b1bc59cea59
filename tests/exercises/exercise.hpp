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

#include "behaviour.hpp"

#define EXERCISE_TEST(suite, name, ...) TEST(suite, name)
