// SPDX-License-Identifier: BSD-2-Clause
/*
 * The fake system spec of fake_spec.h: the spec_* globals of
 * kernel/include/kernel/spec.h, as the generator would emit them for a small
 * client/server system.
 */
#include <stdint.h>
#include <string.h>
#include <kernel/spec.h>
#include <tessera/abi.h>
#include "fake_spec.h"

static const struct cap client_caps_default[FAKE_CLIENT_NCAPS] = {
    [CAP_CALL]   = { OBJ_ENDPOINT, RIGHT_SEND | RIGHT_GRANT, 0, 0x11 },
    [CAP_EMPTY]  = { OBJ_EMPTY, 0, 0, 0 },
    [CAP_SEND]   = { OBJ_ENDPOINT, RIGHT_SEND, 0, 0x22 },
    [CAP_SIGNAL] = { OBJ_NOTIFICATION, RIGHT_SIGNAL, 0, 0x4 },
    [CAP_WORKER] = { OBJ_THREAD, RIGHT_CONTROL, T_WORKER, 0 },
    [CAP_IRQ]    = { OBJ_IRQ, RIGHT_ACK, 0, 0 },
};

static const struct cap server_caps_default[FAKE_SERVER_NCAPS] = {
    { OBJ_ENDPOINT, RIGHT_RECEIVE, 0, 0 },
    { OBJ_ENDPOINT, RIGHT_RECEIVE, 1, 0 },
};

struct cap fake_client_caps[FAKE_CLIENT_NCAPS];
struct cap fake_server_caps[FAKE_SERVER_NCAPS];

uint8_t fake_client_mem[0x5000] __attribute__((aligned(4096)));
uint8_t fake_server_mem[0x4000] __attribute__((aligned(4096)));

uint8_t fake_shared[0x1000] __attribute__((aligned(4096)));   /* a dataport of both */

const uint8_t fake_client_text[16] = "client text 123";
const uint8_t fake_server_text[8] = "srvtext";

static const struct spec_segment client_segments[] = {
    { .va = 0x10000, .memsz = 0x2000, .filesz = sizeof(fake_client_text), .mem_offset = 0,
      .rights = VSPACE_R | VSPACE_X, .src = fake_client_text },
    { .va = 0x20000, .memsz = 0x3000, .filesz = 0, .mem_offset = 0x2000,
      .rights = VSPACE_R | VSPACE_W },
    { .va = 0x40000, .memsz = 0x1000, .rights = VSPACE_R | VSPACE_W | VSPACE_DEVICE,
      .pa = 0x09000000 },
    { .va = 0x50000, .memsz = 0x1000, .rights = VSPACE_R | VSPACE_W | VSPACE_SHARED,
      .pa = (uintptr_t)fake_shared },
};

static const struct spec_segment server_segments[] = {
    { .va = 0x10000, .memsz = 0x1000, .filesz = sizeof(fake_server_text), .mem_offset = 0,
      .rights = VSPACE_R | VSPACE_X, .src = fake_server_text },
    { .va = 0x20000, .memsz = 0x3000, .filesz = 0, .mem_offset = 0x1000,
      .rights = VSPACE_R | VSPACE_W },
    { .va = 0x60000, .memsz = 0x1000, .rights = VSPACE_R | VSPACE_W | VSPACE_SHARED,
      .pa = (uintptr_t)fake_shared },
};

static const struct spec_ioport server_ioports[] = {
    { 0x3f8, 0x3ff },
    { 0x60, 0x60 },
};

const char spec_system_name[] = "unit";

const struct spec_vspace spec_vspaces[] = {
    { "client", 1, client_segments, 4, fake_client_mem, sizeof(fake_client_mem),
      fake_client_caps, FAKE_CLIENT_NCAPS, NULL, 0, 0, 0, 0 },
    { "server", 2, server_segments, 3, fake_server_mem, sizeof(fake_server_mem),
      fake_server_caps, FAKE_SERVER_NCAPS, server_ioports, 2, 0, 0, 0 },
};
const unsigned spec_nvspaces = 2;

const struct spec_thread spec_threads[FAKE_NTHREADS] = {
    [T_CLIENT] = { .name = "client.main", .vspace = 0, .entry = 0x10000, .stack_top = 0x20800,
                   .arg = 7, .ipc_buffer = 0x21000, .priority = 100, .control = 1,
                   .timeslice_ticks = 5, .fault_endpoint = 1, .fault_badge = 0xfa,
                   .bound_notification = SPEC_NONE, .timer_notification = 1,
                   .timer_badge = 0x100 },
    [T_WORKER] = { .name = "client.worker", .vspace = 0, .entry = 0x10040, .stack_top = 0x20c00,
                   .arg = 8, .ipc_buffer = 0x22000, .priority = 100, .timeslice_ticks = 2,
                   .fault_endpoint = SPEC_NONE, .bound_notification = 0,
                   .timer_notification = SPEC_NONE },
    [T_SERVER] = { .name = "server.main", .vspace = 1, .entry = 0x10000, .stack_top = 0x20800,
                   .arg = 9, .ipc_buffer = 0x21000, .priority = 200, .timeslice_ticks = 5,
                   .fault_endpoint = SPEC_NONE, .bound_notification = 2,
                   .timer_notification = SPEC_NONE },
    [T_HANDLER] = { .name = "server.fault", .vspace = 1, .entry = 0x10080, .stack_top = 0x20c00,
                    .arg = 10, .ipc_buffer = 0x22000, .priority = 250, .timeslice_ticks = 5,
                    .fault_endpoint = SPEC_NONE, .bound_notification = SPEC_NONE,
                    .timer_notification = SPEC_NONE },
};
const unsigned spec_nthreads = FAKE_NTHREADS;

/* No interrupts: with nothing runnable and no timer armed, schedule() reports a deadlock. */
const struct spec_irq spec_irqs[1] = { { 0 } };
const unsigned spec_nirqs = 0;
const struct spec_console_input spec_console_input = { SPEC_NONE, SPEC_NONE, 0 };

const unsigned spec_nendpoints = 2;
const unsigned spec_nnotifications = 3;

struct pt_page spec_pt_pool[2];
const unsigned spec_pt_pool_size = 2;

void fake_spec_reset(void)
{
    memcpy(fake_client_caps, client_caps_default, sizeof(fake_client_caps));
    memcpy(fake_server_caps, server_caps_default, sizeof(fake_server_caps));
}
