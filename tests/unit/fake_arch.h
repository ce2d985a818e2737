/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fake architecture's controls for tests: the captured console, the
 * counter, switches that make arch_vspace_map() or arch_vspace_allow_ports() fail, and a way to catch the
 * hooks that never return (arch_enter_user, arch_wait_for_interrupt,
 * arch_system_exit) so that schedule() and panic() can be tested.
 */
#ifndef FAKE_ARCH_H
#define FAKE_ARCH_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

struct thread;

/* Everything arch_console_putc() was given since fake_arch_reset(), NUL-terminated. */
extern char fake_console[8192];
extern size_t fake_console_len;

extern uint64_t fake_counter;    /* what arch_counter() returns */
extern uint64_t fake_timer_event; /* the last arch_timer_event() */
extern int fake_map_fails;       /* arch_vspace_map() returns -1 while set */
extern int fake_ports_fail;      /* arch_vspace_allow_ports() returns -1 while set (as on ARM) */
extern uintptr_t fake_tls;       /* the last arch_set_tls() base */
extern unsigned fake_irq_enabled; /* the last arch_irq_enable() number, plus one (0: none) */

/* How a non-returning hook stopped the code under FAKE_CATCH. */
enum fake_stop {
    FAKE_STOP_NONE = 0,
    FAKE_STOP_EXIT,              /* arch_system_exit(fake_exit_status) */
    FAKE_STOP_ENTER_USER,        /* arch_enter_user(fake_entered) */
    FAKE_STOP_IDLE,              /* arch_wait_for_interrupt() */
};

extern jmp_buf fake_jump;
extern int fake_jump_armed;
extern enum fake_stop fake_stop;
extern int fake_exit_status;
extern struct thread *fake_entered;

/* Run `call`, which must end in a non-returning hook, and come back here with
 * fake_stop saying which one. A hook reached outside FAKE_CATCH fails the test. */
#define FAKE_CATCH(call)                                            \
    do {                                                            \
        fake_stop = FAKE_STOP_NONE;                                 \
        fake_jump_armed = 1;                                        \
        if (setjmp(fake_jump) == 0) {                               \
            call;                                                   \
        }                                                           \
        fake_jump_armed = 0;                                        \
    } while (0)

/* Clear the console, the counter and every switch above. */
void fake_arch_reset(void);

/* What arch_console_getc() returns next, byte by byte (then -1). */
void fake_console_input(const char *s);

#endif
