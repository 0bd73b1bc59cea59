#!/usr/bin/env bash
# Each chapter's CHANGES.diff is the diff from the previous chapter's folder: what the chapter's
# doc explains. This script writes them all, or with --check says which are stale (exit 1).
#   bash tests/book/changes.sh            rewrite chapters/*/CHANGES.diff
#   bash tests/book/changes.sh --check    compare only; also: --chapters DIR for another folder
set -euo pipefail
export LC_ALL=C  # the same file order and messages on every machine

mode=write
chapters="$(cd "$(dirname "$0")/../../chapters" && pwd)"
while [ $# -gt 0 ]; do
    case "$1" in
        --check) mode=check ;;
        --chapters) chapters="$2"; shift ;;
        *) echo "usage: $0 [--check] [--chapters DIR]" >&2; exit 2 ;;
    esac
    shift
done

# The unified diff of two chapter folders, without the dates diff puts on its ---/+++ lines
# (they would change with every checkout), and without build folders or the diffs themselves.
chapter_diff() {
    local status=0
    (cd "$chapters" && diff -ruN -x CHANGES.diff -x 'build*' "$1" "$2") > "$3" || status=$?
    [ "$status" -le 1 ] || { echo "diff failed on $1 -> $2" >&2; exit 2; }
    sed -i -E 's/^((---|\+\+\+) [^\t]*)\t.*$/\1/' "$3"
}

stale=0
previous=""
scratch=$(mktemp)
trap 'rm -f "$scratch"' EXIT
for folder in "$chapters"/[0-9][0-9]-*/; do
    chapter=$(basename "$folder")
    if [ -n "$previous" ]; then
        chapter_diff "$previous" "$chapter" "$scratch"
        if [ "$mode" = write ]; then
            cat "$scratch" > "$folder/CHANGES.diff"
        elif ! cmp -s "$scratch" "$folder/CHANGES.diff"; then
            echo "stale: chapters/$chapter/CHANGES.diff (run: bash tests/book/changes.sh)"
            stale=1
        fi
    fi
    previous=$chapter
done
exit $stale
