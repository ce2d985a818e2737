/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86 port I/O for components granted ports (seL4HardwareIOPort): the kernel's
 * per-address-space I/O bitmap lets these through for the granted range; any
 * other port is a #GP fault.
 */
#ifndef TESSERA_IOPORT_H
#define TESSERA_IOPORT_H

#include <stdint.h>

static inline uint8_t tessera_port_in8(uint16_t port)
{
    uint8_t value;
    __asm__ volatile("inb %w1, %b0" : "=a"(value) : "Nd"(port));
    return value;
}

static inline void tessera_port_out8(uint16_t port, uint8_t value)
{
    __asm__ volatile("outb %b0, %w1" :: "a"(value), "Nd"(port));
}

static inline uint16_t tessera_port_in16(uint16_t port)
{
    uint16_t value;
    __asm__ volatile("inw %w1, %w0" : "=a"(value) : "Nd"(port));
    return value;
}

static inline void tessera_port_out16(uint16_t port, uint16_t value)
{
    __asm__ volatile("outw %w0, %w1" :: "a"(value), "Nd"(port));
}

static inline uint32_t tessera_port_in32(uint16_t port)
{
    uint32_t value;
    __asm__ volatile("inl %w1, %k0" : "=a"(value) : "Nd"(port));
    return value;
}

static inline void tessera_port_out32(uint16_t port, uint32_t value)
{
    __asm__ volatile("outl %k0, %w1" :: "a"(value), "Nd"(port));
}

#endif
