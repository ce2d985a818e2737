// SPDX-License-Identifier: BSD-2-Clause
/*
 * kernel/console.c: what components write reaches the UART a whole line at a
 * time, per address space, so that two sources never interleave inside a
 * line; a partial line (a prompt) appears once idle; the kernel's own output
 * comes after what was written before it, on a line of its own.
 */
#include <string.h>
#include <kernel/console.h>
#include "unit.h"

static void flush(void)
{
    console_write("", 0);               /* the kernel's output flushes partial lines */
    fake_console_len = 0;
    fake_console[0] = '\0';
}

static void lines_from_two_sources_never_interleave(void **state)
{
    (void)state;
    console_user_write(0, "hel", 3);
    console_user_write(1, "guest ", 6);
    console_user_write(0, "lo\n", 3);
    assert_string_equal(fake_console, "hello\r\n");
    console_user_write(1, "line\n", 5);
    assert_string_equal(fake_console, "hello\r\nguest line\r\n");
    flush();
}

static void a_partial_line_appears_when_idle(void **state)
{
    (void)state;
    console_user_write(1, "~ # ", 4);
    for (unsigned i = 0; i < 19; i++)
        console_tick();
    assert_int_equal(fake_console_len, 0);
    console_tick();                     /* 20 ms at 1 kHz */
    assert_string_equal(fake_console, "~ # ");
    console_user_write(1, "ls", 2);     /* its own echo continues the line */
    console_tick();
    console_user_write(0, "tick\n", 5); /* another source starts a new line */
    assert_string_equal(fake_console, "~ # \r\ntick\r\n");
    flush();
}

static void a_full_buffer_is_written_out(void **state)
{
    char buf[400];

    (void)state;
    memset(buf, 'x', sizeof(buf));
    console_user_write(0, buf, sizeof(buf));
    assert_true(fake_console_len >= 320);       /* two full 160-byte lines */
    assert_true(fake_console_len < 400);
    flush();
    assert_int_equal(fake_console_len, 0);
}

static void kernel_output_follows_pending_lines(void **state)
{
    (void)state;
    console_user_write(0, "done", 4);
    kprintf("system: end\n");
    assert_string_equal(fake_console, "done\r\nsystem: end\r\n");
    flush();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(lines_from_two_sources_never_interleave, unit_setup),
        cmocka_unit_test_setup(a_partial_line_appears_when_idle, unit_setup),
        cmocka_unit_test_setup(a_full_buffer_is_written_out, unit_setup),
        cmocka_unit_test_setup(kernel_output_follows_pending_lines, unit_setup),
    };
    unit_filter_from_env();
    return cmocka_run_group_tests_name("console", tests, NULL, NULL);
}
