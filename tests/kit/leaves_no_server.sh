#!/usr/bin/env bash
# No test leaves a process behind. Usage: leaves_no_server.sh MODE TEST_BINARY SERVER
#   killed-test:    runs a test that keeps its server for two seconds, kills the test binary
#                   with SIGKILL meanwhile (as CTest does at its timeout: no destructor runs),
#                   and checks that the server died with it.
#   ignored-sigterm: SERVER ignores SIGTERM; a test that stops it with SIGTERM must fail within
#                   the kit's grace period, say why, and leave nothing running.
set -euo pipefail
mode=$1 test_binary=$2 server=$3

# The pid of the first child of the test binary, once it has started the server (after exec, its
# executable is no longer the test binary's).
server_of() {
    for _ in $(seq 200); do
        for child in $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
            exe=$(readlink "/proc/$child/exe" 2>/dev/null || true)
            if [[ -n $exe && $exe != "$(readlink -f "$test_binary")" ]]; then
                echo "$child"
                return
            fi
        done
        sleep 0.02
    done
    echo "FAILED: $test_binary started no server" >&2
    exit 1
}

# Gone, or dead and waiting to be reaped (a zombie holds nothing: no port, no CPU).
dead() {
    [[ ! -e /proc/$1 ]] || [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" == Z ]]
}

# Waits up to 2 s for pid $1 to die; kills it and fails if it does not.
expect_dead() {
    for _ in $(seq 100); do
        dead "$1" && return 0
        sleep 0.02
    done
    echo "FAILED: the server (pid $1) is still running: $(tr '\0' ' ' < "/proc/$1/cmdline")" >&2
    kill -KILL "$1"
    exit 1
}

case $mode in
killed-test)
    "$test_binary" --program="$server" --gtest_filter=Server.UsesNoCpuWhenIdle > /dev/null &
    test_pid=$!
    server_pid=$(server_of "$test_pid")
    sleep 0.3  # let it print its line: the test is now in its two-second sleep
    kill -KILL "$test_pid"
    wait "$test_pid" || true
    expect_dead "$server_pid"
    echo "the test binary was killed; its server (pid $server_pid) died with it"
    ;;
ignored-sigterm)
    start=$SECONDS
    output=$(mktemp)
    "$test_binary" --program="$server" --gtest_filter=Server.StopsWithStatusZeroOnSigterm \
        > "$output" 2>&1 &
    test_pid=$!
    server_pid=$(server_of "$test_pid")
    status=0
    wait "$test_pid" || status=$?
    took=$((SECONDS - start))
    expect_dead "$server_pid"
    if [[ $status == 0 ]] || ! grep -q "after SIGTERM, so the test killed it" "$output"; then
        cat "$output"
        echo "FAILED: the test should fail and say the server ignored SIGTERM" >&2
        exit 1
    fi
    rm -f "$output"
    if ((took > 10)); then
        echo "FAILED: $took s to give up on a server that ignores SIGTERM" >&2
        exit 1
    fi
    echo "a server that ignores SIGTERM was killed after the grace period ($took s in all)"
    ;;
*)
    echo "unknown mode $mode" >&2
    exit 2
    ;;
esac
