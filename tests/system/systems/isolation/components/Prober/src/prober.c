// SPDX-License-Identifier: BSD-2-Clause
/*
 * The isolation matrix, row by row: each line is `isolation: <row>: <case>:
 * ... ok` or `... WRONG`, the granted cases (positive controls) next to the
 * refused ones. A refused access must fault (the warden records the fault and
 * resumes after the instruction) or return the system call's error; a granted
 * one must not. The run ends with `isolation: N checks, W wrong`.
 */
#include <stdint.h>
#include <stdio.h>
#include <camkes.h>

#define END_CALL 0x600d

/* Accesses whose faulting instruction the warden skips (flog[3] bytes). */
uintptr_t probe_load(uintptr_t va);
uintptr_t probe_store(uintptr_t va, uintptr_t value);
#if defined(__x86_64__)
#define INSN_LEN 3
__asm__(".text\n"
        ".global probe_load\nprobe_load:\n\tmov (%rdi), %rdi\n\tmov %rdi, %rax\n\tret\n"
        ".global probe_store\nprobe_store:\n\tmov %rsi, (%rdi)\n\tmov %rdi, %rax\n\tret\n"
        ".global probe_in\nprobe_in:\n\tmov %edi, %edx\n\txor %eax, %eax\n\tin (%dx), %al\n\tret\n");
uintptr_t probe_in(uintptr_t port);
#else
#define INSN_LEN 4
__asm__(".text\n.arm\n"
        ".global probe_load\nprobe_load:\n\tldr r0, [r0]\n\tbx lr\n"
        ".global probe_store\nprobe_store:\n\tstr r1, [r0]\n\tbx lr\n"
        ".global probe_cycles\nprobe_cycles:\n\tmrc p15, 0, r0, c9, c13, 0\n\tbx lr\n"   /* PMCCNTR */
        ".global probe_pmcr\nprobe_pmcr:\n\tmcr p15, 0, r0, c9, c12, 0\n\tbx lr\n");   /* PMCR */
uintptr_t probe_cycles(void);
void probe_pmcr(uintptr_t value);
#endif

static volatile uintptr_t *l;
static unsigned checks, wrong;

static void row(const char *name, const char *what, int ok)
{
    checks++;
    wrong += !ok;
    printf("isolation: %s: %s %s\n", name, what, ok ? "ok" : "WRONG");
}

/* Whether the access faulted, as the warden saw it, at `va` (0: any address). */
static int faulted(uintptr_t before, uintptr_t va)
{
    return l[0] == before + 1 && l[1] == FAULT_DATA_ABORT && (va == 0 || l[2] == va);
}

static void load_refused(const char *name, const char *what, uintptr_t va)
{
    uintptr_t before = l[0];
    char line[96];

    l[3] = INSN_LEN;
    probe_load(va);
    snprintf(line, sizeof(line), "%s at %#lx faults", what, (unsigned long)va);
    row(name, line, faulted(before, va));
}

static void store_refused(const char *name, const char *what, uintptr_t va)
{
    uintptr_t before = l[0];
    char line[96];

    l[3] = INSN_LEN;
    probe_store(va, 0xbad);
    snprintf(line, sizeof(line), "%s at %#lx faults", what, (unsigned long)va);
    row(name, line, faulted(before, va));
}

static int no_fault(uintptr_t before)
{
    return l[0] == before;
}

static void memory(void)
{
    uintptr_t before = l[0];
    volatile uint32_t *mine = (volatile uint32_t *)own;
    static volatile uint32_t data = 7;

    mine[1] = 0x1234;
    data++;
    row("memory", "its own memory reads and writes", mine[1] == 0x1234 && data == 8 && no_fault(before));
    row("memory", "the neighbour's private memory at the same address reads as its own (0), not the secret",
        (uintptr_t)own == 0x20000000 && mine[0] == 0);
#if defined(__x86_64__)
    load_refused("memory", "RAM outside its address space", 0x00800000);
    load_refused("memory", "the kernel", 0xffffffff80100000ull);
    load_refused("memory", "the local APIC", 0xfee00000);
#else
    load_refused("memory", "RAM where the kernel and the other components live", 0x40000000);
    load_refused("memory", "RAM above the kernel", 0x48000000);
    load_refused("memory", "the interrupt controller", 0x08000000);
#endif
    row("memory", "debug_write of the kernel's memory is BAD_ADDRESS",
        tessera_debug_write((const void *)0x40000000, 4) == ERR_BAD_ADDRESS);
}

static void capabilities(void)
{
    int all = 1;

    row("capabilities", "its own notification: signal OK", tessera_signal(CAP_done) == ERR_OK);
    for (unsigned i = CAP__init + 1; i < 64; i++) {   /* CAP__init is its last slot */
        tessera_msg_t m = { 0 };
        uintptr_t bits;

        all &= tessera_signal(i) == ERR_INVALID_CAP && tessera_poll(i, &bits) == ERR_INVALID_CAP &&
               tessera_nb_send(i, &m) == ERR_INVALID_CAP && tessera_nb_recv(i, &m) == ERR_INVALID_CAP &&
               tessera_irq_ack(i) == ERR_INVALID_CAP && tessera_thread_resume(i) == ERR_INVALID_CAP;
    }
    row("capabilities", "slots beyond its table (where the neighbour has its endpoint and notifications): "
        "INVALID_CAP for every call", all);
}

static void dataports(void)
{
    uintptr_t before = l[0];
    volatile uint32_t *s = (volatile uint32_t *)shared, *r = (volatile uint32_t *)ro;

    s[1] = 0xd00d;
    row("dataports", "the shared dataport: the neighbour's value read, its own written",
        s[0] == 0x5a5a && s[1] == 0xd00d && no_fault(before));
    row("dataports", "the read-only dataport reads the neighbour's value", r[0] == 0x0e0e && no_fault(before));
    store_refused("dataports", "a write to the read-only dataport", (uintptr_t)ro);
    load_refused("dataports", "the neighbour's dataport `theirs` (not connected here)", 0x2000a000);
    load_refused("dataports", "the guard page after `shared`", (uintptr_t)shared + 0x1000);
}

static void devices(void)
{
    uintptr_t before = l[0];
#if defined(__x86_64__)
    volatile uint16_t *text = (volatile uint16_t *)regs;
    uint16_t old = text[0];

    text[0] = old;
    row("devices", "its VGA text memory reads and writes", no_fault(before));
    load_refused("devices", "VGA memory by its physical address (not granted)", 0xb8000);
    load_refused("devices", "the page after its window", (uintptr_t)regs + 0x1000);
#else
    uint32_t id = ((volatile uint32_t *)regs)[0xfe0 / 4];

    row("devices", "its UART's registers read (PeriphID0 0x11)", id == 0x11 && no_fault(before));
    /* Both boards' device addresses: on each, neither is mapped. */
    load_refused("devices", "qemu-virt-a15's UART by its physical address", 0x09000000);
    load_refused("devices", "qemu-virt-a15's RTC (not granted)", 0x09010000);
    load_refused("devices", "raspi2b's UART by its physical address", 0x3f201000);
    load_refused("devices", "raspi2b's GPIO block (not granted)", 0x3f200000);
    load_refused("devices", "the page after its window", (uintptr_t)regs + 0x1000);
#endif
}

static void interrupts(void)
{
    int others = 1;

    row("interrupts", "irq_ack of its own interrupt: OK", irq_acknowledge() == ERR_OK);
    for (unsigned i = 0; i < 64; i++) {
        if (i != CAP_irq_irq)
            others &= tessera_irq_ack(i) != ERR_OK;
    }
    row("interrupts", "irq_ack of any other slot is refused", others);
}

#if !defined(__x86_64__)
/* Not granted the cycle counter: reading it, or resetting it under every
 * other component's feet through PMCR, is an undefined instruction. */
static void cycle_counter(void)
{
    uintptr_t before = l[0];

    l[3] = INSN_LEN;
    probe_cycles();
    row("cycle counter", "reading PMCCNTR (not granted) is an undefined instruction",
        l[0] == before + 1 && l[1] == FAULT_UNDEFINED_INSTRUCTION);
    before = l[0];
    probe_pmcr(0x7);                    /* E | P | C: would reset the counter */
    row("cycle counter", "writing PMCR (not granted) is an undefined instruction",
        l[0] == before + 1 && l[1] == FAULT_UNDEFINED_INSTRUCTION);
}
#endif

#if defined(__x86_64__)
static void ioports(void)
{
    uintptr_t before = l[0];
    uintptr_t lcr = probe_in(0x3fb);

    row("ioports", "in from its own port 0x3fb (LCR 0x03)", lcr == 0x03 && no_fault(before));
    l[3] = 1;
    before = l[0];
    probe_in(0x3fd);
    row("ioports", "in from port 0x3fd (not granted) faults", l[0] == before + 1);
    l[3] = 1;
    before = l[0];
    probe_in(0x80);
    row("ioports", "in from port 0x80 (not granted) faults", l[0] == before + 1);
}
#endif

int run(void)
{
    l = (volatile uintptr_t *)flog;
    memory();
    capabilities();
    dataports();
    devices();
    interrupts();
#if defined(__x86_64__)
    ioports();
#else
    cycle_counter();
#endif
    printf("isolation: %u checks, %u wrong\n", checks, wrong);
    done_emit();
    tessera_syscall1(END_CALL, 0);
    return wrong != 0;
}
