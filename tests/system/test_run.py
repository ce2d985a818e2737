# SPDX-License-Identifier: BSD-2-Clause
"""How `tessera run` ends when the system does not end it: QEMU quit by hand or
killed is a failure in one line, on every board (the kernel gives QEMU
status_base + status, board.yaml `exit:`, so QEMU's own 0 never passes for the
system's). tests/system/systems/forever runs until stopped."""

import os
import signal

import pexpect
import pytest

from conftest import BOARDS

FOREVER = "tests/system/systems/forever"
NO_STATUS = "without the system's exit status: it failed to start, the machine reset (a triple fault), " \
            "or it was quit by hand"


def qemu_pid(tessera_pid: int) -> int:
    """The QEMU that `tessera run` (pid `tessera_pid`) started: its only child."""
    children = open(f"/proc/{tessera_pid}/task/{tessera_pid}/children").read().split()
    assert len(children) == 1, children
    return int(children[0])


def last_line(b) -> tuple[int, str]:
    status, rest = b.finish()
    lines = [line for line in rest.replace("\r", "").splitlines() if line.strip()]
    return status, lines[-1] if lines else ""


@pytest.mark.parametrize("board", BOARDS)
def test_quit_by_hand_is_a_failure(boot, board):
    b = boot(FOREVER, board)
    b.expect("ticker: running until stopped")
    b.child.send("\x01x")                               # QEMU's Ctrl-A X
    status, line = last_line(b)
    assert (status, line) == (2, f"tessera: error: QEMU ended (status 0) {NO_STATUS}")


@pytest.mark.parametrize("board", BOARDS)
def test_qemu_killed_is_a_failure(boot, board):
    b = boot(FOREVER, board)
    b.expect("ticker: running until stopped")
    os.kill(qemu_pid(b.child.pid), signal.SIGKILL)
    status, line = last_line(b)
    assert (status, line) == (2, f"tessera: error: QEMU ended (killed by SIGKILL) {NO_STATUS}")
