/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Marshalling for the generated RPC glue (templates/connectors/rpc.c.j2,
 * sdk/tessera/marshal.py). A message is one word a value for the method's
 * one-word scalars and for each string's length and each array's element
 * count, in the order of the parameters (MR0-MR3 in registers, moved straight
 * between them and the stub's and the server's locals by the generated code,
 * any further words in the IPC buffer at their index), then, from the word
 * after the last of those, the bytes: each string's (with its NUL) and each
 * array's elements, and any scalar wider than a word, each aligned to its
 * type within the message. A message is at most MSG_MAX_WORDS words.
 *
 * The bytes are written and read here through a tessera_rpc_buf_t whose base
 * is message word 0: written once into the IPC buffer (the words of them that
 * fall in MR0-MR3 then go into the registers), and read in place on the
 * client and from the server's copy of the request, taken once (MR0-MR3, then
 * one memcpy of the words sent), so that an implementation that makes calls of
 * its own through its thread's IPC buffer cannot overwrite its arguments.
 * Nothing is ever written or read past the message: a value that does not fit
 * sets `err`, and the glue refuses the call instead of sending a cut message.
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
    uint8_t *base;                  /* message word 0 */
    size_t pos;                     /* the next byte */
    size_t len;                     /* bytes that may be used (writing) or hold data (reading) */
    int err;
} tessera_rpc_buf_t;

/* Write a message's bytes in this thread's IPC buffer, from word `first` on
 * (the words before it are the scalars, which the glue puts in the message). */
static inline void tessera_rpc_begin(tessera_rpc_buf_t *b, size_t first)
{
    b->base = (uint8_t *)tessera_ipc_buffer();
    b->pos = first * sizeof(uintptr_t);
    b->len = TESSERA_RPC_BYTES;
    b->err = 0;
}

/* The message's length in words, once its bytes are written; those of its
 * words from `first` to MR3 go into m's registers, where they travel. */
static inline size_t tessera_rpc_finish(const tessera_rpc_buf_t *b, tessera_msg_t *m, size_t first)
{
    const uintptr_t *w = (const uintptr_t *)b->base;

    for (size_t i = first; i < MSG_REGISTER_WORDS; i++)
        m->mr[i] = w[i];
    return (b->pos + sizeof(uintptr_t) - 1) / sizeof(uintptr_t);
}

/* Read the bytes of the message `m` announced, from word `first` on: in
 * place in the IPC buffer when `copy` is NULL (its words `first` to MR3 are
 * stored there), else from a copy into `copy` (MSG_MAX_WORDS words) of words
 * `first` to MR3 and then, in one memcpy, of just the words sent that the IPC
 * buffer holds. err is set when the message is shorter than `first` words. */
static inline void tessera_rpc_open(tessera_rpc_buf_t *b, const tessera_msg_t *m, size_t first, uintptr_t *copy)
{
    uintptr_t *ipc = tessera_ipc_buffer();
    uintptr_t *w = copy != NULL ? copy : ipc;
    size_t n = MSG_LENGTH(m->info);
    size_t from = first > MSG_REGISTER_WORDS ? first : MSG_REGISTER_WORDS;

    if (n > MSG_MAX_WORDS)
        n = MSG_MAX_WORDS;
    for (size_t i = first; i < MSG_REGISTER_WORDS; i++)
        w[i] = m->mr[i];
    if (copy != NULL && n > from)
        memcpy(copy + from, ipc + from, (n - from) * sizeof(uintptr_t));
    b->base = (uint8_t *)w;
    b->pos = first * sizeof(uintptr_t);
    b->len = n * sizeof(uintptr_t);
    b->err = n < first;
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

/* A scalar wider than a word (or not one to convert to a word), among the bytes. */
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

/* `count` elements of `size` bytes among the bytes; returns `count`, the
 * word that goes in the message. */
static inline size_t tessera_rpc_put_array(tessera_rpc_buf_t *b, const void *v, size_t count, size_t size,
                                           size_t align)
{
    if (count != 0 && size > (TESSERA_RPC_BYTES / count)) {
        b->err = 1;
        return 0;
    }
    tessera_rpc_put(b, v, count * size, align);
    return count;
}

/* The `n` elements the message's word announced, in place (valid until the
 * buffer is reused); *count their number (0 with err when they are not there). */
static inline const void *tessera_rpc_view_array(tessera_rpc_buf_t *b, uintptr_t n, size_t *count, size_t size,
                                                 size_t align)
{
    const void *v = (n != 0 && size > TESSERA_RPC_BYTES / n) ? NULL : tessera_rpc_room(b, n * size, align);
    if (v == NULL) {
        b->err = 1;
        *count = 0;
        return NULL;
    }
    *count = n;
    return v;
}

/* A malloc'd copy of the array (NULL and err when it is not there or memory runs out). */
static inline void *tessera_rpc_get_array(tessera_rpc_buf_t *b, uintptr_t n, size_t *count, size_t size,
                                          size_t align)
{
    const void *v = tessera_rpc_view_array(b, n, count, size, align);
    void *copy = (v == NULL) ? NULL : malloc(*count * size + 1);
    if (copy == NULL) {
        b->err = 1;
        *count = 0;
        return NULL;
    }
    memcpy(copy, v, *count * size);
    return copy;
}

/* A string's bytes and its NUL; returns its length with the NUL, the word
 * that goes in the message. NULL travels as "". */
static inline size_t tessera_rpc_put_string(tessera_rpc_buf_t *b, const char *s)
{
    if (s == NULL)
        s = "";
    return tessera_rpc_put_array(b, s, strlen(s) + 1, 1, 1);
}

/* The string of `n` bytes (with its NUL) the message's word announced, in
 * place; NULL (and err) unless it is there and NUL-terminated. */
static inline const char *tessera_rpc_view_string(tessera_rpc_buf_t *b, uintptr_t n)
{
    size_t count;
    const char *s = (const char *)tessera_rpc_view_array(b, n, &count, 1, 1);
    if (s == NULL || n == 0 || s[n - 1] != '\0') {
        b->err = 1;
        return NULL;
    }
    return s;
}

static inline char *tessera_rpc_get_string(tessera_rpc_buf_t *b, uintptr_t n)
{
    size_t count;
    char *copy = (char *)tessera_rpc_get_array(b, n, &count, 1, 1);
    if (copy != NULL && (n == 0 || copy[n - 1] != '\0')) {
        free(copy);
        copy = NULL;
        b->err = 1;
    }
    return copy;
}

/* An array of strings among the bytes: each string's length (a size_t) and
 * its bytes. Returns `count`, the word that goes in the message. */
static inline size_t tessera_rpc_put_strings(tessera_rpc_buf_t *b, char *const *v, size_t count)
{
    for (size_t i = 0; i < count && !b->err; i++) {
        const char *s = v[i] == NULL ? "" : v[i];
        size_t n = strlen(s) + 1;
        tessera_rpc_put(b, &n, sizeof(n), _Alignof(size_t));
        tessera_rpc_put(b, s, n, 1);
    }
    return count;
}

/* The `n` strings the message's word announced, in place, in a malloc'd
 * array of pointers (free the array only); *count their number. */
static inline char **tessera_rpc_view_strings(tessera_rpc_buf_t *b, uintptr_t n, size_t *count)
{
    /* each string takes at least its length and its NUL */
    char **v = (b->err || n > TESSERA_RPC_BYTES / (sizeof(size_t) + 1)) ? NULL : malloc(n * sizeof(char *) + 1);
    *count = 0;
    if (v == NULL) {
        b->err = 1;
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        tessera_rpc_get(b, &len, sizeof(len), _Alignof(size_t));
        v[i] = (char *)tessera_rpc_view_string(b, len);
    }
    if (b->err) {
        free(v);
        return NULL;
    }
    *count = n;
    return v;
}

/* Each string malloc'd, in a malloc'd array (tessera_rpc_free_strings frees them all). */
static inline char **tessera_rpc_get_strings(tessera_rpc_buf_t *b, uintptr_t n, size_t *count)
{
    char **v = tessera_rpc_view_strings(b, n, count);
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

/* For a hand-written client (the generated stubs call tessera_call()
 * themselves): send the message whose words b holds in the IPC buffer from
 * word 0 (tessera_rpc_begin(b, 0)) with `label`; on return, b reads the
 * reply in place. Returns 0; -1 when the server refused the request, -2 when
 * the kernel refused the call and -3 when the kernel said PEER_DEAD
 * (TESSERA_RPC_*), with the kernel's error in b->err. */
long tessera_rpc_call(unsigned cap, uintptr_t label, tessera_rpc_buf_t *b);

/* The server's side: wait for the first request on `cap`. */
void tessera_rpc_first(unsigned cap, tessera_msg_t *m);

#endif
