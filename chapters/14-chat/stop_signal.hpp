// Stopping cleanly on SIGINT (Ctrl-C) and SIGTERM (kill, or a test ending).
#pragma once

#include <signal.h>

// Installs handlers for SIGINT and SIGTERM that only note the request, and blocks both signals:
// from now on they are delivered only inside a wait that unblocks them (pselect, ppoll,
// epoll_pwait) with wait_mask(). So a stop can never slip in between "check the flag" and "start
// waiting".
void install_stop_handlers();

// The signal mask to wait with: the program's mask with SIGINT and SIGTERM unblocked.
const sigset_t* wait_mask();

// True once SIGINT or SIGTERM arrived.
bool stop_requested();

// Chapter 08: from now on a stop signal also writes to the eventfd `fd` (-1: to none), which
// the loop watches, so that the loop wakes up whichever thread the handler ran on. A program
// now has other threads, and one started before install_stop_handlers() has the two signals
// unblocked: the kernel may run the handler there while the loop sleeps, and a flag alone
// would not wake it. (With one eventfd for both, this is the "self-pipe trick".)
void wake_on_stop(int fd);
