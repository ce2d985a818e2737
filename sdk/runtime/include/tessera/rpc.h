/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Marshalling for the generated RPC glue (templates/component.c.j2): a
 * message is built in, or read from, a buffer of MSG_MAX_WORDS words. Every
 * value is aligned to its type; a string or array is its length, then its
 * bytes. Nothing is ever written past the buffer: a value that does not fit
 * sets `err`, and the glue refuses the call instead of sending a cut message.
 *
 * The client builds its request in its own IPC buffer (words 0-3 then travel
 * in registers); the server copies each request to its stack before
 * unmarshalling (MR0-MR3, then one memcpy of just the words sent), so an
 * implementation that makes calls of its own cannot overwrite its arguments. Methods whose values are all one-word scalars do
 * not come here: their glue moves each value between a local and its message
 * word directly (sdk/tessera/marshal.py, register speed).
 */
#ifndef TESSERA_RPC_H
#define TESSERA_RPC_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tessera.h>
#include <camkes/error.h>

#define TESSERA_RPC_BYTES (MSG_MAX_WORDS * sizeof(uintptr_t))

/* Reply labels and call results: TESSERA_RPC_* in tessera/abi.h (kernel/api.yaml). */

typedef struct {
    uint8_t *base;
    size_t pos;
    size_t len;                     /* bytes that may be used (writing) or hold data (reading) */
    int err;
} tessera_rpc_buf_t;

static inline void tessera_rpc_begin(tessera_rpc_buf_t *b)
{
    b->base = (uint8_t *)tessera_ipc_buffer();
    b->pos = 0;
    b->len = TESSERA_RPC_BYTES;
    b->err = 0;
}

/* Room for n bytes aligned to `align`, or NULL (and err) when they do not fit. */
static inline void *tessera_rpc_room(tessera_rpc_buf_t *b, size_t n, size_t align)
{
    size_t at = (b->pos + align - 1) & ~(align - 1);
    if (b->err || at > b->len || n > b->len - at) {
        b->err = 1;
        return NULL;
    }
    b->pos = at + n;
    return b->base + at;
}

static inline void tessera_rpc_put(tessera_rpc_buf_t *b, const void *v, size_t n, size_t align)
{
    void *p = tessera_rpc_room(b, n, align);
    if (p != NULL && n != 0)
        memcpy(p, v, n);
}

static inline void tessera_rpc_get(tessera_rpc_buf_t *b, void *v, size_t n, size_t align)
{
    const void *p = tessera_rpc_room(b, n, align);
    if (p != NULL && n != 0)
        memcpy(v, p, n);
    else if (p == NULL)
        memset(v, 0, n);
}

/* `count` elements of `size` bytes: their number, then the elements. */
static inline void tessera_rpc_put_array(tessera_rpc_buf_t *b, const void *v, size_t count, size_t size,
                                         size_t align)
{
    if (count != 0 && size > (TESSERA_RPC_BYTES / count)) {
        b->err = 1;
        return;
    }
    tessera_rpc_put(b, &count, sizeof(count), _Alignof(size_t));
    tessera_rpc_put(b, v, count * size, align);
}

/* The elements in place (valid until the buffer is reused); *count their number. */
static inline const void *tessera_rpc_view_array(tessera_rpc_buf_t *b, size_t *count, size_t size, size_t align)
{
    size_t n = 0;
    tessera_rpc_get(b, &n, sizeof(n), _Alignof(size_t));
    if (b->err || (n != 0 && size > TESSERA_RPC_BYTES / n)) {
        b->err = 1;
        *count = 0;
        return NULL;
    }
    *count = n;
    return tessera_rpc_room(b, n * size, align);
}

/* A malloc'd copy of an array (NULL and err when it is not there or memory runs out). */
static inline void *tessera_rpc_get_array(tessera_rpc_buf_t *b, size_t *count, size_t size, size_t align)
{
    const void *v = tessera_rpc_view_array(b, count, size, align);
    void *copy = (v == NULL) ? NULL : malloc(*count * size + 1);
    if (copy == NULL) {
        b->err = 1;
        *count = 0;
        return NULL;
    }
    memcpy(copy, v, *count * size);
    return copy;
}

static inline void tessera_rpc_put_string(tessera_rpc_buf_t *b, const char *s)
{
    if (s == NULL)
        s = "";
    tessera_rpc_put_array(b, s, strlen(s) + 1, 1, 1);
}

/* A string in place; NULL (and err) unless it is there and NUL-terminated. */
static inline const char *tessera_rpc_view_string(tessera_rpc_buf_t *b)
{
    size_t n;
    const char *s = (const char *)tessera_rpc_view_array(b, &n, 1, 1);
    if (s == NULL || n == 0 || s[n - 1] != '\0') {
        b->err = 1;
        return NULL;
    }
    return s;
}

static inline char *tessera_rpc_get_string(tessera_rpc_buf_t *b)
{
    size_t n;
    char *copy = (char *)tessera_rpc_get_array(b, &n, 1, 1);
    if (copy != NULL && (n == 0 || copy[n - 1] != '\0')) {
        free(copy);
        copy = NULL;
        b->err = 1;
    }
    return copy;
}

/* An array of strings: their number, then each string. */
static inline void tessera_rpc_put_strings(tessera_rpc_buf_t *b, char *const *v, size_t count)
{
    tessera_rpc_put(b, &count, sizeof(count), _Alignof(size_t));
    for (size_t i = 0; i < count && !b->err; i++)
        tessera_rpc_put_string(b, v[i]);
}

/* The strings in place, in a malloc'd array of pointers (free the array only). */
static inline char **tessera_rpc_view_strings(tessera_rpc_buf_t *b, size_t *count)
{
    size_t n = 0;
    tessera_rpc_get(b, &n, sizeof(n), _Alignof(size_t));
    /* each string takes at least its length and its NUL */
    char **v = (b->err || n > TESSERA_RPC_BYTES / (sizeof(size_t) + 1)) ? NULL : malloc(n * sizeof(char *) + 1);
    *count = 0;
    if (v == NULL) {
        b->err = 1;
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = (char *)tessera_rpc_view_string(b);
    if (b->err) {
        free(v);
        return NULL;
    }
    *count = n;
    return v;
}

/* Each string malloc'd, in a malloc'd array (tessera_rpc_free_strings frees them all). */
static inline char **tessera_rpc_get_strings(tessera_rpc_buf_t *b, size_t *count)
{
    char **v = tessera_rpc_view_strings(b, count);
    for (size_t i = 0; v != NULL && i < *count; i++) {
        size_t len = strlen(v[i]) + 1;
        char *copy = malloc(len);
        v[i] = (copy == NULL) ? NULL : memcpy(copy, v[i], len);
        if (v[i] == NULL) {
            while (i > 0)
                free(v[--i]);
            free(v);
            v = NULL;
            *count = 0;
            b->err = 1;
        }
    }
    return v;
}

static inline void tessera_rpc_free_strings(char **v, size_t count)
{
    for (size_t i = 0; v != NULL && i < count; i++)
        free(v[i]);
    free(v);
}

/* A failure in the glue of interface `iface` (function: the stub or server
 * method): the interface's handler, else the component's
 * (camkes_register_error_handler), decides; with neither, it is printed
 * (unless `quiet`) and discarded. CEA_ABORT and CEA_HALT end the thread. */
camkes_error_action_t tessera_rpc_fail(camkes_error_handler_t own, camkes_error_type_t type, const char *iface,
                                       const char *function, const char *why, int quiet);

/* A system call of the glue failed with kernel error `err` (ERR_*): the
 * handler gets CE_SYSCALL_FAILED with `syscall` and `error` set, as CAmkES
 * gives them. ERR_PEER_DEAD says the server is dead or was restarted
 * (docs/reliability.md): a handler may have the call retried. */
camkes_error_action_t tessera_rpc_fail_kernel(camkes_error_handler_t own, const char *iface, const char *function,
                                              long err);

/* The client's side: send the request in b (built in the IPC buffer) with
 * `label`; on return, b reads the reply. Returns 0; -1 when the server
 * refused the request, -2 when the kernel refused the call and -3 when the
 * kernel said PEER_DEAD (TESSERA_RPC_*), with the kernel's error in b->err. */
long tessera_rpc_call(unsigned cap, uintptr_t label, tessera_rpc_buf_t *b);

/* The server's side: wait for the first request on `cap`. */
void tessera_rpc_first(unsigned cap, tessera_msg_t *m);

/* Copy the request that `m` announced into `req` and point `in` at it. */
void tessera_rpc_request(const tessera_msg_t *m, uintptr_t *req, tessera_rpc_buf_t *in);

/* The reply to send: `out` (or a refusal when status != 0) into `m`, whose
 * words from MR4 on are in the IPC buffer already. */
void tessera_rpc_reply_message(int status, tessera_rpc_buf_t *out, tessera_msg_t *m);


#endif
