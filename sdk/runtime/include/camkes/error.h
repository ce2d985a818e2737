/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CAmkES's error handling for the generated glue: what went wrong (an RPC
 * message that does not fit or is malformed, a kernel call that failed), the
 * handler a component registers for all its interfaces or for one, and what
 * the handler tells the glue to do. As CAmkES names them.
 *
 * Tessera: with no handler registered, the glue prints what failed and goes
 * on as CEA_DISCARD (the call returns zeroes; a server refuses the request);
 * CEA_IGNORE is CEA_DISCARD where the glue cannot go on; CEA_ABORT and
 * CEA_HALT end the calling thread with status 1 (a component cannot halt the
 * whole system).
 */
#ifndef CAMKES_ERROR_H
#define CAMKES_ERROR_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    CE_NO_ERROR = 0,
    CE_BUFFER_LENGTH_EXCEEDED,      /* a message would not fit */
    CE_INVALID_METHOD_INDEX,        /* a request for a method the interface does not have */
    CE_MALFORMED_RPC_PAYLOAD,       /* a request or reply that does not unmarshal */
    CE_SYSCALL_FAILED,              /* the kernel refused a call; `error` ERR_PEER_DEAD: the server is dead or was restarted */
    CE_ALLOCATION_FAILURE,          /* the glue could not allocate memory */
} camkes_error_type_t;

typedef struct {
    camkes_error_type_t type;
    const char *instance;
    const char *interface;
    const char *description;
    const char *filename;
    long lineno;
    union {
        struct {                    /* CE_BUFFER_LENGTH_EXCEEDED */
            size_t current_length;
            size_t target_length;
        };
        struct {                    /* CE_INVALID_METHOD_INDEX */
            uint64_t lower_bound;
            uint64_t upper_bound;
            uint64_t invalid_index;
        };
        struct {                    /* CE_MALFORMED_RPC_PAYLOAD */
            size_t length;
            size_t current_index;
        };
        struct {                    /* CE_SYSCALL_FAILED */
            int syscall;
            int error;
        };
        struct {                    /* CE_ALLOCATION_FAILURE */
            size_t alloc_bytes;
        };
    };
} camkes_error_t;

typedef enum {
    CEA_DISCARD,                    /* drop the message or request: the call returns zeroes */
    CEA_IGNORE,                     /* go on as if nothing happened, where that is possible */
    CEA_ABORT,                      /* end the calling thread */
    CEA_HALT,                       /* end the calling thread (Tessera: the system goes on) */
} camkes_error_action_t;

typedef camkes_error_action_t (*camkes_error_handler_t)(camkes_error_t *error);

/* The handler for every interface without one of its own; returns the previous one. */
camkes_error_handler_t camkes_register_error_handler(camkes_error_handler_t handler);

#endif
