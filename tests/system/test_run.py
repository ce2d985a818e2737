# SPDX-License-Identifier: BSD-2-Clause
"""How `tessera run` ends when the system does not end it: QEMU quit by hand or
killed is a failure in one line, on every board (the kernel gives QEMU
status_base + status, board.yaml `exit:`, so QEMU's own 0 never passes for the
system's); SIGTERM or SIGHUP to tessera ends QEMU with it.
tests/system/systems/forever runs until stopped."""

import os
import signal
import time

import pexpect
import pytest

from conftest import BOARDS, BOOT_TIMEOUT, ROOT, TESSERA
from tessera.paths import DEFAULT_BOARD

FOREVER = "tests/system/systems/forever"
NO_STATUS = "without the system's exit status: it failed to start, the machine reset (a triple fault), " \
            "or it was quit by hand"


def only_child(pid: int, within: float = 5) -> int:
    """The one process `pid` started (tessera's QEMU, the shell's tessera), once it has."""
    deadline = time.monotonic() + within
    while not (children := open(f"/proc/{pid}/task/{pid}/children").read().split()):
        assert time.monotonic() < deadline, f"process {pid} started nothing"
        time.sleep(0.05)
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
    os.kill(only_child(b.child.pid), signal.SIGKILL)
    status, line = last_line(b)
    assert (status, line) == (2, f"tessera: error: QEMU ended (killed by SIGKILL) {NO_STATUS}")


def gone(pid: int, within: float) -> bool:
    """True once process `pid` has ended (and been reaped), waiting up to `within` seconds."""
    deadline = time.monotonic() + within
    while os.path.exists(f"/proc/{pid}"):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_to_tessera_ends_qemu(signum):
    """As from a user's shell: tessera is not the terminal's session leader (whose
    end would hang QEMU up anyway), so only tessera itself can end QEMU."""
    shell = pexpect.spawn("/bin/sh", ["-c", f"{TESSERA} run {FOREVER} --board {DEFAULT_BOARD} --icount; "
                                      "echo tessera exited $?; sleep 60"],
                          cwd=str(ROOT), encoding="utf-8", codec_errors="replace", timeout=BOOT_TIMEOUT)
    qemu = None
    try:
        shell.expect("ticker: running until stopped")
        tessera = only_child(shell.pid)
        qemu = only_child(tessera)
        os.kill(tessera, signum)
        shell.expect(r"tessera exited (\d+)", timeout=20)
        assert int(shell.match[1]) == 128 + signum
        assert shell.before.replace("\r", "").rstrip().endswith(f"tessera: error: stopped by {signum.name}")
        assert gone(qemu, within=10), "QEMU still runs after tessera was stopped"
    finally:
        if qemu is not None and not gone(qemu, within=0):
            os.kill(qemu, signal.SIGKILL)               # the QEMU this test started, left behind
        shell.terminate(force=True)


def test_two_tesseras_in_one_build_folder_take_turns(boot):
    first = boot(FOREVER, DEFAULT_BOARD)                # holds build/<board>/forever while QEMU runs
    first.expect("ticker: running until stopped")
    second = pexpect.spawn(TESSERA, ["build", FOREVER, "--board", DEFAULT_BOARD], cwd=str(ROOT),
                           encoding="utf-8", codec_errors="replace", timeout=BOOT_TIMEOUT)
    try:
        second.expect_exact(f"tessera: waiting for tessera (pid {first.child.pid}) to finish with "
                            f"build/{DEFAULT_BOARD}/forever", timeout=30)
        time.sleep(1)
        assert second.isalive(), "the second tessera built while the first held the folder"
        first.child.send("\x01x")                       # the first ends; the second goes on
        second.expect_exact(f"tessera: built build/{DEFAULT_BOARD}/forever/firmware.elf")
        second.expect(pexpect.EOF)
        second.close()
        assert second.exitstatus == 0
        assert first.finish()[0] == 2
    finally:
        second.terminate(force=True)


def test_a_signal_ends_tessera_profile_not_just_a_board():
    """A signal is not one board's failure: profile stops, it does not go on to the next."""
    two = [b for b in BOARDS if b != DEFAULT_BOARD][:1] + [DEFAULT_BOARD]
    child = pexpect.spawn(TESSERA, ["profile", *(a for b in two for a in ("--board", b))], cwd=str(ROOT),
                          encoding="utf-8", codec_errors="replace", timeout=BOOT_TIMEOUT)
    try:
        child.expect_exact(f"profile: [1/2] {two[0]}: booting")
        qemu = only_child(child.pid)
        child.kill(signal.SIGTERM)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 128 + signal.SIGTERM
        assert child.before.replace("\r", "").rstrip().endswith("tessera: error: stopped by SIGTERM")
        assert "[2/2]" not in child.before
        assert gone(qemu, within=10)
    finally:
        child.terminate(force=True)


@pytest.mark.parametrize("board", BOARDS)
def test_a_run_that_never_returns_ends_at_the_timeout(board):
    """run() that never returns: --timeout ends it cleanly, says so, and exits 124."""
    r = pexpect.run(f"{TESSERA} run {FOREVER} --board {board} --icount --timeout 8", cwd=str(ROOT),
                    withexitstatus=True, encoding="utf-8", timeout=BOOT_TIMEOUT)
    out, status = r
    lines = [line for line in out.replace("\r", "").splitlines() if line.strip()]
    assert "ticker: running until stopped" in out
    assert (status, lines[-1]) == (124, "tessera: error: no exit after 8.0 s: the system was stopped")
