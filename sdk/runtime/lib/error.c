// SPDX-License-Identifier: BSD-2-Clause
/*
 * The glue's error path (camkes/error.h): an interface's own handler, else
 * the component's, else print what failed and discard.
 */
#include <stdio.h>
#include <camkes/error.h>
#include <tessera/rpc.h>

static camkes_error_handler_t component_handler;

/* Where the calling component's handler is kept: a group's glue
 * (templates/group.c.j2) keeps one per member, and gives the calling thread's. */
__attribute__((weak)) camkes_error_handler_t *tessera_error_handler_slot(void)
{
    return &component_handler;
}

camkes_error_handler_t camkes_register_error_handler(camkes_error_handler_t handler)
{
    camkes_error_handler_t *slot = tessera_error_handler_slot();
    camkes_error_handler_t previous = *slot;
    *slot = handler;
    return previous;
}

/* The interface's own handler, else the component's, else a printed line
 * (unless `quiet`) and CEA_DISCARD; a handler that aborts or halts ends the
 * calling thread. */
static camkes_error_action_t dispatch(camkes_error_handler_t own, camkes_error_t *error, int quiet)
{
    camkes_error_handler_t handler = own != NULL ? own : *tessera_error_handler_slot();

    if (handler == NULL) {
        if (!quiet)
            printf("%s: %s failed: %s\n", error->instance, error->filename, error->description);
        return CEA_DISCARD;
    }
    camkes_error_action_t action = handler(error);
    if (action == CEA_ABORT || action == CEA_HALT)
        tessera_thread_exit(1);
    return action;
}

camkes_error_action_t tessera_rpc_fail_kernel(camkes_error_handler_t own, const char *iface, const char *function,
                                              long err)
{
    const char *why = err == ERR_PEER_DEAD ? "the server is dead or was restarted (PEER_DEAD)"
                                           : "the kernel refused the call";
    camkes_error_t error = {
        .type = CE_SYSCALL_FAILED, .instance = tessera_instance_name(), .interface = iface, .description = why,
        .filename = function, .lineno = 0, .syscall = SYS_CALL, .error = (int)err,
    };
    return dispatch(own, &error, 0);
}

camkes_error_action_t tessera_rpc_fail(camkes_error_handler_t own, camkes_error_type_t type, const char *iface,
                                       const char *function, const char *why, int quiet)
{
    camkes_error_t error = {
        .type = type, .instance = tessera_instance_name(), .interface = iface, .description = why,
        .filename = function, .lineno = 0,
    };
    return dispatch(own, &error, quiet);
}
