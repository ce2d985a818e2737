/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The control task: every millisecond, read the plant's output, run a PI
 * controller toward the set point, and step the plant (a first-order lag,
 * time constant 20 ms) with the controller's output. Fixed point, Q16.
 * Its summary line comes once a second (every 1000 periods) and at the end.
 */
#include <stdio.h>
#include <camkes.h>
#include <tessera.h>
#include <tessera/rt.h>

#define PERIOD_US 1000
#define Q 16
#define ONE (1 << Q)

static struct tessera_rt rt;

struct plant {
    int32_t y;                  /* output, Q16 */
};

/* y += (u - y) * dt / tau, with dt = 1 ms and tau = 20 ms. */
static void plant_step(struct plant *p, int32_t u)
{
    p->y += (int32_t)(((int64_t)(u - p->y)) / 20);
}

int run(void)
{
    struct plant plant = { 0 };
    int32_t setpoint = 10 * ONE, integral = 0;
    const int32_t kp = 2 * ONE, ki = ONE / 10;     /* Q16 gains */

    if (tessera_rt_start(&rt, CAP_timer, PERIOD_US) != 0)
        return 2;
    for (int k = 1; k <= seconds * 1000; k++) {
        tessera_rt_wait(&rt);
        if (k == 500)
            setpoint = 20 * ONE;                     /* a step half a second in */
        int32_t e = setpoint - plant.y;
        integral += (int32_t)(((int64_t)ki * e) >> Q);
        int32_t u = (int32_t)(((int64_t)kp * e) >> Q) + integral;
        plant_step(&plant, u);
        if (k % 1000 == 0 && k != seconds * 1000)
            tessera_rt_print(&rt);
    }
    tessera_rt_end(&rt);
    int32_t err = setpoint - plant.y;
    printf("control: %s set point %d\n", err < ONE / 20 && err > -ONE / 20 ? "settled at" : "NOT SETTLED at",
           (int)(setpoint >> Q));
    tessera_rt_print(&rt);
    return rt.misses == 0 ? 0 : 1;
}
