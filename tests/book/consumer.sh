#!/usr/bin/env bash
# Builds tests/consumer, a project outside Snow, against the library one way, runs its server
# and asks it for /index/:
#   bash tests/book/consumer.sh subdirectory WORKDIR   (add_subdirectory(snow))
#   bash tests/book/consumer.sh package WORKDIR        (cmake --install, then find_package(snow))
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
way=$1
work=$2
rm -rf "$work" && mkdir -p "$work"

if [ "$way" = subdirectory ]; then
    cmake -S "$root/tests/consumer" -B "$work/consumer" -DSNOW_SOURCE="$root/snow" > "$work/log" 2>&1
else
    cmake -S "$root/snow" -B "$work/snow" -DSNOW_BUILD_EXAMPLES=OFF > "$work/log" 2>&1
    cmake --build "$work/snow" -j2 >> "$work/log" 2>&1
    cmake --install "$work/snow" --prefix "$work/prefix" >> "$work/log" 2>&1
    cmake -S "$root/tests/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" \
        >> "$work/log" 2>&1
fi || { cat "$work/log"; exit 1; }
cmake --build "$work/consumer" -j2 >> "$work/log" 2>&1 || { cat "$work/log"; exit 1; }

# Run it on a free port, read its "listening on" line, ask for /index/, stop it.
coproc server { exec "$work/consumer/my-hello" 0; }
pid=$server_PID
trap 'kill "$pid" 2>/dev/null || true' EXIT
read -r -t 10 line <&"${server[0]}"
echo "$line"
port=${line##*:}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /index/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
answer=$(timeout 5 cat <&3)
echo "$answer"
kill -TERM "$pid"
wait "$pid"
grep -q "^HTTP/1.1 200 OK" <<< "$answer"
[ "${answer##*$'\r\n\r\n'}" = "OK" ]
