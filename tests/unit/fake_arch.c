// SPDX-License-Identifier: BSD-2-Clause
/*
 * A fake architecture for the host unit tests: every arch_*() hook of
 * kernel/include/arch.h that the generic files under test call, acting on the
 * plain structures of include/arch/types.h. The console is captured, address
 * spaces record their mappings, and the hooks that never return jump back to
 * the test that armed FAKE_CATCH.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <setjmp.h>
#include <cmocka.h>
#include <arch.h>
#include <kernel/thread.h>
#include "fake_arch.h"

char fake_console[8192];
size_t fake_console_len;
uint64_t fake_counter;
uint64_t fake_timer_event;
int fake_map_fails;
int fake_ports_fail;
uintptr_t fake_tls;
jmp_buf fake_jump;
int fake_jump_armed;
enum fake_stop fake_stop;
int fake_exit_status;
struct thread *fake_entered;

unsigned fake_irq_enabled;

void arch_irq_enable(unsigned irq)
{
    fake_irq_enabled = irq + 1;
}

void fake_arch_reset(void)
{
    fake_irq_enabled = 0;
    fake_console[0] = '\0';
    fake_console_len = 0;
    fake_counter = 0;
    fake_timer_event = 0;
    fake_map_fails = 0;
    fake_ports_fail = 0;
    fake_tls = 0;
    fake_jump_armed = 0;
    fake_stop = FAKE_STOP_NONE;
    fake_exit_status = -1;
    fake_entered = NULL;
}

static _Noreturn void stop(enum fake_stop why, const char *hook)
{
    if (!fake_jump_armed) {
        fail_msg("%s reached outside FAKE_CATCH; console:\n%s", hook, fake_console);
        abort();
    }
    fake_jump_armed = 0;
    fake_stop = why;
    longjmp(fake_jump, 1);
}

void arch_console_putc(char c)
{
    if (fake_console_len + 1 < sizeof(fake_console)) {
        fake_console[fake_console_len++] = c;
        fake_console[fake_console_len] = '\0';
    }
}

uint64_t arch_counter(void)
{
    return fake_counter;
}

uint32_t arch_counter_freq(void)
{
    return 1000000;
}

void arch_timer_event(uint64_t when)
{
    fake_timer_event = when;
}

void arch_wait_for_interrupt(void)
{
    stop(FAKE_STOP_IDLE, "arch_wait_for_interrupt");
}

void arch_vspace_init(struct vspace *vs, uint16_t id)
{
    vs->arch.id = id;
    vs->arch.nmaps = 0;
    vs->arch.nports = 0;
}

int arch_vspace_allow_ports(struct vspace *vs, uint16_t first, uint16_t last)
{
    if (fake_ports_fail || vs->arch.nports == FAKE_MAX_MAPPINGS)
        return -1;
    vs->arch.ports[vs->arch.nports][0] = first;
    vs->arch.ports[vs->arch.nports][1] = last;
    vs->arch.nports++;
    return 0;
}

int arch_vspace_map(struct vspace *vs, uintptr_t va, uintptr_t pa, size_t size, unsigned rights)
{
    if (fake_map_fails || vs->arch.nmaps == FAKE_MAX_MAPPINGS)
        return -1;
    vs->arch.maps[vs->arch.nmaps++] = (struct fake_mapping){ va, pa, size, rights };
    return 0;
}

void arch_context_init(struct arch_context *ctx, const struct vspace *vs, uintptr_t entry,
                       uintptr_t sp, uintptr_t arg, uintptr_t ipc_buffer)
{
    (void)vs;
    *ctx = (struct arch_context){ .pc = entry, .sp = sp };
    ctx->r[0] = arg;
    ctx->r[1] = ipc_buffer;
}

void arch_context_set_pc(struct arch_context *ctx, uintptr_t pc)
{
    ctx->pc = pc;
}

void arch_context_set_sp(struct arch_context *ctx, uintptr_t sp)
{
    ctx->sp = sp;
}

/* As on ARM: back onto the 4-byte svc instruction. */
void arch_syscall_restart(struct arch_context *ctx, uintptr_t number)
{
    ctx->pc -= 4;
    ctx->r[7] = number;
    ctx->restarts++;
}

_Noreturn void arch_enter_user(struct thread *t)
{
    fake_entered = t;
    stop(FAKE_STOP_ENTER_USER, "arch_enter_user");
}

uintptr_t arch_syscall_number(const struct arch_context *ctx)
{
    return ctx->r[7];
}

uintptr_t arch_syscall_arg(const struct arch_context *ctx, unsigned slot)
{
    assert_in_range(slot, SLOT_CAP, SLOT_BADGE);
    return ctx->r[slot];
}

void arch_syscall_set_result(struct arch_context *ctx, unsigned slot, uintptr_t value)
{
    assert_in_range(slot, SLOT_CAP, SLOT_BADGE);
    ctx->r[slot] = value;
}

uintptr_t arch_context_pc(const struct arch_context *ctx)
{
    return ctx->pc;
}

uintptr_t arch_set_tls(uintptr_t base)
{
    fake_tls = base;
    return base;
}

_Noreturn void arch_system_exit(int status)
{
    fake_exit_status = status;
    stop(FAKE_STOP_EXIT, "arch_system_exit");
}

/* Console input: a queue the tests fill (fake_console_input). */
static const char *fake_input;

void fake_console_input(const char *s)
{
    fake_input = s;
}

int arch_console_getc(void)
{
    if (fake_input == NULL || *fake_input == '\0')
        return -1;
    return (unsigned char)*fake_input++;
}

void arch_console_input_enable(void)
{
}

/* No virtual machines in the unit tests' spec. */
void arch_vcpu_init(struct thread *t)
{
    (void)t;
    stop(FAKE_STOP_EXIT, "arch_vcpu_init");
}

int arch_vcpu_reply(struct thread *t, uintptr_t label, unsigned len, const uintptr_t *mr)
{
    (void)t, (void)label, (void)len, (void)mr;
    return 0;
}

int arch_vcpu_inject(struct thread *t, unsigned virq)
{
    (void)t, (void)virq;
    return ERR_WRONG_TYPE;
}

int arch_vcpu_forward_irq(unsigned irq)
{
    (void)irq;
    return 0;
}

int arch_vcpu_present(void)
{
    return 0;
}
