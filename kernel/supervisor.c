// SPDX-License-Identifier: BSD-2-Clause
/*
 * The supervisor, in the kernel: only the kernel holds a component's pristine
 * image (the spec's segments) and creates its threads from the spec, so a
 * restart needs no second copy of either and no component with rights over
 * the others. On a fault that nobody handles, kernel_user_fault() asks the
 * component's restart policy: restart it (supervisor_restart) or end it
 * (supervisor_end). Both fail the component's peers first, so that nobody
 * waits on it; a restart then puts back its writable memory, the state of the
 * notifications only it waits on, and its threads, which start again at their
 * entry points. A restart is synchronous: no client ever sees the component
 * half restarted. Its cost is the component's writable memory, once, plus
 * loops over the spec's threads and endpoints: bounded by the spec.
 */
#include <stddef.h>
#include <kernel/console.h>
#include <kernel/ipc.h>
#include <kernel/kernel.h>
#include <kernel/notification.h>
#include <kernel/supervisor.h>
#include <kernel/system.h>
#include <kernel/thread.h>
#include <kernel/timer.h>
#include <kernel/vspace.h>
#include <spec_limits.h>
#include <tessera/abi.h>

/* The address space that receives on each endpoint (waits on each
 * notification), SPEC_NONE when none or several do. */
static uint16_t endpoint_owner[SPEC_MAX_ENDPOINTS];
static uint16_t notification_owner[SPEC_MAX_NOTIFICATIONS];

#define SEVERAL 0xfffeu

static void claim(uint16_t *owner, unsigned vspace)
{
    if (*owner == SPEC_NONE)
        *owner = (uint16_t)vspace;
    else if (*owner != vspace)
        *owner = SEVERAL;
}

void supervisor_init(void)
{
    for (unsigned i = 0; i < spec_nendpoints; i++)
        endpoint_owner[i] = SPEC_NONE;
    for (unsigned i = 0; i < spec_nnotifications; i++)
        notification_owner[i] = SPEC_NONE;
    for (unsigned v = 0; v < spec_nvspaces; v++) {
        const struct spec_vspace *s = &spec_vspaces[v];
        for (unsigned i = 0; i < s->ncaps; i++) {
            const struct cap *c = &s->caps[i];
            if (c->type == OBJ_ENDPOINT && (c->rights & RIGHT_RECEIVE))
                claim(&endpoint_owner[c->object], v);
            else if (c->type == OBJ_NOTIFICATION && (c->rights & RIGHT_WAIT))
                claim(&notification_owner[c->object], v);
        }
    }
    for (unsigned i = 0; i < spec_nendpoints; i++)
        if (endpoint_owner[i] == SEVERAL)
            endpoint_owner[i] = SPEC_NONE;
    for (unsigned i = 0; i < spec_nnotifications; i++)
        if (notification_owner[i] == SEVERAL)
            notification_owner[i] = SPEC_NONE;
}

static unsigned vspace_index(const struct vspace *vs)
{
    return (unsigned)(vs - vspaces);
}

/* Whether an address space other than `v` may send to endpoint `e`. */
static int endpoint_clients(unsigned e, unsigned v)
{
    for (unsigned o = 0; o < spec_nvspaces; o++) {
        const struct spec_vspace *s = &spec_vspaces[o];
        for (unsigned i = 0; o != v && i < s->ncaps; i++) {
            if (s->caps[i].type == OBJ_ENDPOINT && s->caps[i].object == e && (s->caps[i].rights & RIGHT_SEND))
                return 1;
        }
    }
    return 0;
}

int supervisor_endpoint_dead(const struct endpoint *ep)
{
    uint16_t owner = endpoint_owner[ep - endpoints];

    return owner != SPEC_NONE && vspaces[owner].dead;
}

int supervisor_serves(const struct vspace *vs)
{
    unsigned v = vspace_index(vs);

    for (unsigned e = 0; e < spec_nendpoints; e++) {
        if (endpoint_owner[e] == v && endpoint_clients(e, v))
            return 1;
    }
    return 0;
}

int supervisor_will_restart(const struct vspace *vs)
{
    return !vs->dead && (vs->restart_max == SPEC_RESTART_ALWAYS || vs->restarts < vs->restart_max);
}

static int finished(const struct thread *t)
{
    return t->state == THREAD_EXITED || t->state == THREAD_FAULTED;
}

/* Nobody waits on `vs`: every caller one of its threads was to reply to, and
 * every other component's sender queued on an endpoint it receives on, gets
 * PEER_DEAD; every other thread that was to reply to one of its threads
 * learns that the caller went away (its reply is dropped). */
static void fail_peers(struct vspace *vs)
{
    unsigned v = vspace_index(vs);

    for (unsigned i = 0; i < spec_nthreads; i++) {
        struct thread *t = &threads[i];
        struct thread *rights[2] = { t->reply_to, t->fault_to };
        for (unsigned k = 0; k < 2; k++) {
            struct thread *c = rights[k];
            if (c == NULL)
                continue;
            if (t->vs == vs && c->vs != vs) {
                reply_right_drop(t, c);
                if (c->state == THREAD_BLOCKED_REPLY)
                    ipc_peer_gone(c);
            } else if (t->vs != vs && c->vs == vs) {
                reply_right_drop(t, c);
                t->reply_lost = 1;
            }
        }
    }
    for (unsigned e = 0; e < spec_nendpoints; e++) {
        if (endpoint_owner[e] != v)
            continue;
        struct thread *s = endpoints[e].senders.head;
        while (s != NULL) {
            struct thread *next = s->queue_next;
            if (s->vs != vs)
                ipc_peer_gone(s);
            s = next;
        }
    }
}

void supervisor_restart(struct vspace *vs)
{
    unsigned v = vspace_index(vs);

    fail_peers(vs);
    for (unsigned i = 0; i < spec_nthreads; i++) {
        struct thread *t = &threads[i];
        if (t->vs != vs)
            continue;
        if (finished(t) && t->spec->control)
            system_count_control();         /* it runs again: the system waits for it again */
        ipc_cancel(t);
        timer_arm(t, 0, 0, 0);
        thread_block(t, THREAD_INACTIVE);
    }
    for (unsigned n = 0; n < spec_nnotifications; n++) {
        if (notification_owner[n] == v)
            notifications[n].word = 0;      /* its waiters were its own threads */
    }
    for (unsigned i = 0; i < spec_nirqs; i++) {
        uint16_t n = spec_irqs[i].notification;
        if (n != SPEC_NONE && notification_owner[n] == v)
            arch_irq_enable(spec_irqs[i].number);   /* an interrupt it never acknowledged */
    }
    vspace_reset(vs);
    vs->restarts++;
    for (unsigned i = 0; i < spec_nthreads; i++) {
        if (threads[i].vs == vs)
            thread_restart(&threads[i]);
    }
}

unsigned supervisor_end(struct thread *t)
{
    struct vspace *vs = t->vs;
    unsigned others = 0;

    vs->dead = 1;                           /* from now on, sends and calls get PEER_DEAD */
    fail_peers(vs);
    thread_stop(t, THREAD_FAULTED, EXIT_FAULT);
    for (unsigned i = 0; i < spec_nthreads; i++) {
        struct thread *u = &threads[i];
        if (u->vs != vs || finished(u))
            continue;
        thread_stop(u, THREAD_FAULTED, EXIT_FAULT);
        others++;
    }
    return others;
}
