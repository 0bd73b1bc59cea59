#!/bin/sh
# A "server" that stops with status 0 on SIGTERM, having written on its stderr, when REPORT is
# set, the first line of a report like the one a server built with -DSNOW_SANITIZE=thread writes
# when it finds a data race. kit/a_sanitizer_report_fails_the_test runs it both ways.
trap 'exit 0' TERM
if [ -n "${REPORT:-}" ]; then
    echo "WARNING: ThreadSanitizer: data race (pid=$$)" >&2
fi
echo "listening on 127.0.0.1:9"
sleep 120 &
wait
