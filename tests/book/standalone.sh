#!/usr/bin/env bash
# One chapter folder as a project of its own, in its own build folder: what a reader who opens
# only that folder does. Three depths, from the cheapest:
#   bash tests/book/standalone.sh configure chapters/07-futures /tmp/ch07 build
#       configures it, and checks that it registers exactly the tests that the whole book's
#       build (here build/) registers for the chapter (label ch07);
#   bash tests/book/standalone.sh program chapters/02-select-loop /tmp/ch02 build
#       the same, then builds its program with AddressSanitizer and UndefinedBehaviorSanitizer
#       and runs the whole build's tests of the chapter against it, as a learner's program
#       (SNOW_PROGRAM): the program is under the sanitizers, the test binaries are build/'s;
#   bash tests/book/standalone.sh full chapters/14-chat /tmp/ch14
#       configures, builds everything and runs all its tests, all under the sanitizers.
set -euo pipefail
depth=$1
folder=$2
build=$3
book=${4:-}
mkdir -p "$build"
cmake -S "$folder" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DSNOW_SANITIZE=ON > "$build/configure.log" 2>&1 ||
    { cat "$build/configure.log"; exit 1; }

if [ "$depth" = full ]; then
    cmake --build "$build" -j2 > "$build/build.log" 2>&1 || { cat "$build/build.log"; exit 1; }
    exec ctest --test-dir "$build" -j2 --output-on-failure
fi

# The chapter's label and program, from its CMakeLists.txt: snow_chapter(07 PROGRAM ch07-snow ...
read -r number program < <(sed -n 's/^snow_chapter(\([0-9]*\) PROGRAM \([^ ]*\).*/\1 \2/p' \
    "$folder/CMakeLists.txt")
[ -n "$program" ] || { echo "$folder/CMakeLists.txt: no snow_chapter(NN PROGRAM name ...)"; exit 1; }
label="ch$number"

# The tests each build registers for the chapter, by name (the first word of ctest -N's lines).
list_tests() { ctest --test-dir "$1" -N "${@:2}" | sed -n 's/^ *Test *#[0-9]*: //p' | sort; }
list_tests "$build" > "$build/own-tests.txt"
list_tests "$book" -L "^$label\$" > "$build/book-tests.txt"
if ! diff "$build/book-tests.txt" "$build/own-tests.txt" > "$build/tests.diff"; then
    echo "$folder on its own registers other tests than the whole build does for $label"
    echo "(< only in the whole build, > only on its own):"
    cat "$build/tests.diff"
    exit 1
fi
echo "$folder on its own registers the $(wc -l < "$build/own-tests.txt") tests of $label"
[ "$depth" = configure ] && exit 0

cmake --build "$build" -j2 --target "$program" > "$build/build.log" 2>&1 ||
    { cat "$build/build.log"; exit 1; }
SNOW_PROGRAM="$build/bin/$program" exec ctest --test-dir "$book" -L "^$label\$" -j3 --output-on-failure
