// SPDX-License-Identifier: BSD-2-Clause
/*
 * The message-moving half of the RPC glue (sdk/runtime/include/tessera/rpc.h): the
 * first MSG_REGISTER_WORDS words of a message travel in registers, the rest in
 * the IPC buffer, and the glue only ever sees one flat buffer.
 */
#include <stdio.h>
#include <tessera/rpc.h>

static size_t words(const tessera_rpc_buf_t *b)
{
    return (b->pos + sizeof(uintptr_t) - 1) / sizeof(uintptr_t);
}

long tessera_rpc_call(unsigned cap, uintptr_t label, tessera_rpc_buf_t *b)
{
    uintptr_t *ipc = tessera_ipc_buffer();
    size_t n = words(b);
    tessera_msg_t m;

    m.info = MSG_INFO(label, n);
    for (unsigned i = 0; i < MSG_REGISTER_WORDS; i++)
        m.mr[i] = ipc[i];
    m.badge = 0;
    long err = tessera_call(cap, &m);
    if (err != ERR_OK) {
        b->err = (int)err;              /* the kernel's error code, for tessera_rpc_fail_kernel() */
        return err == ERR_PEER_DEAD ? TESSERA_RPC_E_PEER_DEAD : TESSERA_RPC_E_KERNEL;
    }
    for (unsigned i = 0; i < MSG_REGISTER_WORDS; i++)
        ipc[i] = m.mr[i];
    b->pos = 0;
    b->len = MSG_LENGTH(m.info) * sizeof(uintptr_t);
    b->err = 0;
    if (MSG_LABEL(m.info) != TESSERA_RPC_OK)
        return TESSERA_RPC_E_SERVER;
    return TESSERA_RPC_OK;
}

void tessera_rpc_first(unsigned cap, tessera_msg_t *m)
{
    m->info = 0;
    tessera_recv(cap, m);
}

/* The request's words: MR0-MR3 from `m`, the rest in one copy of just the
 * words sent (word-at-a-time memcpy on ARM: sdk/runtime/lib/arm/string.c). */
void tessera_rpc_request(const tessera_msg_t *m, uintptr_t *req, tessera_rpc_buf_t *in)
{
    size_t n = MSG_LENGTH(m->info);

    for (unsigned i = 0; i < MSG_REGISTER_WORDS; i++)
        req[i] = m->mr[i];
    if (n > MSG_REGISTER_WORDS)
        memcpy(req + MSG_REGISTER_WORDS, (const uintptr_t *)tessera_ipc_buffer() + MSG_REGISTER_WORDS,
               (n - MSG_REGISTER_WORDS) * sizeof(uintptr_t));
    in->base = (uint8_t *)req;
    in->pos = 0;
    in->len = n * sizeof(uintptr_t);
    in->err = 0;
}

void tessera_rpc_reply_message(int status, tessera_rpc_buf_t *out, tessera_msg_t *m)
{
    const uintptr_t *ipc = tessera_ipc_buffer();
    size_t n = (status == 0) ? words(out) : 0;

    m->info = MSG_INFO(status == 0 ? TESSERA_RPC_OK : TESSERA_RPC_REFUSED, n);
    for (unsigned i = 0; i < MSG_REGISTER_WORDS; i++)
        m->mr[i] = ipc[i];
}
