#!/usr/bin/env bash
# Proves changes.sh --check can fail: on a copy of the chapters where one chapter's code changed
# after its CHANGES.diff was written, the check must report that diff (and the next one) stale.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r "$here/../../chapters/." "$copy/"
bash "$here/changes.sh" --check --chapters "$copy"  # the copy starts out current
second=$(ls -d "$copy"/[0-9][0-9]-*/ | sed -n 2p)
echo "// a line the diff does not know about" >> "$second/main.cpp"
if output=$(bash "$here/changes.sh" --check --chapters "$copy"); then
    echo "FAIL: a changed chapter went unnoticed"
    exit 1
fi
echo "$output"
grep -q "stale: chapters/$(basename "$second")/CHANGES.diff" <<< "$output"
