// What the kernel says a server process has used: CPU time and resident memory, from /proc.
#pragma once

#include <sys/types.h>

// The CPU time `pid` has used so far, user plus system (utime + stime in /proc/PID/stat), in
// seconds; all its threads count. The kernel counts in clock ticks: 10 ms resolution.
double cpu_seconds(pid_t pid);

// The memory `pid` has resident now (VmRSS in /proc/PID/status), in KiB; -1 if unreadable.
long resident_kib(pid_t pid);
