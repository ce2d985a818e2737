// SPDX-License-Identifier: BSD-2-Clause
/*
 * The prober's fault handler: records each fault in the page they share
 * (flog[0] count, flog[1] label, flog[2] address) and resumes the prober after
 * the faulting instruction, whose length the prober left in flog[3]. The
 * prober's unknown system call 0x600d ends it.
 */
#include <stdio.h>
#include <camkes.h>

#define END_CALL 0x600d

int run(void)
{
    volatile uintptr_t *l = (volatile uintptr_t *)flog;
    tessera_msg_t m = { 0 };

    tessera_recv(CAP_fault_prober, &m);
    for (;;) {
        uintptr_t label = MSG_LABEL(m.info), pc = m.mr[FAULT_MR_PC];

        if (label == FAULT_UNKNOWN_SYSCALL && m.mr[FAULT_MR_DETAIL] == END_CALL) {
            m = (tessera_msg_t){ .info = MSG_INFO(FAULT_RESUME, 1), .mr = { pc } };
            tessera_reply(&m);
            break;
        }
        l[1] = label;
        l[2] = m.mr[FAULT_MR_ADDRESS];
        l[0]++;
        m = (tessera_msg_t){ .info = MSG_INFO(FAULT_RESUME, 1), .mr = { pc + l[3] } };
        tessera_reply_recv(CAP_fault_prober, &m);
    }
    printf("warden: resumed the prober after %lu faults\n", (unsigned long)l[0]);
    return 0;
}
