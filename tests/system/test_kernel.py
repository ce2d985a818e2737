# SPDX-License-Identifier: BSD-2-Clause
"""On-target kernel tests: tests/system/systems/kernel's runner drives every
system call and error code on each board and prints a line per test ID.
Every ID below must report ok. The system's status is 1 because its last test
leaves the crasher stopped on a fault, on purpose."""

import pytest

from conftest import BOARDS, board_arch

TEST_IDS = [
    "IPC0001", "IPC0002", "IPC0003", "IPC0004", "IPC0005", "IPC0006", "FAST0001", "FAST0002", "FAST0005",
    "FAST0006", "FAST0007", "FAST0008", "FAST0010", "FAST0011", "CAP0001", "CAP0002", "CAP0003", "MSG0001",
    "IPC0007", "SYS0001", "SCHED0001", "NTFN0001", "NTFN0002", "NTFN0003", "TMR0001", "TMR0002", "SCHED0002",
    "FAST0003", "FAST0009", "SCHED0003", "FAST0012", "THREAD0001", "FLT0001", "FAST0004", "FLT0002", "FLT0003",
    "FLT0005", "FLT0004",
]


def expected_ids(board: str) -> list[str]:
    """FPU0001 (lazy FPU switching) only where components have FPU registers to
    switch: x86_64 (the ARM components are soft-float)."""
    if board_arch(board) != "x86_64":
        return TEST_IDS
    i = TEST_IDS.index("FAST0011") + 1
    return TEST_IDS[:i] + ["FPU0001"] + TEST_IDS[i:]


@pytest.mark.parametrize("board", BOARDS)
def test_kernel_system_calls(boot, board):
    b = boot("tests/system/systems/kernel", board)
    for test_id in expected_ids(board):
        line = b.expect(rf"TEST {test_id} (ok|FAIL: [^\r\n]*)")
        assert line == f"TEST {test_id} ok", line
    b.expect(rf"kernel tests: {len(expected_ids(board))} passed, 0 failed")
    b.expect(r"all control threads finished, status 1")
    status, rest = b.finish()
    console = "".join(b.log) + rest
    assert "client2: call err 0 sum 10 badge 2; timer_set without a timer: 2" in console
    assert "fault: thread crasher.control left stopped by its fault handler" in console
    assert "crasher: resumed after the far data abort" in console       # FLT0005 resumed it
    assert "spinner: stopped" in console
    assert "must not get here" not in console
    assert status == 1


@pytest.mark.parametrize("board", BOARDS)
def test_deadlock_is_reported(boot, board):
    b = boot("tests/system/systems/deadlock", board)
    b.expect(r"waiter: waiting for ever")
    b.expect(r"system: deadlock: no thread can run and nothing can wake one")
    b.expect(r"waiter.control: waiting on a notification")
    status, _ = b.finish()
    assert status == 3
