// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the VMM's exit loop (components/vmm/src/vmm.c): run() is
 * built against a stand-in <tessera.h> (tests/host/vmm_fake/) whose system
 * calls are the functions below. Each test scripts the messages the loop
 * receives (vCPU exits, console notifications) and checks the replies,
 * injections, console output and reports against docs/virtualization.md.
 */
#define _POSIX_C_SOURCE 200809L    /* dup, dup2, fileno */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <tessera.h>
#include <vmm/config.h>
#include <vmm/devices.h>
#include <vmm/psci.h>

int run(void);

#define VCPU_CAP 7
#define ENDPOINT_CAP 3
#define VCPU_BADGE 0x10
#define CONSOLE_BADGE 0x1
#define RAM_IPA 0x40000000u
#define GICD 0x08000000u
#define UART 0x09000000u

static uint8_t guest_ram[0x10000];
static const uint8_t kernel_image[] = "zImage";
static const uint8_t dtb_image[] = "\xd0\x0d\xfe\xed";

const struct tessera_vm_config tessera_vm = {
    .name = "vm0", .ram_ipa = RAM_IPA, .ram_size = sizeof(guest_ram), .ram = guest_ram,
    .kernel = { kernel_image, sizeof(kernel_image), RAM_IPA + 0x100 },
    .dtb = { dtb_image, 4, RAM_IPA + 0x8000 },
    .gicd_ipa = GICD, .uart_ipa = UART, .uart_irq = 33,
    .vcpu_cap = VCPU_CAP, .endpoint_cap = ENDPOINT_CAP, .vcpu_badge = VCPU_BADGE,
    .console_badge = CONSOLE_BADGE,
};

/* ---- the stand-in system calls --------------------------------------------- */

#define MAX_STEPS 32

static tessera_msg_t script[MAX_STEPS];
static unsigned script_len, script_pos;
static tessera_msg_t replies[MAX_STEPS];    /* replies[i]: the answer to script[i], if any */
static bool replied[MAX_STEPS];
static unsigned injected[MAX_STEPS], ninjected;
static char written[1024];
static size_t nwritten;
static size_t written_before[MAX_STEPS];    /* nwritten when script[i] was received */
static const char *console_input;
static unsigned resumed, scribble_before = MAX_STEPS;

long tessera_debug_write(const void *buf, size_t len)
{
    assert_true(nwritten + len <= sizeof(written));
    memcpy(written + nwritten, buf, len);
    nwritten += len;
    return ERR_OK;
}

uint64_t tessera_counter(void)
{
    static uint64_t now;
    now += 625000;
    return now;
}

uint32_t tessera_counter_freq(void)
{
    return 62500000;
}

long tessera_thread_resume(unsigned cap)
{
    assert_int_equal(cap, VCPU_CAP);
    resumed++;
    return ERR_OK;
}

long tessera_vcpu_inject(unsigned cap, unsigned virq)
{
    assert_int_equal(cap, VCPU_CAP);
    injected[ninjected++] = virq;
    return ERR_OK;
}

long tessera_console_read(void *buf, size_t len, size_t *count)
{
    size_t left = console_input ? strlen(console_input) : 0;
    *count = left < len ? left : len;
    memcpy(buf, console_input, *count);
    console_input += *count;
    return ERR_OK;
}

long tessera_recv(unsigned cap, tessera_msg_t *m)
{
    assert_int_equal(cap, ENDPOINT_CAP);
    assert_int_equal(resumed, 1);               /* the vCPU runs before anything is received */
    if (script_pos == scribble_before)
        memset(guest_ram, 0x55, sizeof(guest_ram));
    if (script_pos == script_len)
        return ERR_INVALID_CAP;                 /* the end of the script ends the loop */
    written_before[script_pos] = nwritten;
    *m = script[script_pos++];
    return ERR_OK;
}

long tessera_reply_recv(unsigned cap, tessera_msg_t *m)
{
    unsigned answered = script_pos - 1;
    assert_false(script[answered].info & MSG_NOTIFICATION_FLAG);   /* nobody to reply to */
    replies[answered] = *m;
    replied[answered] = true;
    return tessera_recv(cap, m);
}

long tessera_reply(tessera_msg_t *m)
{
    unsigned answered = script_pos - 1;
    assert_false(script[answered].info & MSG_NOTIFICATION_FLAG);
    replies[answered] = *m;
    replied[answered] = true;
    return ERR_OK;
}

/* ---- scripting -------------------------------------------------------------- */

static int fresh(void **state)
{
    (void)state;
    script_len = script_pos = ninjected = resumed = 0;
    nwritten = 0;
    console_input = NULL;
    scribble_before = MAX_STEPS;
    memset(replies, 0, sizeof(replies));
    memset(replied, 0, sizeof(replied));
    memset(written, 0, sizeof(written));
    memset(guest_ram, 0, sizeof(guest_ram));
    return 0;
}

static unsigned step(tessera_msg_t m)
{
    script[script_len] = m;
    return script_len++;
}

static unsigned mmio(int write, unsigned sas, uintptr_t ipa, uint32_t value)
{
    uint32_t hsr = 0x24u << 26 | 1u << 25 | HSR_ISV | sas << 22 | 2u << 16 | (write ? HSR_WNR : 0);
    return step((tessera_msg_t){ MSG_INFO(FAULT_VCPU_MMIO, 4), { value, ipa, hsr, 0x40001234 }, VCPU_BADGE });
}

static unsigned hvc(uint32_t function, uint32_t arg)
{
    return step((tessera_msg_t){ MSG_INFO(FAULT_VCPU_HVC, 4), { function, arg, 0, 0 }, VCPU_BADGE });
}

static unsigned notification(uintptr_t bits)
{
    return step((tessera_msg_t){ MSG_NOTIFICATION_FLAG, { 0 }, bits });
}

/* run(), with what it prints to stdout in `out`. */
static int run_capturing(char *out, size_t len)
{
    fflush(stdout);
    int saved = dup(1);
    FILE *capture = tmpfile();
    assert_non_null(capture);
    dup2(fileno(capture), 1);
    int status = run();
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    rewind(capture);
    size_t n = fread(out, 1, len - 1, capture);
    out[n] = '\0';
    fclose(capture);
    return status;
}

static void assert_reply(unsigned i, unsigned long label, unsigned long length, uintptr_t mr0)
{
    assert_true(replied[i]);
    assert_int_equal(MSG_LABEL(replies[i].info), label);
    assert_int_equal(MSG_LENGTH(replies[i].info), length);
    if (length != 0)
        assert_int_equal(replies[i].mr[0], mr0);
}

/* ---- tests ------------------------------------------------------------------- */

static void boot_probe_output_and_power_off(void **state)
{
    (void)state;
    char out[512];
    unsigned typer = mmio(0, 2, GICD + GICD_TYPER, 0);
    unsigned version = hvc(PSCI_VERSION, 0);
    unsigned smccc = hvc(PSCI_FEATURES, SMCCC_VERSION);
    unsigned fr = mmio(0, 1, UART + PL011_FR, 0);
    unsigned h = mmio(1, 1, UART + PL011_DR, 'h');
    mmio(1, 1, UART + PL011_DR, 'i');
    unsigned nl = mmio(1, 1, UART + PL011_DR, '\n');
    unsigned prompt = mmio(1, 1, UART + PL011_DR, '#');
    unsigned off = hvc(PSCI_SYSTEM_OFF, 0);

    assert_int_equal(run_capturing(out, sizeof(out)), 0);
    assert_memory_equal(guest_ram + 0x100, kernel_image, sizeof(kernel_image));
    assert_memory_equal(guest_ram + 0x8000, dtb_image, 4);
    assert_reply(typer, FAULT_VCPU_REPLY, 1, 2);
    assert_reply(version, FAULT_VCPU_REPLY, 1, 0x10000);
    assert_reply(smccc, FAULT_VCPU_REPLY, 1, 0xffffffffu);
    assert_reply(fr, FAULT_VCPU_REPLY, 1, PL011_FR_TXFE | PL011_FR_RXFE);
    assert_reply(h, FAULT_VCPU_REPLY, 1, 0);
    assert_reply(nl, FAULT_VCPU_REPLY, 1, 0);
    assert_reply(prompt, FAULT_VCPU_REPLY, 1, 0);
    assert_false(replied[off]);                 /* the vCPU stays blocked */
    assert_int_equal(script_pos, script_len);
    /* A partial line (the prompt) is written before the loop blocks again. */
    assert_int_equal(written_before[off], 4);
    assert_int_equal(nwritten, 4);
    assert_memory_equal(written, "hi\n#", 4);
    /* The counter at power-off, and 10 ms (the fake's next read) after the
     * vCPU started; no exit counts without tessera.bench= in the DTB. */
    assert_non_null(strstr(out, "\nvm0: guest powered off at "));
    assert_non_null(strstr(out, " s (0.010000 s after its vCPU started)\n"));
    assert_null(strstr(out, "exits:"));
    assert_int_equal(ninjected, 0);
}

static void an_access_outside_stops_the_vcpu(void **state)
{
    (void)state;
    char out[512];
    unsigned bad = mmio(0, 2, 0x0a000000, 0);
    assert_int_equal(run_capturing(out, sizeof(out)), 1);      /* the VMM's work is over */
    assert_int_equal(script_pos, 1);                            /* nothing received after it */
    assert_true(replied[bad]);
    assert_int_not_equal(MSG_LABEL(replies[bad].info), FAULT_VCPU_REPLY);
    assert_int_not_equal(MSG_LABEL(replies[bad].info), FAULT_VCPU_RESTART);
    assert_non_null(strstr(out, "vm0: guest access outside its memory at IPA 0xa000000, pc 0x40001234: "
                                "vCPU stopped\nvm0: guest stopped\n"));
}

static void a_trap_stops_the_vcpu(void **state)
{
    (void)state;
    char out[512];
    unsigned trap = step((tessera_msg_t){ MSG_INFO(FAULT_VCPU_TRAP, 4), { 0, 0x40000000, 0x80000010, 0x40000008 },
                                          VCPU_BADGE });
    assert_int_equal(run_capturing(out, sizeof(out)), 1);
    assert_true(replied[trap]);
    assert_int_equal(MSG_LABEL(replies[trap].info), 0);
    assert_non_null(strstr(out, "HSR 0x80000010 (EC 0x20), address 0x40000000, pc 0x40000008: vCPU stopped"));
}

static void console_input_waits_for_the_guest_then_is_injected(void **state)
{
    (void)state;
    char out[512];
    console_input = "x";
    unsigned input = notification(CONSOLE_BADGE);
    mmio(1, 1, UART + PL011_IMSC, PL011_INT_RX | PL011_INT_RT);
    mmio(1, 2, GICD + GICD_CTLR, 1);
    unsigned enable = mmio(1, 2, GICD + GICD_ISENABLER + 4, 0x2);
    unsigned mis = mmio(0, 1, UART + PL011_MIS, 0);
    unsigned dr = mmio(0, 1, UART + PL011_DR, 0);
    unsigned mis_after = mmio(0, 1, UART + PL011_MIS, 0);

    assert_int_equal(run_capturing(out, sizeof(out)), 1);
    assert_false(replied[input]);
    assert_reply(enable, FAULT_VCPU_REPLY, 1, 0);
    assert_reply(mis, FAULT_VCPU_REPLY, 1, PL011_INT_RX | PL011_INT_RT);
    assert_reply(dr, FAULT_VCPU_REPLY, 1, 'x');
    assert_reply(mis_after, FAULT_VCPU_REPLY, 1, 0);
    /* Once when the guest enabled INTID 33, again while the line stayed high. */
    assert_int_equal(ninjected, 2);
    assert_int_equal(injected[0], 33);
    assert_int_equal(injected[1], 33);
}

static void a_full_fifo_drops_and_says_so(void **state)
{
    (void)state;
    char out[512];
    static char flood[PL011_RX_FIFO + 11];
    memset(flood, 'a', sizeof(flood) - 1);
    console_input = flood;
    notification(CONSOLE_BADGE);
    assert_int_equal(run_capturing(out, sizeof(out)), 1);
    assert_non_null(strstr(out, "vm0: console input dropped: 10 bytes in all"));
}

static void reset_reloads_the_images(void **state)
{
    (void)state;
    char out[512];
    mmio(1, 1, UART + PL011_DR, 'a');
    unsigned reset = hvc(PSCI_SYSTEM_RESET, 0);
    scribble_before = reset;                    /* the guest wrote over its kernel */
    assert_int_equal(run_capturing(out, sizeof(out)), 1);
    assert_reply(reset, FAULT_VCPU_RESTART, 0, 0);
    assert_memory_equal(guest_ram + 0x100, kernel_image, sizeof(kernel_image));
    assert_memory_equal(guest_ram + 0x8000, dtb_image, 4);
    assert_int_equal(guest_ram[0], 0x55);       /* nothing else is touched */
    assert_non_null(strstr(out, "vm0: guest reset"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(boot_probe_output_and_power_off, fresh),
        cmocka_unit_test_setup(an_access_outside_stops_the_vcpu, fresh),
        cmocka_unit_test_setup(a_trap_stops_the_vcpu, fresh),
        cmocka_unit_test_setup(console_input_waits_for_the_guest_then_is_injected, fresh),
        cmocka_unit_test_setup(a_full_fifo_drops_and_says_so, fresh),
        cmocka_unit_test_setup(reset_reloads_the_images, fresh),
    };
    return cmocka_run_group_tests_name("vmm_run", tests, NULL, NULL);
}
