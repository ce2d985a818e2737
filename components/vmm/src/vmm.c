// SPDX-License-Identifier: BSD-2-Clause
/*
 * The VMM's control thread: it loads the guest's images, starts the vCPU and
 * then serves its exits (docs/virtualization.md, "vCPU exits"). Each exit is
 * a call on the VMM's endpoint; the reply goes back with the next receive
 * (reply_recv), so an emulated access costs one kernel round trip. Console
 * input arrives on the same endpoint through its bound notification.
 *
 * Everything the guest can observe is decided by the pure-C devices
 * (devices.c, vgicd.c, pl011.c, psci.c); this file only does the system
 * calls and the reports.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <tessera.h>
#include <vmm/config.h>
#include <vmm/devices.h>
#include <vmm/loader.h>
#include <vmm/psci.h>

#define STOP_LABEL 0            /* any label but VCPU_REPLY/VCPU_RESTART stops the vCPU */
#define MAX_INJECT 8
#define CONSOLE_CHUNK 64

int run(void);

enum next {
    NEXT_REPLY,                 /* reply with the message as set, then wait */
    NEXT_WAIT,                  /* nobody to reply to: just wait */
    NEXT_EXIT,                  /* the guest is done: return from run() */
    NEXT_STOPPED,               /* the reply stops the vCPU: send it, then return 1 */
};

static struct vm_devices devices;

/* The exits served, by kind, printed at power-off when the guest's command
 * line has `tessera.bench=` (docs/profiling.md, "Guest boot time"). */
_Static_assert((FAULT_VCPU_MMIO & 3) == 0 && (FAULT_VCPU_HVC & 3) == 1 && (FAULT_VCPU_SMC & 3) == 2 &&
               (FAULT_VCPU_TRAP & 3) == 3, "the vCPU exit labels are four in a row");
static struct {
    unsigned long by_label[4];          /* FAULT_VCPU_MMIO, _HVC, _SMC, _TRAP (0xf0010..0xf0013) */
    unsigned long mmio_gicd, console, injected;
} exits;
static bool bench_mode;
static uint64_t vcpu_started;           /* the counter when the vCPU was resumed */

/* The guest's UART output, written to the kernel console in pieces (the
 * kernel keeps each address space's partial line until its newline). */
static char output[128];
static size_t output_used;
static bool output_mid_line;

static void output_flush(void)
{
    if (output_used != 0)
        tessera_debug_write(output, output_used);
    output_used = 0;
}

static void guest_output(void *ctx, char c)
{
    (void)ctx;
    output[output_used++] = c;
    output_mid_line = c != '\n';
    if (c == '\n' || output_used == sizeof(output))
        output_flush();
}

/* A report of the VMM's own, on a line of its own. */
#define report(...)                                                                                 \
    do {                                                                                            \
        output_flush();                                                                             \
        if (output_mid_line)                                                                        \
            printf("\n");                                                                           \
        output_mid_line = false;                                                                    \
        printf("%s: ", tessera_vm.name);                                                            \
        printf(__VA_ARGS__);                                                                        \
        printf("\n");                                                                               \
    } while (0)

static void inject_interrupts(void)
{
    static bool reported;
    unsigned irqs[MAX_INJECT];
    unsigned n = devices_interrupts(&devices, irqs, MAX_INJECT);

    for (unsigned i = 0; i < n; i++) {
        long err = tessera_vcpu_inject(tessera_vm.vcpu_cap, irqs[i]);
        exits.injected++;
        if (err != ERR_OK && !reported) {
            report("vcpu_inject of INTID %u failed: error %ld", irqs[i], err);
            reported = true;
        }
    }
}

static void set_reply(tessera_msg_t *m, uintptr_t label, unsigned length, uintptr_t mr0)
{
    m->info = MSG_INFO(label, length);
    m->mr[0] = mr0;
}

static enum next stop_vcpu(tessera_msg_t *m)
{
    set_reply(m, STOP_LABEL, 0, 0);
    return NEXT_STOPPED;
}

static enum next on_mmio(tessera_msg_t *m)
{
    struct mmio_access a = mmio_decode((uint32_t)m->mr[2], m->mr[1], (uint32_t)m->mr[0]);
    uint32_t value;

    if (!devices_access(&devices, &a, &value)) {
        report("guest access outside its memory at IPA 0x%lx, pc 0x%lx: vCPU stopped",
               (unsigned long)a.ipa, (unsigned long)m->mr[3]);
        return stop_vcpu(m);
    }
    if (a.ipa - devices.gicd_ipa < VGICD_SIZE)
        exits.mmio_gicd++;
    inject_interrupts();
    set_reply(m, FAULT_VCPU_REPLY, 1, value);
    return NEXT_REPLY;
}

static void reset_devices(void)
{
    devices_init(&devices, tessera_vm.gicd_ipa, tessera_vm.uart_ipa, tessera_vm.uart_irq, guest_output, NULL);
}

/* Counter ticks as seconds, "S.UUUUUU" (microseconds). */
static void seconds(char *buf, size_t len, uint64_t ticks)
{
    uint64_t freq = tessera_counter_freq();
    uint64_t us = ticks * 1000000u / freq;
    snprintf(buf, len, "%lu.%06lu", (unsigned long)(us / 1000000u), (unsigned long)(us % 1000000u));
}

/* The virtual time (the counter, which starts at 0 with the machine) at
 * power-off, and since the vCPU started; in bench mode the exits by kind. */
__attribute__((noinline)) static void report_power_off(void)
{
    char at[24], run[24];
    uint64_t now = tessera_counter();

    seconds(at, sizeof(at), now);
    seconds(run, sizeof(run), now - vcpu_started);
    report("guest powered off at %s s (%s s after its vCPU started)", at, run);
    if (bench_mode)
        report("exits: mmio_gicd=%lu mmio_uart=%lu hvc=%lu smc=%lu trap=%lu console=%lu injected=%lu",
               exits.mmio_gicd, exits.by_label[FAULT_VCPU_MMIO & 3] - exits.mmio_gicd,
               exits.by_label[FAULT_VCPU_HVC & 3], exits.by_label[FAULT_VCPU_SMC & 3],
               exits.by_label[FAULT_VCPU_TRAP & 3], exits.console, exits.injected);
}

/* Whether the guest's command line (in its DTB's /chosen) has `tessera.bench=`. */
static bool has_bench_arg(void)
{
    static const char arg[] = "tessera.bench=";
    const size_t n = sizeof(arg) - 1;
    const uint8_t *dtb = tessera_vm.dtb.data;

    for (size_t i = 0; i + n <= tessera_vm.dtb.size; i++) {
        if (dtb[i] == 't' && memcmp(dtb + i, arg, n) == 0)
            return true;
    }
    return false;
}

static enum next on_psci(tessera_msg_t *m)
{
    struct psci_result r = psci_call((uint32_t)m->mr[0], (uint32_t)m->mr[1]);
    char why[160];

    switch (r.action) {
    case PSCI_ACTION_POWER_OFF:
        report_power_off();
        return NEXT_EXIT;
    case PSCI_ACTION_RESET:
        report("guest reset: reloading its images");
        if (loader_load(&tessera_vm, why, sizeof(why)) != 0) {
            report("cannot reload the guest: %s: vCPU stopped", why);
            return stop_vcpu(m);
        }
        reset_devices();
        set_reply(m, FAULT_VCPU_RESTART, 0, 0);
        return NEXT_REPLY;
    case PSCI_ACTION_REPLY:
    default:
        set_reply(m, FAULT_VCPU_REPLY, 1, (uint32_t)r.r0);
        return NEXT_REPLY;
    }
}

static enum next on_trap(tessera_msg_t *m)
{
    uint32_t hsr = (uint32_t)m->mr[2];
    report("guest trap the VMM does not handle: HSR 0x%08lx (EC 0x%02lx), address 0x%lx, pc 0x%lx: "
           "vCPU stopped", (unsigned long)hsr, (unsigned long)HSR_EC(hsr), (unsigned long)m->mr[1],
           (unsigned long)m->mr[3]);
    return stop_vcpu(m);
}

/* Move what the user typed into the UART's receive FIFO. */
static void on_console_input(void)
{
    uint8_t chunk[CONSOLE_CHUNK];
    size_t count;
    unsigned dropped_before = devices.uart.rx_dropped;

    while (tessera_console_read(chunk, sizeof(chunk), &count) == ERR_OK && count != 0)
        pl011_receive(&devices.uart, chunk, count);
    if (devices.uart.rx_dropped != dropped_before)
        report("console input dropped: %u bytes in all (the guest is not reading its UART)",
               devices.uart.rx_dropped);
    inject_interrupts();
}

static enum next on_message(tessera_msg_t *m)
{
    if (m->info & MSG_NOTIFICATION_FLAG) {
        if (m->badge & tessera_vm.console_badge) {
            exits.console++;
            on_console_input();
        }
        return NEXT_WAIT;
    }
    if (m->badge != tessera_vm.vcpu_badge) {
        report("ignored a message (label 0x%lx) with badge 0x%lx", (unsigned long)MSG_LABEL(m->info),
               (unsigned long)m->badge);
        return NEXT_WAIT;
    }
    exits.by_label[MSG_LABEL(m->info) & 3]++;
    switch (MSG_LABEL(m->info)) {
    case FAULT_VCPU_MMIO:
        return on_mmio(m);
    case FAULT_VCPU_HVC:
    case FAULT_VCPU_SMC:
        return on_psci(m);
    case FAULT_VCPU_TRAP:
        return on_trap(m);
    default:
        report("vCPU fault 0x%lx: detail 0x%lx, address 0x%lx, pc 0x%lx: vCPU stopped",
               (unsigned long)MSG_LABEL(m->info), (unsigned long)m->mr[0], (unsigned long)m->mr[1],
               (unsigned long)m->mr[3]);
        return stop_vcpu(m);
    }
}

int run(void)
{
    char why[160];
    tessera_msg_t m = { 0 };
    long err;

    reset_devices();
    bench_mode = has_bench_arg();
    if (loader_load(&tessera_vm, why, sizeof(why)) != 0) {
        report("cannot load the guest: %s", why);
        return 1;
    }
    vcpu_started = tessera_counter();
    err = tessera_thread_resume(tessera_vm.vcpu_cap);
    if (err != ERR_OK) {
        report("cannot start the vCPU: error %ld", err);
        return 1;
    }
    err = tessera_recv(tessera_vm.endpoint_cap, &m);
    while (err == ERR_OK) {
        enum next next = on_message(&m);
        output_flush();         /* before blocking: a prompt has no newline */
        if (next == NEXT_EXIT)
            return 0;           /* the vCPU stays blocked on its unanswered exit */
        if (next == NEXT_STOPPED) {
            /* The kernel stops the vCPU and reports it; the VMM's work is
             * over, and the rest of the system runs on. */
            (void)tessera_reply(&m);
            report("guest stopped");
            return 1;
        }
        if (next == NEXT_REPLY)
            err = tessera_reply_recv(tessera_vm.endpoint_cap, &m);
        else
            err = tessera_recv(tessera_vm.endpoint_cap, &m);
    }
    report("receiving on the VMM's endpoint failed: error %ld", err);
    return 1;
}
