/* A periodic task under tessera/rt.h: `work_us` of spinning per activation,
 * `activations` times, then its summary line; 0 if it missed nothing. */
#include <stdio.h>
#include <camkes.h>
#include <tessera.h>
#include <tessera/rt.h>

static struct tessera_rt rt;

static void spin(uint64_t ticks)
{
    uint64_t end = tessera_counter() + ticks;

    while (tessera_counter() < end)
        ;
}

int run(void)
{
    uint64_t work = (uint64_t)work_us * tessera_counter_freq() / 1000000u;

    if (tessera_rt_start(&rt, CAP_timer, (uint32_t)period_us) != 0)
        return 2;
    while (rt.periods < (uint64_t)activations) {
        tessera_rt_wait(&rt);
        spin(work);
    }
    tessera_rt_end(&rt);
    printf("%s: %d activations, %s\n", get_instance_name(), activations,
           rt.misses == 0 ? "no deadline missed" : "MISSED DEADLINES");
    tessera_rt_print(&rt);
    return rt.misses == 0 ? 0 : 1;
}
