// The vocabulary of Snow's behaviour tests.
//
// SNOW_TEST(Suite, Name, since(N)) is a GoogleTest TEST that applies to chapter N and every later
// chapter. SNOW_TEST(Suite, Name, since(N), fixed_in(M)) pins a flaw: the chapters N..M-1 have it,
// so there the test is expected to fail; from chapter M on it must pass. The build reads these
// lines from the source (tests/support/snow.cmake), so write each on one line at the start of it.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#define SNOW_TEST(suite, name, ...) TEST(suite, name)

// The library in snow/ puts its names in namespace snow; the chapters' code has none. This
// empty declaration and the using-directive let one unit test file serve both.
namespace snow {}
using namespace snow;

namespace snow_test {

// The program under test: $SNOW_PROGRAM when set (learner mode), else the chapter's own program,
// which CTest passes as --program=PATH.
const std::string& program_under_test();

// Arguments added to every start of the program under test (--server-arg=ARG, in order).
const std::vector<std::string>& server_args();

}  // namespace snow_test
