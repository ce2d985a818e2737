#include <stdio.h>
#include <camkes.h>
#include <camkes/error.h>

static int failed, peer_dead;

static camkes_error_action_t on_error(camkes_error_t *e)
{
    failed = 1;
    if (e->type == CE_SYSCALL_FAILED && e->error == ERR_PEER_DEAD)
        peer_dead++;
    return CEA_DISCARD;
}

/* add(a, b), retried while the server is restarting: how many tries it took. */
static int add_with_retry(int a, int b, int *result)
{
    int tries = 0;
    do {
        failed = 0;
        *result = calc_add(a, b);
        tries++;
    } while (failed && tries < 5);
    return failed ? -1 : tries;
}

int run(void)
{
    int sum;

    calc_register_error_handler(on_error);
    for (int round = 1; round <= 2; round++) {
        int tries = add_with_retry(2, 3, &sum);
        printf("client: add(2, 3) = %d in %d try\n", sum, tries);
        failed = 0;
        calc_crash();
        printf("client: crash %d: %s\n", round, failed ? "PEER_DEAD" : "no error");
    }
    int tries = add_with_retry(2, 3, &sum);
    printf("client: after 2 restarts, add(2, 3) = %d in %d try\n", sum, tries);
    printf("client: %d PEER_DEAD\n", peer_dead);
    return peer_dead == 2 && sum == 5 && tries == 1 ? 0 : 1;
}
