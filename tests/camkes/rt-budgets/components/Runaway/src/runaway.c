/* Spins for `run_ms` of wall time, measuring how much of it it got: a gap of
 * more than 2 us between two counter reads is time it did not run. Its
 * budget (30% of each millisecond) caps its share. */
#include <stdio.h>
#include <camkes.h>
#include <tessera.h>

int run(void)
{
    uint64_t freq = tessera_counter_freq();
    uint64_t gap = 2 * freq / 1000000u + 1, start = tessera_counter(), last = start;
    uint64_t end = start + (uint64_t)run_ms * freq / 1000u, ran = 0;

    while (last < end) {
        uint64_t now = tessera_counter();
        if (now - last <= gap)
            ran += now - last;
        last = now;
    }
    unsigned share = (unsigned)(ran * 100 / (last - start));
    printf("runaway: %s\n", share <= 32 ? "throttled to its budget" : "NOT THROTTLED");
    return share <= 32 ? 0 : 1;
}
