#!/usr/bin/env bash
# fails_for_its_reason.sh REASON COMMAND...: runs an exercise's test against the chapter's own
# program. Passes if the test failed (GoogleTest's exit status 1: a test binary killed by a
# signal does not count) and its output contains REASON; says which of the two did not hold.
# The chapter's own program is what is proven, so a learner's SNOW_PROGRAM is set aside here.
reason=$1
shift
output=$(env -u SNOW_PROGRAM "$@" 2>&1)
status=$?
printf '%s\n' "$output"
if [ "$status" -eq 0 ]; then
    echo "NOT PROVEN: the test passed on the chapter's own program; it must fail there."
    exit 1
fi
if [ "$status" -ne 1 ]; then
    echo "NOT PROVEN: the test binary ended with status $status, not a test's failure (1)."
    exit 1
fi
if ! grep -qF -- "$reason" <<< "$output"; then
    echo "NOT PROVEN: the test failed, but not for its reason: its output lacks \"$reason\"."
    exit 1
fi
echo "PROVEN: the test fails on the chapter's own program, saying \"$reason\"."
