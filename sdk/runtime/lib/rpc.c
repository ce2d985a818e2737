// SPDX-License-Identifier: BSD-2-Clause
/*
 * The message-moving half of the RPC glue (sdk/runtime/include/tessera/rpc.h):
 * the first MSG_REGISTER_WORDS words of a message travel in registers, the
 * rest in the IPC buffer. The generated stubs and servers move a message's
 * scalars between the registers and their locals themselves, and their bytes
 * with rpc.h's inline functions; what is here serves hand-written code.
 */
#include <stdio.h>
#include <tessera/rpc.h>

long tessera_rpc_call(unsigned cap, uintptr_t label, tessera_rpc_buf_t *b)
{
    tessera_msg_t m = { 0 };

    m.info = MSG_INFO(label, tessera_rpc_finish(b, &m, 0));
    long err = tessera_call(cap, &m);
    if (err != ERR_OK) {
        b->err = (int)err;              /* the kernel's error code, for tessera_rpc_fail_kernel() */
        return err == ERR_PEER_DEAD ? TESSERA_RPC_E_PEER_DEAD : TESSERA_RPC_E_KERNEL;
    }
    tessera_rpc_open(b, &m, 0, NULL);
    if (MSG_LABEL(m.info) != TESSERA_RPC_OK)
        return TESSERA_RPC_E_SERVER;
    return TESSERA_RPC_OK;
}

void tessera_rpc_first(unsigned cap, tessera_msg_t *m)
{
    m->info = 0;
    tessera_recv(cap, m);
}
