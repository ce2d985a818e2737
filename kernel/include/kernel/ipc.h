/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Endpoints: synchronous rendezvous between a sender and a receiver. A message
 * is a label, a length, MR0-MR3 in registers and MR4 onwards in the IPC
 * buffer; the receiver also gets the sender's badge and, for a call, a one-shot
 * right to reply. The operations here act on the current thread and return an
 * error code for the caller's r0, or block it (its r0 is written on wake-up).
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <stdint.h>
#include <kernel/thread.h>

struct endpoint {
    struct thread_queue senders;
    struct thread_queue receivers;
};

extern struct endpoint endpoints[];

/* Flags for ipc_send. */
#define IPC_BLOCK 1u                 /* wait for a receiver (else WOULD_BLOCK) */
#define IPC_CALL  2u                 /* wait for the reply afterwards */

int ipc_send(struct thread *t, struct endpoint *ep, uint32_t badge, unsigned flags);
int ipc_recv(struct thread *t, struct endpoint *ep, int block);
int ipc_reply(struct thread *t);

/* Deliver a fault of `t` to its fault endpoint as a call with message `m`:
 * ERR_OK, or ERR_PEER_DEAD when the handler's component is dead (the fault
 * is then unhandled). */
int ipc_send_fault(struct thread *t, const struct fault_msg *m);

/* `t`'s partner is gone: if it is queued to send on an endpoint or waiting
 * for a reply, it returns ERR_PEER_DEAD; a fault waiting for its handler
 * stops the thread instead (nobody will answer it). The supervisor's. */
void ipc_peer_gone(struct thread *t);

/* Cancel whatever IPC `t` is blocked in (for suspend). */
void ipc_cancel(struct thread *t);

#endif
