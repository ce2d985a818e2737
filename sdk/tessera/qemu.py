# SPDX-License-Identifier: BSD-2-Clause
"""Running a built system in QEMU, for `tessera run`, `debug` and `profile`:
the command line from the board's board.yaml, the system's exit status from
QEMU's, a run on the terminal, a run whose console is kept, and a run halted
under gdb. Failures raise TesseraError; nothing here prints or exits."""

import signal
import subprocess
from pathlib import Path

from .boards import Board
from .errors import TesseraError

ICOUNT = ["-icount", "shift=0,sleep=off"]


def exit_options(board: Board) -> list[str]:
    """The QEMU options that let the system's exit status out (board.yaml `exit:`)."""
    device = board.data["exit"]
    if device["device"] == "semihosting":
        return ["-semihosting"]
    return ["-device", f"isa-debug-exit,iobase=0x{device['port']:x},iosize=0x04"]


def machine(board: Board, icount: bool = False) -> list[str]:
    """QEMU's command line for the board, before what it boots: the board's
    binary and arguments, -icount when asked, and its exit device's options."""
    q = board.qemu
    return [q["binary"], *q["args"], *(ICOUNT if icount else []), *exit_options(board)]


def command(board: Board, out: Path, icount: bool = False, boot: str = "direct") -> list[str]:
    """QEMU's command line for the firmware in build folder `out`: machine()
    then -kernel firmware.elf (or, for boot "uboot", U-Boot with a disk
    holding firmware.itb)."""
    if boot == "uboot":
        from . import uboot
        return machine(board, icount) + uboot.prepare(board, out)
    return machine(board, icount) + ["-kernel", str(out / "firmware.elf")]


def system_status(board: Board, qemu_status: int) -> int | None:
    """The system's exit status from QEMU's, or None if the system never said
    (QEMU's own failure, a reset, a quit by hand, a signal). The kernel gives
    status_base + status: through semihosting QEMU exits with that value, through
    isa-debug-exit with (value << 1) | 1."""
    device = board.data["exit"]
    value = qemu_status
    if device["device"] == "isa-debug-exit":
        if not qemu_status & 1:
            return None
        value = qemu_status >> 1
    return value - device["status_base"] if value >= device["status_base"] else None


def run(board: Board, cmd: list[str], timeout: float = 0) -> int:
    """Run `cmd` (from command()) on this terminal until QEMU ends; the system's
    exit status. Raises TesseraError: status 124 after `timeout` seconds (0: no
    limit), status 2 when QEMU ended without the system's status. Whatever
    stops this run early (a timeout, an exception such as a signal's) ends QEMU."""
    try:
        proc = subprocess.Popen(cmd)
    except FileNotFoundError:
        raise TesseraError(f"{cmd[0]} not found; run ./tessera setup") from None
    try:
        returncode = proc.wait(timeout=timeout or None)
    except subprocess.TimeoutExpired:
        end(proc)
        raise TesseraError(f"no exit after {timeout} s: the system was stopped", 124) from None
    except BaseException:
        end(proc)
        raise
    status = system_status(board, returncode)
    if status is None:
        how = f"killed by {signal.Signals(-returncode).name}" if returncode < 0 else f"status {returncode}"
        raise TesseraError(f"QEMU ended ({how}) without the system's exit status: it failed "
                           "to start, the machine reset (a triple fault), or it was quit by hand", 2)
    return status


def end(proc: subprocess.Popen, grace: float = 5) -> None:
    """End QEMU: SIGTERM first, which lets it restore the terminal, then SIGKILL."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def run_captured(cmd: list[str], timeout: float) -> tuple[str, int | None]:
    """Run `cmd` with no input, keeping its console; (console, QEMU's exit
    status, or None if it was stopped after `timeout` seconds). Raises
    TesseraError if QEMU cannot start."""
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return (e.stdout or b"").decode("utf-8", "replace"), None
    except OSError as e:
        raise TesseraError(f"cannot start QEMU: {e}") from None
    return proc.stdout.decode("utf-8", "replace"), proc.returncode


def component_elfs(out: Path) -> list[Path]:
    """The linked components in build folder `out`, whose symbols gdb loads."""
    return sorted((out / "components").glob("*.elf"))


def gdb_command(board: Board, out: Path, port: int, batch: list[str] | None = None) -> list[str]:
    """gdb attached to QEMU's gdbstub on `port`, with the kernel's and every
    component's symbols; with `batch`, running those commands and quitting."""
    gdb = [board.qemu.get("gdb", "gdb-multiarch"), "-q", str(out / "firmware.elf"), "-ex", f"target remote :{port}"]
    # Components are linked at their own (intermediate physical) addresses; gdb
    # reads them through the current address space when stopped in a component.
    for elf in component_elfs(out):
        gdb += ["-ex", f"add-symbol-file {elf}"]
    if batch:
        gdb += ["-batch", *sum((["-ex", c] for c in batch), [])]
    return gdb


def debug(board: Board, out: Path, port: int, gdb: list[str]) -> int:
    """Start the firmware halted with QEMU's gdbstub on `port`, run `gdb` (from
    gdb_command()) on this terminal, then end QEMU; gdb's exit status."""
    qemu = subprocess.Popen(command(board, out) + ["-S", "-gdb", f"tcp::{port}"])
    try:
        return subprocess.run(gdb).returncode
    finally:
        end(qemu)
