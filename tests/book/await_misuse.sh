#!/usr/bin/env bash
# Usage: await_misuse.sh CXX INCLUDE_DIR...
# A Task that co_awaits something other than a future must fail to compile, and the error must
# carry Task's own message, not only a page about awaiter types.
set -u
cxx=$1
shift
includes=()
for dir in "$@"; do includes+=("-I$dir"); done
source="$(dirname "$0")/await_misuse.cpp"
if output=$("$cxx" -std=c++20 -fsyntax-only "${includes[@]}" "$source" 2>&1); then
    echo "FAIL: $source compiled, but co_await on an int must not"
    exit 1
fi
if ! grep -q "a snow Task can co_await only a future" <<< "$output"; then
    echo "FAIL: the compiler's error does not carry Task's message. It said:"
    echo "$output" | head -40
    exit 1
fi
echo "ok: $(grep -m1 'a snow Task can co_await only a future' <<< "$output")"
