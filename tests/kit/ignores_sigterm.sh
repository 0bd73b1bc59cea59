#!/bin/sh
# A "server" that ignores SIGTERM: it prints its line and sleeps. (An ignored signal stays
# ignored across exec, so sleep ignores it too.) kit/a_server_ignoring_sigterm_is_killed checks
# that the test kit kills it after its grace period instead of waiting for ever.
trap '' TERM
echo "listening on 127.0.0.1:9"
exec sleep 120
