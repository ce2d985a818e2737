/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The supervisor: what becomes of a component after a fault that nobody
 * handles (a thread without a fault endpoint). The component is the unit of
 * failure. By its restart policy (spec_vspace.restart_max, the description's
 * `restart` and `restart_max`) it is restarted from its pristine image, or it
 * ends: every thread stops and its endpoints answer PEER_DEAD from then on.
 * Either way nobody waits on it: senders queued on its endpoints and callers
 * waiting for its replies get PEER_DEAD, and threads that held a reply right
 * for one of its threads learn that the caller went away. docs/reliability.md.
 */
#ifndef KERNEL_SUPERVISOR_H
#define KERNEL_SUPERVISOR_H

#include <kernel/ipc.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>

/* Find the component that receives on each endpoint and waits on each
 * notification (the one address space whose capability has that right; none
 * when several have). Boot only, after thread_create_all(). */
void supervisor_init(void);

/* Whether `ep`'s receiving component is dead: a send or call gets PEER_DEAD. */
int supervisor_endpoint_dead(const struct endpoint *ep);

/* Whether `vs` receives on an endpoint that another component may send to. */
int supervisor_serves(const struct vspace *vs);

/* Whether an unhandled fault in `vs` restarts it (its policy allows another). */
int supervisor_will_restart(const struct vspace *vs);

/* Restart `vs` after an unhandled fault: fail its peers, reset its memory,
 * notifications it alone waits on, interrupts routed to them and every one
 * of its threads, which start again from their entry points (the glue runs
 * the init hooks again). Only when supervisor_will_restart(vs). */
void supervisor_restart(struct vspace *vs);

/* End the component of `t`, which took an unhandled fault that is not
 * restarted: `t` stops as FAULTED, the component's other threads with it, and
 * its peers are failed. Returns how many other threads were stopped. */
unsigned supervisor_end(struct thread *t);

#endif
