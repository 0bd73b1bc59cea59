#!/usr/bin/env bash
# Proves book/expected_failures can fail: on a copy of docs/ where chapter 04's list misses a
# test, chapter 05's names one CTest does not expect to fail, and chapter 06's gives the wrong
# chapter for a fix, the check must name all three. Usage: wrong_expected_failures_are_caught.sh BUILD
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build=$1
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp "$here"/../../docs/[0-9][0-9]-*.md "$copy/"
check() { cmake -DDOCS="$copy" -DBUILD="$build" -P "$here/expected_failures.cmake" 2>&1; }
check > /dev/null  # the copy starts out right
sed -i '/^RequestParser.ReadsAChunkedBody  *fixed in chapter 10$/d' "$copy"/04-*.md
sed -i 's/^Expected to fail in chapter 05:$/&\nEcho.NoSuchTest    fixed in chapter 07/' "$copy"/05-*.md
sed -i 's/^\(Http.ReceivesAChunkedBody  *fixed in chapter\) 10$/\1 11/' "$copy"/06-*.md
if output=$(check); then
    echo "FAIL: wrong lists went unnoticed"
    exit 1
fi
echo "$output"
grep -q "04-request-parsing.md: CTest expects RequestParser.ReadsAChunkedBody to fail" <<< "$output"
grep -q "05-responses.md: the doc's list names Echo.NoSuchTest" <<< "$output"
grep -q "06-routing.md: Http.ReceivesAChunkedBody is fixed in chapter 10" <<< "$output"
