# SPDX-License-Identifier: BSD-2-Clause
"""On-target interrupt tests (tests/system/systems/irq): a device interrupt
delivered through seL4HardwareInterrupt, irq_ack's masking, its errors, and
nb_recv's success path, on the ARM boards (the device is the PL011)."""

import pytest

from conftest import ARM_BOARDS

TEST_IDS = ["IPC0008", "IRQ0001", "IRQ0002", "IRQ0003"]


@pytest.mark.parametrize("board", ARM_BOARDS)
def test_interrupts(boot, board):
    b = boot("tests/system/systems/irq", board)
    for test_id in TEST_IDS:
        line = b.expect(rf"TEST {test_id} (ok|FAIL: [^\r\n]*)")
        assert line == f"TEST {test_id} ok", line
    b.expect(r"irq tests: 0 failed")
    status, _ = b.finish()
    assert status == 0
