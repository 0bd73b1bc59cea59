// Stopping cleanly on SIGINT (Ctrl-C) and SIGTERM (kill, or a test ending).
#pragma once

// Installs handlers for SIGINT and SIGTERM that only note the request. Without SA_RESTART, so a
// blocking call (accept, recv, send) returns early with EINTR and the caller sees the request.
void install_stop_handlers();

// True once SIGINT or SIGTERM arrived.
bool stop_requested();
