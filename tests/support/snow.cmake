# Build settings and the one function every chapter calls: snow_chapter().
#
# Included by the top-level CMakeLists.txt and by each chapter's own CMakeLists.txt, so that a
# chapter folder also builds as a project of its own (cmake -S chapters/02-select-loop -B /tmp/ch02).
# include_guard makes the second include a no-op when the whole repository is built.
include_guard(GLOBAL)

get_filename_component(SNOW_ROOT "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()
# Optimised, but keep assert(): our invariants are cheap to check and a reader learns from them.
# -g1 is debug information for a backtrace and a breakpoint on a line, not for printing variables
# (build with -DCMAKE_BUILD_TYPE=Debug for that): the book's code compiles a fifth faster than
# with -g, most of it in <regex> and the coroutines' templates.
set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O2 -g1")
# Every program lands in <build>/bin, whatever folder defines it.
set(CMAKE_RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")

add_compile_options(-Wall -Wextra -Wpedantic -Werror)
# GCC 12 at -O3 (Release: the bench's build) reports a false "may be used uninitialized" in
# std::string's destructor inlined into main() of the examples; -O2 builds keep the warning.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_BUILD_TYPE STREQUAL "Release")
    add_compile_options(-Wno-maybe-uninitialized)
endif()

# -DSNOW_SANITIZE=ON (or =address): AddressSanitizer and UndefinedBehaviorSanitizer, which every
# suite runs under in CI. -DSNOW_SANITIZE=thread: ThreadSanitizer, for the tests whose code crosses
# threads (ctest -L threaded, below). TSan cannot share a build with ASan: each lays out the
# process's memory for its own shadow.
set(SNOW_SANITIZE OFF CACHE STRING "OFF; ON or address (ASan and UBSan); thread (TSan)")
set_property(CACHE SNOW_SANITIZE PROPERTY STRINGS OFF ON address thread)
string(TOLOWER "${SNOW_SANITIZE}" _snow_sanitize)
if(_snow_sanitize STREQUAL "thread")
    add_compile_options(-fsanitize=thread)
    add_link_options(-fsanitize=thread)
elseif(_snow_sanitize STREQUAL "address" OR _snow_sanitize MATCHES "^(on|yes|y|true|1)$")
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    # GCC 12 reports false "may be used uninitialized" inside <regex> once sanitizers instrument
    # it; the sanitizers themselves catch real uses of uninitialized memory at run time.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        add_compile_options(-Wno-maybe-uninitialized)
    endif()
    add_link_options(-fsanitize=address,undefined)
elseif(SNOW_SANITIZE)
    message(FATAL_ERROR "SNOW_SANITIZE=${SNOW_SANITIZE}: say OFF, ON, address or thread")
endif()

enable_testing()
find_package(GTest REQUIRED)
find_package(Threads REQUIRED)

# Test code is compiled without optimisation and without debug information: it halves the
# build, and tests gain nothing from either (a failing check says what it saw; the code under
# test keeps the build type's flags, debug information included, for gdb). It also shares one
# precompiled header of GoogleTest and the standard headers the tests use: parsing
# <gtest/gtest.h> and <regex> was most of each test file's compile time, and the whole book
# builds about 250 test files (on two cores a test file took 5-6 s without it, 3 s with it).
if(NOT TARGET snow_test_pch)
    add_library(snow_test_pch OBJECT "${SNOW_ROOT}/tests/support/precompiled.cpp")
    target_link_libraries(snow_test_pch PRIVATE GTest::gtest)
    target_compile_options(snow_test_pch PRIVATE -O0 -g0)
    target_precompile_headers(snow_test_pch PRIVATE
        <gtest/gtest.h> <chrono> <functional> <map> <memory> <optional> <regex> <string>
        <string_view> <thread> <variant> <vector>)
endif()
function(snow_test_code target)
    target_compile_options(${target} PRIVATE -O0 -g0)
    target_precompile_headers(${target} REUSE_FROM snow_test_pch)
endfunction()

# The test kit: start a server, talk to it over a socket, stop it. Built once per build tree.
if(NOT TARGET snow_testkit)
    add_library(snow_testkit STATIC
        "${SNOW_ROOT}/tests/support/client.cpp"
        "${SNOW_ROOT}/tests/support/deadline.cpp"
        "${SNOW_ROOT}/tests/support/http.cpp"
        "${SNOW_ROOT}/tests/support/server_process.cpp"
        "${SNOW_ROOT}/tests/support/testkit_main.cpp")
    target_include_directories(snow_testkit PUBLIC "${SNOW_ROOT}/tests/support")
    # shims.hpp preloads these into the programs under test: their first accepts fail
    # (fail_accept.cpp), their sends are short (short_sends.cpp), a stop signal comes as a
    # timer falls due (term_on_timeout.cpp).
    foreach(shim IN ITEMS fail_accept short_sends term_on_timeout)
        add_library(snow_${shim} SHARED "${SNOW_ROOT}/tests/support/${shim}.cpp")
        target_link_libraries(snow_${shim} PRIVATE ${CMAKE_DL_LIBS})
        add_dependencies(snow_testkit snow_${shim})
    endforeach()
    target_compile_definitions(snow_testkit PUBLIC
        SNOW_FAIL_ACCEPT_SHIM="$<TARGET_FILE:snow_fail_accept>"
        SNOW_SHORT_SENDS_SHIM="$<TARGET_FILE:snow_short_sends>"
        SNOW_TERM_ON_TIMEOUT_SHIM="$<TARGET_FILE:snow_term_on_timeout>")
    target_link_libraries(snow_testkit PUBLIC GTest::gtest Threads::Threads)
    snow_test_code(snow_testkit)
endif()

# The behaviour suites, by what a program speaks. A chapter's program is tested with the suite
# "server" (starts, stops, takes bad arguments, does not leak) and with the suites it SPEAKS.
set(SNOW_SUITE_server "${SNOW_ROOT}/tests/behaviour/server_test.cpp" CACHE INTERNAL "")
set(SNOW_SUITE_echo "${SNOW_ROOT}/tests/behaviour/echo_test.cpp" CACHE INTERNAL "")
set(SNOW_SUITE_http "${SNOW_ROOT}/tests/behaviour/http_test.cpp" CACHE INTERNAL "")
# Programs that serve GET /index/ -> "OK" and 404 elsewhere (chapter 06 on, every snow example
# that has the seed's first example's route).
set(SNOW_SUITE_index "${SNOW_ROOT}/tests/behaviour/index_test.cpp" CACHE INTERNAL "")
# Programs that answer a request without a body with a description of it (chapters 04-05).
# Programs with the seed's waiting example: /req/ parks on a Future until /stop/ (chapter 07 on).
set(SNOW_SUITE_wait "${SNOW_ROOT}/tests/behaviour/wait_test.cpp" CACHE INTERNAL "")
# Chapter programs where many requests park on one future (/join/, /release/), and a handler
# returns a null future (/nofuture/) (chapter 07 on).
set(SNOW_SUITE_futures "${SNOW_ROOT}/tests/behaviour/futures_test.cpp" CACHE INTERNAL "")
# Programs with the seed's timeout example: /home/ at once, /async/ after --async-ms (chapter 08 on).
set(SNOW_SUITE_timeout "${SNOW_ROOT}/tests/behaviour/timeout_test.cpp" CACHE INTERNAL "")
# Chapter programs whose GET /thread/ is resolved by another thread (chapter 08 on).
set(SNOW_SUITE_threads "${SNOW_ROOT}/tests/behaviour/threads_test.cpp" CACHE INTERNAL "")
# Chapter programs with coroutine handlers: /twice/, /ready/, /boom/ (chapter 09 on).
set(SNOW_SUITE_coroutines "${SNOW_ROOT}/tests/behaviour/coroutines_test.cpp" CACHE INTERNAL "")
# Programs with settable limits and timeouts: --max-body, --*-timeout-ms (chapter 10 on).
set(SNOW_SUITE_limits "${SNOW_ROOT}/tests/behaviour/limits_test.cpp" CACHE INTERNAL "")
# Chapter programs with a throwing GET /throw/ beside /req/ and /stop/ (chapter 10 on).
set(SNOW_SUITE_errors "${SNOW_ROOT}/tests/behaviour/errors_test.cpp" CACHE INTERNAL "")
# Programs that take --poller: thousands of connections with epoll, select's limit (chapter 11 on).
set(SNOW_SUITE_pollers "${SNOW_ROOT}/tests/behaviour/pollers_test.cpp" CACHE INTERNAL "")
# snow/'s own: a graceful stop (503 for parked requests) and the access log.
set(SNOW_SUITE_stopping "${SNOW_ROOT}/tests/behaviour/stopping_test.cpp" CACHE INTERNAL "")
# snow/'s demo under load and abuse (slowloris, idle, garbage, 100 000 requests).
set(SNOW_SUITE_soak "${SNOW_ROOT}/tests/behaviour/soak_test.cpp" CACHE INTERNAL "")
# snow/'s route captures, query and form parameters (chapter 13): demo's /hello/NAME/, /search/, /form/.
set(SNOW_SUITE_params "${SNOW_ROOT}/tests/behaviour/params_test.cpp" CACHE INTERNAL "")
# Programs that serve a folder with --root DIR under /static/ (chapter 13 on, snow/'s `static`).
set(SNOW_SUITE_static "${SNOW_ROOT}/tests/behaviour/static_test.cpp" CACHE INTERNAL "")
# The chat (chapter 14 on, snow/'s `chat`): long polls and messages.
set(SNOW_SUITE_chat "${SNOW_ROOT}/tests/behaviour/chat_test.cpp" CACHE INTERNAL "")
set(SNOW_SUITE_inspect "${SNOW_ROOT}/tests/behaviour/inspect_test.cpp" CACHE INTERNAL "")

# The suites whose tests cross threads: futures resolved by another thread, and the mailbox by
# which those threads wake the loop. From chapter 08 on, where a second thread first appears,
# their tests are also labelled "threaded", and the target threaded-tests builds just them and
# the programs they start. The ThreadSanitizer build runs these (.ci/run):
#   cmake -S . -B build-tsan -DSNOW_SANITIZE=thread
#   cmake --build build-tsan -j2 --target threaded-tests && ctest --test-dir build-tsan -L threaded
set(SNOW_THREADED_SUITES Threads Futures Future Wakeup CACHE INTERNAL "")
set(SNOW_FIRST_THREADED_CHAPTER 8 CACHE INTERNAL "")
# Where the label starts can be moved later: CI's ThreadSanitizer run takes the last chapter and
# snow/ only (-DSNOW_THREADED_FROM=14). The earlier chapters have the same mailbox and futures,
# run in the normal build; under TSan each of them cost half a minute of compiling.
set(SNOW_THREADED_FROM ${SNOW_FIRST_THREADED_CHAPTER} CACHE STRING
    "The first chapter whose threaded tests are labelled threaded (snow/ counts as the last)")
if(NOT TARGET threaded-tests)
    add_custom_target(threaded-tests)
endif()
# Under ThreadSanitizer a program stops at its first report (the server dies and its test fails,
# and the test kit shows the report), with the exit status 66 where a test checks the status.
if(_snow_sanitize STREQUAL "thread")
    set(SNOW_TEST_ENVIRONMENT "TSAN_OPTIONS=halt_on_error=1:exitcode=66" CACHE INTERNAL "")
else()
    set(SNOW_TEST_ENVIRONMENT "" CACHE INTERNAL "")
endif()

# Builds the test binary of one behaviour suite (once) and names it in ${out_var}.
function(_snow_suite_binary suite out_var)
    set(target "${suite}_behaviour")
    if(NOT TARGET ${target})
        add_executable(${target} "${SNOW_SUITE_${suite}}")
        target_link_libraries(${target} PRIVATE snow_testkit)
        snow_test_code(${target})
    endif()
    set(${out_var} ${target} PARENT_SCOPE)
endfunction()

# Registers one CTest test per SNOW_TEST line of `source` that applies to chapter `number`.
#   SNOW_TEST(Suite, Name, since(N))               runs from chapter N on, and must pass.
#   SNOW_TEST(Suite, Name, since(N), fixed_in(M))  shows a flaw: expected to fail in chapters N..M-1
#                                                  (CTest WILL_FAIL), to pass from chapter M on.
# LABEL names the tests' label (else `name`); PROGRAM, the program they start, if any.
function(_snow_register_tests name number binary source)
    cmake_parse_arguments(ARG "" "LABEL;PROGRAM" "" ${ARGN})
    set(label "${name}")
    if(ARG_LABEL)
        set(label "${ARG_LABEL}")
    endif()
    set(command "$<TARGET_FILE:${binary}>" ${ARG_UNPARSED_ARGUMENTS})
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${source}")
    file(STRINGS "${source}" lines REGEX "^SNOW_TEST\\(")
    set(pattern "^SNOW_TEST\\(([A-Za-z0-9_]+), *([A-Za-z0-9_]+), *since\\(([0-9]+)\\)")
    foreach(line IN LISTS lines)
        if(NOT line MATCHES "${pattern}")
            message(FATAL_ERROR "${source}: cannot read the test line: ${line}")
        endif()
        set(suite "${CMAKE_MATCH_1}")
        set(test "${CMAKE_MATCH_1}.${CMAKE_MATCH_2}")
        set(since "${CMAKE_MATCH_3}")
        set(fixed_in 0)  # none: the behaviour holds from `since` on
        if(line MATCHES "fixed_in\\(([0-9]+)\\)")
            set(fixed_in "${CMAKE_MATCH_1}")
        endif()
        if(number LESS since)
            continue()
        endif()
        set(flawed OFF)
        set(flaw_args "")
        if(number LESS fixed_in)
            set(flawed ON)
            # The test binary explains a pass that CTest counts as a failure (testkit_main.cpp);
            # book/expected_failures reads these too.
            set(flaw_args "--flaw-in=${number}" "--fixed-in=${fixed_in}")
        endif()
        set(labels "${label}")
        if(suite IN_LIST SNOW_THREADED_SUITES AND NOT number LESS SNOW_THREADED_FROM)
            list(APPEND labels threaded)
            add_dependencies(threaded-tests ${binary} ${ARG_PROGRAM})
        endif()
        add_test(NAME "${name}/${test}" COMMAND ${command} "--gtest_filter=${test}" ${flaw_args})
        set_tests_properties("${name}/${test}" PROPERTIES
            LABELS "${labels}" TIMEOUT 120 WILL_FAIL ${flawed})
        if(SNOW_TEST_ENVIRONMENT)
            set_tests_properties("${name}/${test}" PROPERTIES
                ENVIRONMENT "${SNOW_TEST_ENVIRONMENT}")
        endif()
    endforeach()
endfunction()

# The first chapter a test file applies to: the smallest since(N) among its SNOW_TEST lines.
function(_snow_first_chapter source out_var)
    file(STRINGS "${source}" lines REGEX "^SNOW_TEST\\(.*since\\(")
    set(first 1000)
    foreach(line IN LISTS lines)
        string(REGEX MATCH "since\\(([0-9]+)\\)" _ "${line}")
        if(CMAKE_MATCH_1 LESS first)
            set(first "${CMAKE_MATCH_1}")
        endif()
    endforeach()
    set(${out_var} ${first} PARENT_SCOPE)
endfunction()

# Unit tests (tests/unit/*_test.cpp) are compiled against each chapter's own code, from the first
# chapter they apply to on, into one binary per chapter: chNN-unit holds every unit test file
# that applies to chapter NN (tests/unit/buffer_test.cpp there tests chapter NN's buffer.hpp).
# One binary, not one per file: linking 300 GoogleTest programs was a minute of the build. The
# files with threaded suites go into a second one, chNN-unit-threaded, so that the
# ThreadSanitizer build (threaded-tests) compiles just them.
function(_snow_unit_tests label number objects aggregate)
    cmake_parse_arguments(ARG "" "FOLDER;BINARY" "" ${ARGN})
    set(folder "${SNOW_ROOT}/tests/unit")
    if(ARG_FOLDER)
        set(folder "${ARG_FOLDER}")
    endif()
    string(REPLACE "/" "-" binary "${label}-unit")
    if(ARG_BINARY)
        set(binary "${ARG_BINARY}")
    endif()
    file(GLOB sources CONFIGURE_DEPENDS "${folder}/*_test.cpp")
    set(plain "")
    set(threaded "")
    foreach(source IN LISTS sources)
        _snow_first_chapter("${source}" first)
        if(number LESS first)
            continue()
        endif()
        set(crosses_threads OFF)
        if(NOT number LESS SNOW_FIRST_THREADED_CHAPTER)
            foreach(suite IN LISTS SNOW_THREADED_SUITES)
                file(STRINGS "${source}" lines REGEX "^SNOW_TEST\\(${suite},")
                if(lines)
                    set(crosses_threads ON)
                endif()
            endforeach()
        endif()
        if(crosses_threads)
            list(APPEND threaded "${source}")
        else()
            list(APPEND plain "${source}")
        endif()
    endforeach()
    foreach(group IN ITEMS plain threaded)
        if(NOT ${group})
            continue()
        endif()
        set(target "${binary}")
        if(group STREQUAL "threaded")
            set(target "${binary}-threaded")
        endif()
        add_executable(${target} ${${group}})
        target_link_libraries(${target} PRIVATE ${objects} GTest::gtest_main)
        snow_test_code(${target})
        target_include_directories(${target} PRIVATE "${SNOW_ROOT}/tests/support")
        add_dependencies(${aggregate} ${target})
        foreach(source IN LISTS ${group})
            _snow_register_tests(${label} ${number} ${target} "${source}")
        endforeach()
    endforeach()
endfunction()

# snow_program_tests(NAME NN PROGRAM LABEL AGGREGATE SPEAKS suites... [SERVER_ARGS args...])
# One CTest test per behaviour test that applies to `program` at chapter NN, named NAME/Suite.Test
# and labelled LABEL: the suite "server" and the suites it SPEAKS. AGGREGATE builds them.
# SERVER_ARGS are added to every start of the program (e.g. --poller select).
function(snow_program_tests name number program label aggregate)
    cmake_parse_arguments(ARG "" "" "SPEAKS;SERVER_ARGS" ${ARGN})
    set(server_args "")
    foreach(arg IN LISTS ARG_SERVER_ARGS)
        list(APPEND server_args "--server-arg=${arg}")
    endforeach()
    foreach(suite IN ITEMS server ${ARG_SPEAKS})
        _snow_suite_binary(${suite} binary)
        add_dependencies(${aggregate} ${binary})
        _snow_register_tests(${name} ${number} ${binary} "${SNOW_SUITE_${suite}}"
                             "--program=$<TARGET_FILE:${program}>" ${server_args} LABEL ${label}
                             PROGRAM ${program})
    endforeach()
endfunction()

# snow_chapter(NN PROGRAM name SOURCES files... SPEAKS suites...)
# Builds the chapter's program from its sources, an aggregate target chNN that builds it and the
# tests it needs, and one CTest test (label chNN) per behaviour or unit test that applies to
# chapter NN. main.cpp is the program's alone; the other sources are also what unit tests test.
function(snow_chapter number)
    cmake_parse_arguments(ARG "" "PROGRAM" "SOURCES;SPEAKS" ${ARGN})
    set(label "ch${number}")
    set(objects "${label}-code")
    list(REMOVE_ITEM ARG_SOURCES main.cpp)
    add_library(${objects} STATIC ${ARG_SOURCES})
    target_include_directories(${objects} PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}")
    target_link_libraries(${objects} PUBLIC Threads::Threads)
    add_executable(${ARG_PROGRAM} main.cpp)
    target_link_libraries(${ARG_PROGRAM} PRIVATE ${objects})
    add_custom_target(${label})
    add_dependencies(${label} ${ARG_PROGRAM})
    _snow_unit_tests(${label} ${number} ${objects} ${label})
    snow_program_tests(${label} ${number} ${ARG_PROGRAM} ${label} ${label} SPEAKS ${ARG_SPEAKS})
    # What tests/exercises/ needs to build a chapter again with a solution's files in place of
    # some of its own, and to run the chapter's suites against it.
    set_property(GLOBAL PROPERTY SNOW_CHAPTER_${number}_FOLDER "${CMAKE_CURRENT_SOURCE_DIR}")
    set_property(GLOBAL PROPERTY SNOW_CHAPTER_${number}_SOURCES main.cpp ${ARG_SOURCES})
    set_property(GLOBAL PROPERTY SNOW_CHAPTER_${number}_PROGRAM ${ARG_PROGRAM})
    set_property(GLOBAL PROPERTY SNOW_CHAPTER_${number}_SPEAKS ${ARG_SPEAKS})
endfunction()

# The library in snow/ is tested like a chapter: its unit tests against its own sources (which
# see its private headers), and its examples with the behaviour suites they speak. `number` is
# the last chapter whose behaviour snow/ has caught up with.
function(snow_library_tests number)
    add_custom_target(snow-tests)
    add_dependencies(snow-tests snow hello timeout wait demo static chat)
    add_library(snow-code INTERFACE)
    target_link_libraries(snow-code INTERFACE snow::snow)
    # Unit tests include "buffer.hpp", "router.hpp"...: the private headers first, then the public.
    target_include_directories(snow-code INTERFACE "${SNOW_ROOT}/snow/src"
                               "${SNOW_ROOT}/snow/include/snow")
    _snow_unit_tests(snow ${number} snow-code snow-tests)
    # What snow/ has before any chapter has it: unit tests in tests/unit/snow/, compiled against
    # snow/ alone, written since(${number}). When a chapter catches up they move to tests/unit/.
    _snow_unit_tests(snow ${number} snow-code snow-tests FOLDER "${SNOW_ROOT}/tests/unit/snow"
                     BINARY snow-unit-own)
    snow_program_tests(snow/hello ${number} hello snow snow-tests SPEAKS index)
    snow_program_tests(snow/wait ${number} wait snow snow-tests SPEAKS wait)
    snow_program_tests(snow/timeout ${number} timeout snow snow-tests SPEAKS timeout)
    snow_program_tests(snow/demo ${number} demo snow snow-tests
                       SPEAKS http index wait timeout limits pollers stopping soak params)
    snow_program_tests(snow/static ${number} static snow snow-tests SPEAKS static)
    snow_program_tests(snow/chat ${number} chat snow snow-tests SPEAKS chat)
endfunction()
