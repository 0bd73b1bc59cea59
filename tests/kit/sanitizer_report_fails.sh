#!/usr/bin/env bash
# A sanitizer's report on the server's stderr fails the test, even one that saw nothing else
# wrong: a race found after the test's last request would otherwise pass unseen.
# Usage: sanitizer_report_fails.sh TEST_BINARY
set -euo pipefail
test_binary=$1
server="$(dirname "$0")/reports_a_race.sh"
output=$(mktemp)
trap 'rm -f "$output"' EXIT

run() {
    "$test_binary" --program="$server" --gtest_filter=Server.StopsWithStatusZeroOnSigterm \
        > "$output" 2>&1
}

if ! run; then
    cat "$output"
    echo "FAILED: without a report, the server should pass Server.StopsWithStatusZeroOnSigterm" >&2
    exit 1
fi
if REPORT=1 run || ! grep -q "the server's sanitizer reported a fault" "$output" ||
    ! grep -q "WARNING: ThreadSanitizer: data race" "$output"; then
    cat "$output"
    echo "FAILED: a report on the server's stderr should fail the test, and be shown" >&2
    exit 1
fi
echo "a sanitizer's report on the server's stderr failed the test, and was shown"
