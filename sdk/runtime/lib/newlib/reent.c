// SPDX-License-Identifier: BSD-2-Clause
/*
 * newlib's per-thread state (x86_64 components; newlib is built with
 * __DYNAMIC_REENT__, sdk/tessera/newlib.py): each thread of a component has its
 * own struct _reent in thread-local storage, so errno, strtok's position and
 * the stdin/stdout/stderr streams with their buffers belong to one thread, as
 * picolibc's do on ARM. Two threads printing at once therefore never share a
 * stream's buffer; each line still reaches the console in one write.
 */
#include <reent.h>
#include <string.h>

static __thread struct _reent thread_reent;
static __thread int thread_reent_ready;

/* newlib calls this for every use of its state (_REENT), on the calling
 * thread, after the runtime has set the thread pointer (sdk/runtime/lib/start.c). */
struct _reent *__getreent(void)
{
    if (!thread_reent_ready) {
        _REENT_INIT_PTR(&thread_reent);
        thread_reent_ready = 1;
    }
    return &thread_reent;
}
