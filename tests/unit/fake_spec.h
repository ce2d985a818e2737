/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fake system spec that every unit test starts from: two address spaces
 * and four threads, described below; the names say which thread is which.
 *
 *   client  vspace 0: text 0x10000 (R X, 2 pages), data 0x20000 (R W, 3 pages,
 *           IPC buffers at 0x21000 and 0x22000), device 0x40000 (R W DEVICE)
 *   server  vspace 1: text 0x10000 (R X, 1 page), data 0x20000 (R W, 3 pages,
 *           IPC buffer at 0x21000)
 *
 *   T_CLIENT  client.main    prio 100, slice 5, control, fault endpoint 1
 *                            (badge 0xfa), timer notification 1 (badge 0x100)
 *   T_WORKER  client.worker  prio 100, slice 2, bound notification 0
 *   T_SERVER  server.main    prio 200, slice 5, bound notification 2
 *   T_HANDLER server.fault   prio 250, slice 5, no IPC buffer
 *
 * Tests may change the capability tables (fake_client_caps, fake_server_caps);
 * fake_spec_reset() puts them back.
 */
#ifndef FAKE_SPEC_H
#define FAKE_SPEC_H

#include <stdint.h>
#include <kernel/spec.h>

enum { T_CLIENT, T_WORKER, T_SERVER, T_HANDLER, FAKE_NTHREADS };

#define FAKE_CLIENT_NCAPS 6
#define FAKE_SERVER_NCAPS 2

/* Client capability slots. */
#define CAP_CALL   0             /* endpoint 0, SEND | GRANT, badge 0x11 */
#define CAP_EMPTY  1
#define CAP_SEND   2             /* endpoint 0, SEND only, badge 0x22 */
#define CAP_SIGNAL 3             /* notification 0, SIGNAL, badge 0x4 */
#define CAP_WORKER 4             /* thread T_WORKER, CONTROL */
#define CAP_IRQ    5             /* irq 0, ACK */

extern struct cap fake_client_caps[FAKE_CLIENT_NCAPS];
extern struct cap fake_server_caps[FAKE_SERVER_NCAPS];
extern uint8_t fake_client_mem[0x5000];
extern uint8_t fake_shared[0x1000];
extern uint8_t fake_server_mem[0x4000];

/* The bytes of the client's and server's text segments (their filesz). */
extern const uint8_t fake_client_text[16];
extern const uint8_t fake_server_text[8];

void fake_spec_reset(void);

#endif
