/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARMv7-A system-register access and barriers for the Hyp-mode kernel.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>

#define CP15_READ(op1, crn, crm, op2) ({ uint32_t v_; \
    __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v_)); v_; })
#define CP15_WRITE(op1, crn, crm, op2, v) \
    __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"((uint32_t)(v)) : "memory")
#define CP15_READ64(op1, crm) ({ uint32_t lo_, hi_; \
    __asm__ volatile("mrrc p15, " #op1 ", %0, %1, " #crm : "=r"(lo_), "=r"(hi_)); \
    ((uint64_t)hi_ << 32) | lo_; })
#define CP15_WRITE64(op1, crm, v) \
    __asm__ volatile("mcrr p15, " #op1 ", %0, %1, " #crm :: \
                     "r"((uint32_t)(v)), "r"((uint32_t)((uint64_t)(v) >> 32)) : "memory")

#define read_midr()        CP15_READ(0, c0, c0, 0)
#define read_mpidr()       CP15_READ(0, c0, c0, 5)
#define write_hcr(v)       CP15_WRITE(4, c1, c1, 0, v)
#define read_hsctlr()      CP15_READ(4, c1, c0, 0)
#define write_hsctlr(v)    CP15_WRITE(4, c1, c0, 0, v)
#define write_hvbar(v)     CP15_WRITE(4, c12, c0, 0, v)
#define read_hsr()         CP15_READ(4, c5, c2, 0)
#define read_hdfar()       CP15_READ(4, c6, c0, 0)
#define read_hifar()       CP15_READ(4, c6, c0, 2)
#define read_hpfar()       CP15_READ(4, c6, c0, 4)
#define write_hcptr(v)     CP15_WRITE(4, c1, c1, 2, v)
#define write_hstr(v)      CP15_WRITE(4, c1, c1, 3, v)
#define read_hdcr()        CP15_READ(4, c1, c1, 1)
#define write_hdcr(v)      CP15_WRITE(4, c1, c1, 1, v)
#define write_hmair0(v)    CP15_WRITE(4, c10, c2, 0, v)
#define write_htcr(v)      CP15_WRITE(4, c2, c0, 2, v)
#define write_httbr(v)     CP15_WRITE64(4, c2, v)
#define write_vtcr(v)      CP15_WRITE(4, c2, c1, 2, v)
#define write_vttbr(v)     CP15_WRITE64(6, c2, v)
#define write_tpidruro(v)  CP15_WRITE(0, c13, c0, 3, v)  /* read-only at PL0 */
#define read_pmuserenr()   CP15_READ(0, c9, c14, 0)
#define write_pmuserenr(v) CP15_WRITE(0, c9, c14, 0, v)   /* EN: PL0 may use the PMU */
#define read_cntfrq()      CP15_READ(0, c14, c0, 0)
#define read_cntpct()      CP15_READ64(0, c14)
#define write_cnthctl(v)   CP15_WRITE(4, c14, c1, 0, v)
#define write_cntkctl(v)   CP15_WRITE(0, c14, c1, 0, v)
#define write_cntvoff(v)   CP15_WRITE64(4, c14, v)
#define write_cnthp_ctl(v) CP15_WRITE(4, c14, c2, 1, v)
#define read_cnthp_ctl()   CP15_READ(4, c14, c2, 1)
#define CNTHP_CTL_ISTATUS  (1u << 2)    /* the compare value has been reached */
#define write_cnthp_cval(v) CP15_WRITE64(6, c14, v)
#define read_hcr()         CP15_READ(4, c1, c1, 0)
#define read_cntkctl()     CP15_READ(0, c14, c1, 0)
#define read_tpidrurw()    CP15_READ(0, c13, c0, 2)
#define write_tpidrurw(v)  CP15_WRITE(0, c13, c0, 2, v)
#define read_tpidruro()    CP15_READ(0, c13, c0, 3)
#define write_sctlr(v)     CP15_WRITE(0, c1, c0, 0, v)
#define read_sctlr()       CP15_READ(0, c1, c0, 0)
#define write_vbar(v)      CP15_WRITE(0, c12, c0, 0, v)
#define write_cntv_ctl(v)  CP15_WRITE(0, c14, c3, 1, v)

static inline void dsb(void) { __asm__ volatile("dsb sy" ::: "memory"); }
static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

static inline uint32_t mmio_read32(uintptr_t addr)
{
    return *(volatile uint32_t *)addr;
}

static inline void tlbi_all_hyp(void)    /* TLBIALLH: the Hyp regime */
{
    CP15_WRITE(4, c8, c7, 0, 0);
    dsb();
    isb();
}

static inline void tlbi_all_nsnh(void)   /* TLBIALLNSNH: every VMID's stage 1+2 */
{
    CP15_WRITE(4, c8, c7, 4, 0);
    dsb();
    isb();
}

#endif
