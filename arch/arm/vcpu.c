// SPDX-License-Identifier: BSD-2-Clause
/*
 * The vCPU: the one thread of a guest address space, entered at PL1 with the
 * guest's HCR instead of at PL0 with the native one (docs/virtualization.md).
 *
 * What makes it small: a system has at most one vCPU, and native components
 * run at PL0 with HCR.TGE set, where the PL1 system registers (SCTLR, TTBRs,
 * VBAR, the banked SVC/ABT/UND/IRQ/FIQ registers, CNTV_*) have no effect and
 * cannot be read. So those registers simply stay the guest's while a native
 * thread runs; a switch between the two worlds changes only what a native
 * thread can reach: HCR, HCPTR (VFP/NEON trapped for native threads), HDCR
 * (the PMU trapped for the guest), the GIC virtual interface's enable, and the
 * three PL0-visible registers TPIDRURW, TPIDRURO and CNTKCTL.
 *
 * Exits the kernel does not handle go to the VMM as fault messages (FAULT_VCPU_*)
 * on the vCPU's fault endpoint; the VMM's reply (FAULT_VCPU_REPLY) completes the
 * access. Handled here: WFI (the vCPU waits for a virtual interrupt), the
 * guest's PMU and debug-register accesses (read as zero, writes ignored),
 * virtual interrupts in the
 * list registers, and the forwarding of physical interrupts that belong to the
 * guest (its virtual timer, passed-through devices): masked at the distributor
 * when they fire, injected, and unmasked when the guest EOIs them (the list
 * register's EOI maintenance interrupt).
 */
#include <stddef.h>
#include <stdint.h>
#include <arch.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <arch/vcpu.h>
#include <arch/vgic.h>
#include <board_config.h>
#include <kernel/budget.h>
#include <kernel/console.h>
#include <kernel/ipc.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/thread.h>
#include <tessera/abi.h>

#define HCR_VM    (1u << 0)
#define HCR_SWIO  (1u << 1)
#define HCR_PTW   (1u << 2)
#define HCR_FMO   (1u << 3)
#define HCR_IMO   (1u << 4)
#define HCR_AMO   (1u << 5)
#define HCR_DC    (1u << 12)
#define HCR_TWI   (1u << 13)
#define HCR_TSC   (1u << 19)
#define HCR_TGE   (1u << 27)

/* Native components: PL0, stage 1 off (DC), every exception to Hyp (TGE). */
#define HCR_NATIVE (HCR_TGE | HCR_DC | HCR_VM)
/* The guest: its own stage 1 (DC clear, or QEMU ignores its MMU), physical
 * interrupts and aborts to Hyp, WFI and SMC trapped. */
#define HCR_GUEST  (HCR_VM | HCR_SWIO | HCR_PTW | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TWI | HCR_TSC)

#define HCPTR_TCP10 (1u << 10)
#define HCPTR_TCP11 (1u << 11)
#define HDCR_TPMCR  (1u << 5)
#define HDCR_TPM    (1u << 6)
#define HDCR_TDA    (1u << 9)           /* CP14 debug registers */
#define HDCR_TDOSA  (1u << 10)          /* the OS lock and power-down registers */
#define HDCR_TDRA   (1u << 11)          /* the debug ROM registers */
/* What the guest may not touch: the PMU (the native components' cycle
 * counter) and the debug registers (a breakpoint or watchpoint could match
 * in Hyp mode, in the kernel). Both read as zero and ignore writes. */
#define HDCR_GUEST_TRAPS (HDCR_TPM | HDCR_TPMCR | HDCR_TDA | HDCR_TDOSA | HDCR_TDRA)

#define EC_WFX       0x01
#define EC_CP15_32   0x03
#define EC_CP15_64   0x04
#define EC_CP14_32   0x05
#define EC_CP14_LS   0x06
#define EC_CP14_64   0x0c
#define EC_HVC       0x12
#define EC_SMC       0x13
#define EC_PABT      0x20
#define EC_DABT      0x24

#define HSR_IL       (1u << 25)
#define HSR_ISV      (1u << 24)
#define HSR_SSE      (1u << 21)
#define HSR_WNR      (1u << 6)

#define PSR_MODE     0x1fu
#define PSR_T        (1u << 5)
#define MODE_USR     0x10u
#define MODE_FIQ     0x11u
#define MODE_IRQ     0x12u
#define MODE_SVC     0x13u
#define MODE_ABT     0x17u
#define MODE_UND     0x1bu
#define MODE_SYS     0x1fu
#define GUEST_ENTRY_CPSR 0x1d3u         /* SVC, ARM, A/I/F masked */
#define SCTLR_MMU_CACHES 0x1005u        /* M | C | I */

#define VIRQ_MIN     16u
#define VIRQ_MAX     1019u

uint8_t arm_hw_guest;

#if BOARD_HAS_VIRTUALIZATION

static struct {
    struct thread *t;           /* the vCPU; NULL when the spec has no guest */
    int clean_caches;           /* clean to PoC before the next entry (the VMM loaded images) */
    uint32_t tpidrurw, tpidruro, cntkctl;       /* the guest's, while a native thread runs */
    uint32_t native_cntkctl, hdcr_native;
    struct vgic vgic;           /* its list registers (vgic.c) */
    uintptr_t exit_label;       /* the exit the VMM is answering */
    uint32_t exit_hsr;
} vcpu;

uint32_t vgic_reg_read(unsigned off)
{
    return mmio_read32(BOARD_GICH_BASE + off);
}

void vgic_reg_write(unsigned off, uint32_t v)
{
    mmio_write32(BOARD_GICH_BASE + off, v);
}

static void wake_from_wfi(void)
{
    if (vcpu.t->state == THREAD_BLOCKED_WFI)
        thread_wake(vcpu.t);
}

__attribute__((noinline)) void arm_vcpu_maintenance(void)
{
    vgic_maintenance(&vcpu.vgic);
}

__attribute__((noinline)) int arch_vcpu_forward_irq(unsigned irq)
{
    if (vcpu.t == NULL)
        return 0;
    vgic_forward(&vcpu.vgic, irq);
    wake_from_wfi();
    return 1;
}

int arch_vcpu_inject(struct thread *t, unsigned virq)
{
    if (t != vcpu.t)                    /* the syscall checked it is a guest's thread */
        return ERR_WRONG_TYPE;
    if (virq < VIRQ_MIN || virq > VIRQ_MAX)
        return ERR_INVALID_ARGUMENT;
    vgic_put(&vcpu.vgic, virq);
    wake_from_wfi();
    return ERR_OK;
}

int arch_vcpu_present(void)
{
    return vcpu.t != NULL;
}

/* ---- World switch ------------------------------------------------------ */

/* arm_dcache_clean_all() (cache.S) with a preemption point every 64 lines:
 * 0 when the kernel's timer fired before the end (the walk's place is kept
 * for the next call), 1 when every line of every level is clean. */
static struct {
    uint32_t level, way, set;
} clean_at;

static int dcache_clean_preemptible(void)
{
    uint32_t clidr = CP15_READ(1, c0, c0, 1);
    uint32_t loc = (clidr >> 24) & 7u;
    unsigned n = 0;

    for (; clean_at.level < loc; clean_at.level++, clean_at.way = 0, clean_at.set = 0) {
        if (((clidr >> (3 * clean_at.level)) & 7u) < 2)
            continue;                           /* no data or unified cache here */
        CP15_WRITE(2, c0, c0, 0, clean_at.level << 1);  /* CSSELR: this level, data */
        isb();
        uint32_t ccsidr = CP15_READ(1, c0, c0, 0);
        uint32_t line_shift = (ccsidr & 7u) + 4, ways = ((ccsidr >> 3) & 0x3ffu) + 1;
        uint32_t sets = ((ccsidr >> 13) & 0x7fffu) + 1;
        uint32_t way_shift = ways > 1 ? (uint32_t)__builtin_clz(ways - 1) : 0;
        for (; clean_at.way < ways; clean_at.way++, clean_at.set = 0) {
            for (; clean_at.set < sets; clean_at.set++) {
                CP15_WRITE(0, c7, c14, 2, (clean_at.way << way_shift) | (clean_at.set << line_shift) |
                                          (clean_at.level << 1));       /* DCCISW */
                if ((++n & 63u) == 0 && (read_cnthp_ctl() & CNTHP_CTL_ISTATUS)) {
                    clean_at.set++;
                    dsb();
                    return 0;
                }
            }
        }
    }
    dsb();
    isb();
    clean_at.level = clean_at.way = clean_at.set = 0;
    return 1;
}

__attribute__((cold, noinline)) void arm_vcpu_switch(int to_guest)
{
    if (to_guest) {
        if (vcpu.clean_caches) {
            /* What the VMM wrote must reach memory before the guest runs
             * with its MMU and caches off (Linux's boot protocol). A whole
             * cache by set/way is long (63,000 instructions on QEMU's
             * A15): with budgets it stops for the kernel's timer and goes
             * on where it was when the vCPU next runs. */
            if (!budgets_on())
                arm_dcache_clean_all();
            else if (!dcache_clean_preemptible())
                kernel_interrupt();             /* the vCPU is entered again later */
            CP15_WRITE(0, c7, c5, 0, 0);        /* ICIALLU */
            dsb();
            vcpu.clean_caches = 0;
        }
        write_hcr(HCR_GUEST);
        write_hcptr(0);
        write_hdcr((vcpu.hdcr_native & 0x1fu) | HDCR_GUEST_TRAPS);
        write_tpidrurw(vcpu.tpidrurw);
        write_tpidruro(vcpu.tpidruro);
        write_cntkctl(vcpu.cntkctl);
        arm_hw_guest = 1;
        vcpu.vgic.live = 1;
        if (vcpu.vgic.npending != 0)
            vgic_refill(&vcpu.vgic);    /* also writes GICH_HCR */
        else
            vgic_reg_write(GICH_HCR, vcpu.vgic.hcr);
    } else {
        vcpu.tpidrurw = read_tpidrurw();
        vcpu.tpidruro = read_tpidruro();
        vcpu.cntkctl = read_cntkctl();
        write_tpidrurw(0);              /* nothing of the guest's stays readable */
        write_cntkctl(vcpu.native_cntkctl);
        vcpu.vgic.live = 0;
        vgic_reg_write(GICH_HCR, 0);
        write_hdcr(vcpu.hdcr_native);
        write_hcptr(HCPTR_TCP10 | HCPTR_TCP11);
        write_hcr(HCR_NATIVE);
        arm_hw_guest = 0;
    }
    isb();
}

static void guest_boot_state(struct thread *t)
{
    struct arch_context *c = &t->ctx;

    for (unsigned i = 0; i < 13; i++)
        c->r[i] = 0;
    c->r[1] = ~0u;                      /* no machine number: boot from the device tree */
    c->r[2] = t->spec->arg;             /* the DTB's IPA */
    c->sp = 0;
    c->lr = 0;
    c->pc = t->spec->entry;
    c->cpsr = GUEST_ENTRY_CPSR;
    vcpu.tpidrurw = 0;
    vcpu.tpidruro = 0;
    vcpu.cntkctl = 0;
    vcpu.clean_caches = 1;
}

void arch_vcpu_init(struct thread *t)
{
    if (vcpu.t != NULL)
        panic(EXIT_KERNEL_PANIC, "spec: a second vCPU (%s): the kernel runs one", t->spec->name);
    vcpu.t = t;
    vcpu.vgic.lrs = (vgic_reg_read(GICH_VTR) & 0x3fu) + 1;
    if (vcpu.vgic.lrs > 32)
        vcpu.vgic.lrs = 32;
    vgic_init(&vcpu.vgic);              /* GICH_HCR is written on every entry into the guest */
    vgic_reg_write(GICH_VMCR, 0);
    vcpu.native_cntkctl = read_cntkctl();
    vcpu.hdcr_native = read_hdcr();
    write_cntv_ctl(0);
    guest_boot_state(t);
    /* From now on native threads run with VFP/NEON trapped: the registers are
     * the guest's. The guest's timer and the list registers' EOIs reach the
     * kernel. */
    write_hcptr(HCPTR_TCP10 | HCPTR_TCP11);
    isb();
    irqc_enable(BOARD_MAINTENANCE_IRQ);
    irqc_enable(BOARD_VTIMER_IRQ);
}

/* Back to the boot state for the VMM's FAULT_VCPU_RESTART (PSCI SYSTEM_RESET):
 * MMU and caches off, its virtual interrupts and timer gone, its TLB entries
 * dropped. */
static void vcpu_restart(struct thread *t)
{
    write_sctlr(read_sctlr() & ~SCTLR_MMU_CACHES);
    write_vbar(0);
    write_cntv_ctl(0);
    vgic_reset(&vcpu.vgic);
    tlbi_all_nsnh();
    guest_boot_state(t);
}

/* ---- Guest registers --------------------------------------------------- */

#define BANKED(reg)                                                             \
    static uint32_t get_##reg(void)                                             \
    {                                                                           \
        uint32_t v;                                                             \
        __asm__ volatile("mrs %0, " #reg : "=r"(v));                           \
        return v;                                                               \
    }                                                                           \
    static void set_##reg(uint32_t v)                                           \
    {                                                                           \
        __asm__ volatile("msr " #reg ", %0" :: "r"(v));                        \
    }
BANKED(sp_svc) BANKED(lr_svc) BANKED(sp_abt) BANKED(lr_abt) BANKED(sp_und) BANKED(lr_und)
BANKED(sp_irq) BANKED(lr_irq) BANKED(sp_fiq) BANKED(lr_fiq)
BANKED(r8_fiq) BANKED(r9_fiq) BANKED(r10_fiq) BANKED(r11_fiq) BANKED(r12_fiq)

/* Register n (0-14) as the guest's current mode sees it. */
static uint32_t guest_reg(const struct arch_context *c, unsigned n)
{
    unsigned mode = c->cpsr & PSR_MODE;

    if (mode == MODE_FIQ && n >= 8) {
        switch (n) {
        case 8: return get_r8_fiq();
        case 9: return get_r9_fiq();
        case 10: return get_r10_fiq();
        case 11: return get_r11_fiq();
        case 12: return get_r12_fiq();
        case 13: return get_sp_fiq();
        default: return get_lr_fiq();
        }
    }
    if (n < 13)
        return c->r[n];
    switch (mode) {
    case MODE_SVC: return n == 13 ? get_sp_svc() : get_lr_svc();
    case MODE_ABT: return n == 13 ? get_sp_abt() : get_lr_abt();
    case MODE_UND: return n == 13 ? get_sp_und() : get_lr_und();
    case MODE_IRQ: return n == 13 ? get_sp_irq() : get_lr_irq();
    default: return n == 13 ? c->sp : c->lr;           /* USR, SYS */
    }
}

static void set_guest_reg(struct arch_context *c, unsigned n, uint32_t v)
{
    unsigned mode = c->cpsr & PSR_MODE;

    if (mode == MODE_FIQ && n >= 8) {
        switch (n) {
        case 8: set_r8_fiq(v); return;
        case 9: set_r9_fiq(v); return;
        case 10: set_r10_fiq(v); return;
        case 11: set_r11_fiq(v); return;
        case 12: set_r12_fiq(v); return;
        case 13: set_sp_fiq(v); return;
        default: set_lr_fiq(v); return;
        }
    }
    if (n < 13) {
        c->r[n] = v;
        return;
    }
    switch (mode) {
    case MODE_SVC: n == 13 ? set_sp_svc(v) : set_lr_svc(v); return;
    case MODE_ABT: n == 13 ? set_sp_abt(v) : set_lr_abt(v); return;
    case MODE_UND: n == 13 ? set_sp_und(v) : set_lr_und(v); return;
    case MODE_IRQ: n == 13 ? set_sp_irq(v) : set_lr_irq(v); return;
    default:
        if (n == 13)
            c->sp = v;
        else
            c->lr = v;
        return;
    }
}

/* Step over the trapped instruction: 4 bytes, or 2 for a 16-bit Thumb one
 * (HSR.IL), advancing the IT state inside an IT block. */
static void skip_instruction(struct arch_context *c, uint32_t hsr)
{
    c->pc += (hsr & HSR_IL) ? 4 : 2;
    uint32_t it = ((c->cpsr >> 25) & 3u) | ((c->cpsr >> 8) & 0xfcu);
    if (it == 0)
        return;
    it = (it & 7u) == 0 ? 0 : (it & 0xe0u) | ((it << 1) & 0x1fu);
    c->cpsr = (c->cpsr & ~((3u << 25) | (0x3fu << 10))) | ((it & 3u) << 25) | ((it >> 2) << 10);
}

/* ---- Exits ------------------------------------------------------------- */

static _Noreturn void exit_to_vmm(struct thread *t, uintptr_t label, uint32_t hsr,
                                  uintptr_t m0, uintptr_t m1, uintptr_t m2, uintptr_t m3)
{
    if (t->fault_ep == NULL) {
        struct fault_info f = { .kind = "vCPU exit", .label = label, .pc = t->ctx.pc,
                                .address = m1, .syndrome = hsr,
                                .detail = "no VMM to handle it" };
        kernel_user_fault(&f);
    }
    vcpu.exit_label = label;
    vcpu.exit_hsr = hsr;
    const struct fault_msg m = { .label = label, .mr = { m0, m1, m2, m3 } };
    if (ipc_send_fault(t, &m) != ERR_OK) {      /* its VMM is dead: nobody will answer */
        kprintf("fault: vCPU %s stopped: its VMM is gone\n", t->spec->name);
        thread_stop(t, THREAD_FAULTED, EXIT_FAULT);
    }
    schedule();
}

/* A trapped coprocessor access the kernel answers itself (HDCR_GUEST_TRAPS):
 * the PMU's CP15 registers (CRn = c9, or PMCCNTR as 64 bits) and every CP14
 * debug register. Reads are zero, writes are ignored: to Linux the PMU counts
 * nothing and the debug architecture is absent, so it uses neither. */
static int coproc_emulated(struct arch_context *c, uint32_t hsr, unsigned ec)
{
    unsigned rt = (hsr >> 5) & 0xfu, rt2 = (hsr >> 10) & 0xfu, read = hsr & 1u;

    switch (ec) {
    case EC_CP15_32:
        if (((hsr >> 10) & 0xfu) != 9)          /* CRn: only the PMU is trapped */
            return 0;
        __attribute__((fallthrough));
    case EC_CP14_32:
        if (read && rt != 15)
            set_guest_reg(c, rt, 0);
        return 1;
    case EC_CP15_64:
        if (((hsr >> 1) & 0xfu) != 9)           /* CRm */
            return 0;
        __attribute__((fallthrough));
    case EC_CP14_64:
        if (read && rt != 15 && rt2 != 15) {
            set_guest_reg(c, rt, 0);
            set_guest_reg(c, rt2, 0);
        }
        return 1;
    case EC_CP14_LS:                            /* LDC/STC to the debug registers: ignored */
        return 1;
    default:
        return 0;
    }
}

_Noreturn void arm_vcpu_trap(uint32_t hsr)
{
    struct thread *t = current;
    struct arch_context *c = &t->ctx;
    unsigned ec = hsr >> 26;

    switch (ec) {
    case EC_WFX:
        skip_instruction(c, hsr);
        if (!vgic_any_pending(&vcpu.vgic))
            thread_block(t, THREAD_BLOCKED_WFI);
        schedule();
    case EC_HVC:
        exit_to_vmm(t, FAULT_VCPU_HVC, hsr, c->r[0], c->r[1], c->r[2], c->r[3]);
    case EC_SMC:
        exit_to_vmm(t, FAULT_VCPU_SMC, hsr, c->r[0], c->r[1], c->r[2], c->r[3]);
    case EC_DABT: {
        uint32_t ipa = ((read_hpfar() & 0xfffffff0u) << 8) | (read_hdfar() & 0xfffu);
        if (!(hsr & HSR_ISV) || ((hsr >> 16) & 0xfu) == 15)
            exit_to_vmm(t, FAULT_VCPU_TRAP, hsr, 0, ipa, hsr, c->pc);
        uint32_t value = 0;
        if (hsr & HSR_WNR) {
            unsigned size = 1u << ((hsr >> 22) & 3u);
            value = guest_reg(c, (hsr >> 16) & 0xfu);
            if (size < 4)
                value &= (1u << (8 * size)) - 1;
        }
        exit_to_vmm(t, FAULT_VCPU_MMIO, hsr, value, ipa, hsr, c->pc);
    }
    case EC_PABT: {
        uint32_t ipa = ((read_hpfar() & 0xfffffff0u) << 8) | (read_hifar() & 0xfffu);
        exit_to_vmm(t, FAULT_VCPU_TRAP, hsr, 0, ipa, hsr, c->pc);
    }
    case EC_CP15_32:
    case EC_CP15_64:
    case EC_CP14_32:
    case EC_CP14_LS:
    case EC_CP14_64:
        if (coproc_emulated(c, hsr, ec)) {
            skip_instruction(c, hsr);
            arch_enter_user(t);
        }
        exit_to_vmm(t, FAULT_VCPU_TRAP, hsr, 0, 0, hsr, c->pc);
    default:
        exit_to_vmm(t, FAULT_VCPU_TRAP, hsr, 0, 0, hsr, c->pc);
    }
}

int arch_vcpu_reply(struct thread *t, uintptr_t label, unsigned len, const uintptr_t *mr)
{
    struct arch_context *c = &t->ctx;
    uint32_t hsr = vcpu.exit_hsr;

    if (t != vcpu.t)
        return 0;
    if (label == FAULT_VCPU_RESTART) {
        vcpu_restart(t);
        return 1;
    }
    if (label != FAULT_VCPU_REPLY)
        return 0;
    switch (vcpu.exit_label) {
    case FAULT_VCPU_MMIO:
        if (!(hsr & HSR_WNR)) {
            unsigned size = 1u << ((hsr >> 22) & 3u);
            uint32_t v = len > 0 ? (uint32_t)mr[0] : 0;
            if (size < 4) {
                v &= (1u << (8 * size)) - 1;
                if ((hsr & HSR_SSE) && (v & (1u << (8 * size - 1))))
                    v |= ~((1u << (8 * size)) - 1);
            }
            set_guest_reg(c, (hsr >> 16) & 0xfu, v);
        }
        skip_instruction(c, hsr);
        break;
    case FAULT_VCPU_SMC:
        skip_instruction(c, hsr);
        __attribute__((fallthrough));     /* the results, as for hvc */
    case FAULT_VCPU_HVC:
        for (unsigned i = 0; i < len && i < 4; i++)
            c->r[i] = (uint32_t)mr[i];
        break;
    default:                            /* FAULT_VCPU_TRAP: again, as the VMM left it */
        break;
    }
    return 1;
}

#else /* no GIC virtualization extensions: no guests */

void arch_vcpu_init(struct thread *t)
{
    panic(EXIT_KERNEL_PANIC, "spec: %s is a vCPU, but %s has no virtualization extensions",
          t->spec->name, BOARD_NAME);
}

int arch_vcpu_inject(struct thread *t, unsigned virq)
{
    (void)t, (void)virq;
    return ERR_WRONG_TYPE;
}

int arch_vcpu_reply(struct thread *t, uintptr_t label, unsigned len, const uintptr_t *mr)
{
    (void)t, (void)label, (void)len, (void)mr;
    return 0;
}

int arch_vcpu_present(void)
{
    return 0;
}

__attribute__((noinline)) int arch_vcpu_forward_irq(unsigned irq)
{
    (void)irq;
    return 0;
}

__attribute__((noinline)) void arm_vcpu_maintenance(void)
{
}

__attribute__((cold, noinline)) void arm_vcpu_switch(int to_guest)
{
    (void)to_guest;
}


_Noreturn void arm_vcpu_trap(uint32_t hsr)
{
    (void)hsr;
    panic(EXIT_KERNEL_PANIC, "vCPU trap without virtualization support");
}

#endif
