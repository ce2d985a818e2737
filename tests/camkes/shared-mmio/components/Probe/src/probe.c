#include <stdint.h>
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    const volatile uint32_t *r = (const volatile uint32_t *)regs;
    /* PL011 UARTPeriphID0..3 at 0xfe0..0xfec */
    printf("%s: PL011 peripheral id %02x %02x\n", get_instance_name(), (unsigned)(r[0xfe0 / 4] & 0xff),
           (unsigned)(r[0xfe4 / 4] & 0xff));
    return 0;
}
