// SPDX-License-Identifier: BSD-2-Clause
/*
 * kernel/cap.c: a lookup checks the index (in range, slot not empty), then the
 * object type, then every requested right, and reports the first check that
 * failed; on failure it leaves *out alone.
 */
#include <kernel/cap.h>
#include <tessera/abi.h>
#include "unit.h"

static const struct cap untouched;

static int lookup(const struct thread *t, uintptr_t index, unsigned type, unsigned rights,
                  const struct cap **out)
{
    *out = &untouched;
    return cap_lookup(t, index, type, rights, out);
}

static void found_with_its_badge_and_object(void **state)
{
    const struct cap *c;
    (void)state;

    assert_int_equal(lookup(CLIENT, CAP_CALL, OBJ_ENDPOINT, RIGHT_SEND | RIGHT_GRANT, &c), ERR_OK);
    assert_ptr_equal(c, &fake_client_caps[CAP_CALL]);
    assert_int_equal(c->badge, 0x11);
    assert_int_equal(c->object, 0);

    assert_int_equal(lookup(CLIENT, CAP_WORKER, OBJ_THREAD, RIGHT_CONTROL, &c), ERR_OK);
    assert_int_equal(c->object, T_WORKER);
}

static void no_rights_asked_is_only_a_type_check(void **state)
{
    const struct cap *c;
    (void)state;

    assert_int_equal(lookup(CLIENT, CAP_SEND, OBJ_ENDPOINT, 0, &c), ERR_OK);
    assert_ptr_equal(c, &fake_client_caps[CAP_SEND]);
}

static void each_thread_uses_its_own_address_spaces_table(void **state)
{
    const struct cap *c;
    (void)state;

    /* Slot 0 is a SEND | GRANT endpoint for the client, a RECEIVE one for the server. */
    assert_int_equal(lookup(SERVER, 0, OBJ_ENDPOINT, RIGHT_RECEIVE, &c), ERR_OK);
    assert_ptr_equal(c, &fake_server_caps[0]);
    assert_int_equal(lookup(SERVER, 0, OBJ_ENDPOINT, RIGHT_SEND, &c), ERR_MISSING_RIGHT);
    assert_int_equal(lookup(CLIENT, 0, OBJ_ENDPOINT, RIGHT_RECEIVE, &c), ERR_MISSING_RIGHT);
    assert_int_equal(lookup(WORKER, 0, OBJ_ENDPOINT, RIGHT_SEND, &c), ERR_OK);
    /* The server's table has two slots: the client's slot 3 is out of it. */
    assert_int_equal(lookup(SERVER, CAP_SIGNAL, OBJ_NOTIFICATION, 0, &c), ERR_INVALID_CAP);
}

static void index_out_of_range_is_invalid(void **state)
{
    const struct cap *c;
    (void)state;
    const uintptr_t bad[] = {
        FAKE_CLIENT_NCAPS, FAKE_CLIENT_NCAPS + 1, 0x7fffffff, 0x80000000, 0xffffffff,
        UINTPTR_MAX, UINTPTR_MAX - FAKE_CLIENT_NCAPS + 1,
        (uintptr_t)-1 / sizeof(struct cap) + 1,      /* index * sizeof(cap) wraps to 0 */
    };

    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(lookup(CLIENT, bad[i], OBJ_ENDPOINT, RIGHT_SEND, &c), ERR_INVALID_CAP);
        assert_ptr_equal(c, &untouched);
    }
    assert_int_equal(lookup(CLIENT, FAKE_CLIENT_NCAPS - 1, OBJ_IRQ, RIGHT_ACK, &c), ERR_OK);
}

static void empty_slot_is_invalid_whatever_is_asked(void **state)
{
    const struct cap *c;
    (void)state;

    assert_int_equal(lookup(CLIENT, CAP_EMPTY, OBJ_ENDPOINT, RIGHT_SEND, &c), ERR_INVALID_CAP);
    assert_int_equal(lookup(CLIENT, CAP_EMPTY, OBJ_EMPTY, 0, &c), ERR_INVALID_CAP);
    assert_ptr_equal(c, &untouched);
}

static void empty_slot_keeps_its_stale_rights_out(void **state)
{
    const struct cap *c;
    (void)state;

    /* An empty slot is empty whatever else its entry holds. */
    fake_client_caps[CAP_EMPTY] = (struct cap){ OBJ_EMPTY, RIGHT_SEND, 0, 0x99 };
    assert_int_equal(lookup(CLIENT, CAP_EMPTY, OBJ_EMPTY, RIGHT_SEND, &c), ERR_INVALID_CAP);
    assert_ptr_equal(c, &untouched);
}

static void wrong_type_comes_before_rights(void **state)
{
    const struct cap *c;
    (void)state;

    assert_int_equal(lookup(CLIENT, CAP_SIGNAL, OBJ_ENDPOINT, RIGHT_SEND, &c), ERR_WRONG_TYPE);
    assert_int_equal(lookup(CLIENT, CAP_CALL, OBJ_NOTIFICATION, RIGHT_SEND, &c), ERR_WRONG_TYPE);
    assert_int_equal(lookup(CLIENT, CAP_IRQ, OBJ_THREAD, RIGHT_CONTROL, &c), ERR_WRONG_TYPE);
    assert_int_equal(lookup(CLIENT, CAP_WORKER, OBJ_IRQ, RIGHT_ACK, &c), ERR_WRONG_TYPE);
    assert_ptr_equal(c, &untouched);
}

static void missing_either_of_two_rights(void **state)
{
    const struct cap *c;
    (void)state;

    /* CAP_SEND has SEND only; a call needs SEND and GRANT. */
    assert_int_equal(lookup(CLIENT, CAP_SEND, OBJ_ENDPOINT, RIGHT_SEND | RIGHT_GRANT, &c),
                     ERR_MISSING_RIGHT);
    assert_ptr_equal(c, &untouched);
    fake_client_caps[CAP_SEND].rights = RIGHT_GRANT;
    assert_int_equal(lookup(CLIENT, CAP_SEND, OBJ_ENDPOINT, RIGHT_SEND | RIGHT_GRANT, &c),
                     ERR_MISSING_RIGHT);
    fake_client_caps[CAP_SEND].rights = RIGHT_GRANT | RIGHT_SEND;
    assert_int_equal(lookup(CLIENT, CAP_SEND, OBJ_ENDPOINT, RIGHT_SEND | RIGHT_GRANT, &c),
                     ERR_OK);
    assert_ptr_equal(c, &fake_client_caps[CAP_SEND]);
}

static void more_rights_than_asked_is_fine(void **state)
{
    const struct cap *c;
    (void)state;

    assert_int_equal(lookup(CLIENT, CAP_CALL, OBJ_ENDPOINT, RIGHT_GRANT, &c), ERR_OK);
    assert_int_equal(lookup(CLIENT, CAP_CALL, OBJ_ENDPOINT, RIGHT_RECEIVE, &c), ERR_MISSING_RIGHT);
    assert_int_equal(lookup(CLIENT, CAP_SIGNAL, OBJ_NOTIFICATION, RIGHT_WAIT, &c), ERR_MISSING_RIGHT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(found_with_its_badge_and_object, unit_setup),
        cmocka_unit_test_setup(no_rights_asked_is_only_a_type_check, unit_setup),
        cmocka_unit_test_setup(each_thread_uses_its_own_address_spaces_table, unit_setup),
        cmocka_unit_test_setup(index_out_of_range_is_invalid, unit_setup),
        cmocka_unit_test_setup(empty_slot_is_invalid_whatever_is_asked, unit_setup),
        cmocka_unit_test_setup(empty_slot_keeps_its_stale_rights_out, unit_setup),
        cmocka_unit_test_setup(wrong_type_comes_before_rights, unit_setup),
        cmocka_unit_test_setup(missing_either_of_two_rights, unit_setup),
        cmocka_unit_test_setup(more_rights_than_asked_is_fine, unit_setup),
    };
    unit_filter_from_env();
    return cmocka_run_group_tests_name("cap", tests, NULL, NULL);
}
