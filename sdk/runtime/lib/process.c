// SPDX-License-Identifier: BSD-2-Clause
/*
 * The process-level calls the C library makes beneath exit(), abort(),
 * assert(), raise() and time(), on every board (picolibc on ARM, newlib on
 * x86_64). A component is one process whose threads the kernel runs: exit()
 * ends the calling thread with its status, as returning from run() does;
 * abort(), a failed assert() and a signal sent to itself end it the way a
 * fault does (an undefined instruction: the kernel reports it and stops the
 * thread, or hands it to the thread's fault handler), so the system's exit
 * status says FAULT. Time is the time since boot, from the system counter.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include <tessera.h>

/* Every component is process 1 of its own address space. */
#define COMPONENT_PID 1

void _exit(int status)
{
    tessera_thread_exit(status);
}

pid_t getpid(void)
{
    return COMPONENT_PID;
}

/* The end of a thread that cannot go on: what it printed first, then a fault. */
static _Noreturn void fault_now(void)
{
    fflush(stdout);
    fflush(stderr);
    for (;;)
        __builtin_trap();
}

void abort(void)
{
    fault_now();
}

/* Only a component's own signals exist; each one's default action ends the thread. */
int kill(pid_t pid, int sig)
{
    if (pid != COMPONENT_PID && pid != 0 && pid != -1) {
        errno = ESRCH;
        return -1;
    }
    if (sig == 0)
        return 0;
    fault_now();
}

static uint64_t since_boot(uint64_t units_per_second)
{
    uint64_t ticks = tessera_counter(), freq = tessera_counter_freq();

    if (freq == 0)
        return 0;
    return ticks / freq * units_per_second + ticks % freq * units_per_second / freq;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
    (void)tz;
    uint64_t us = since_boot(1000000);

    if (tv != NULL) {
        tv->tv_sec = (time_t)(us / 1000000);
        tv->tv_usec = (suseconds_t)(us % 1000000);
    }
    return 0;
}

clock_t times(struct tms *t)
{
    clock_t now = (clock_t)since_boot(CLOCKS_PER_SEC);

    if (t != NULL)
        *t = (struct tms){ .tms_utime = now };
    return now;
}
