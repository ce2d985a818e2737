// SPDX-License-Identifier: BSD-2-Clause
/*
 * The benchmark's server: the receiving end of call and send, the replying
 * end of reply_recv, in an address space of its own. Its loop is
 * bench_serve(), which the runner's second thread also runs for the figures
 * within one address space.
 */
#include <camkes.h>
#include "../../include/ipcbench.h"

int run(void)
{
    return bench_serve(CAP_ipc);
}
