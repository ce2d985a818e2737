#include <stdio.h>
#include <camkes.h>
#include <camkes/error.h>

static int errors, peer_dead;

static camkes_error_action_t on_error(camkes_error_t *e)
{
    errors++;
    if (e->type == CE_SYSCALL_FAILED && e->error == ERR_PEER_DEAD)
        peer_dead++;
    printf("client: %s failed: %s\n", e->filename, e->description);
    return CEA_DISCARD;
}

int run(void)
{
    tessera_timer_set(1000, 1000);              /* a timer running all along */
    calc_register_error_handler(on_error);
    printf("client: add(2, 3) = %d\n", calc_add(2, 3));
    calc_crash();
    for (int i = 0; i < 3; i++)
        printf("client: add(2, 3) after the crash = %d\n", calc_add(2, 3));
    printf("client: %d errors, %d of them PEER_DEAD, no hang\n", errors, peer_dead);
    tessera_timer_set(0, 0);
    return errors == 4 && peer_dead == 4 ? 0 : 1;
}
