#!/usr/bin/env bash
# Builds one chapter folder as a project of its own, in its own build folder, and runs its tests:
# what a reader who opens only that folder does. It builds with AddressSanitizer and
# UndefinedBehaviorSanitizer, so this is also the run of every chapter's tests under them.
#   bash tests/book/standalone.sh chapters/02-select-loop /tmp/ch02
set -euo pipefail
folder=$1
build=$2
mkdir -p "$build"
cmake -S "$folder" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DSNOW_SANITIZE=ON > "$build/configure.log" 2>&1 ||
    { cat "$build/configure.log"; exit 1; }
cmake --build "$build" -j2 > "$build/build.log" 2>&1 || { cat "$build/build.log"; exit 1; }
ctest --test-dir "$build" -j2 --output-on-failure
