# SPDX-License-Identifier: BSD-2-Clause
"""Booting examples/hello through U-Boot on every board with a `uboot:` section
in its board.yaml (sdk/tessera/uboot.py): U-Boot's distro boot finds boot.scr
on the virtio disk, bootm starts the FIT's conf-1, the kernel runs in Hyp mode,
and QEMU exits with the system's status. Booted twice: through the Python API
(uboot.prepare() after the board's QEMU machine, built with cmake and ninja
into build/uboot-test-<board>/) and through `./tessera run --boot uboot`. Also
the refusals: a board without a `uboot:` section, and a missing build. No --icount here: under icount U-Boot's
autoboot countdown alone takes some 15 s of host time.

  /usr/bin/python3 -m pytest tests/system/test_uboot.py
"""

import subprocess
import time
from pathlib import Path

import pexpect
import pytest
from conftest import boards_where, cmake_build, ROOT, TESSERA, tessera

from tessera import boards, qemu, uboot
from tessera.errors import TesseraError

BOOT_TIMEOUT = 60                      # seconds for the whole run; a good boot takes about 2.5
UBOOT_BOARDS = boards_where(lambda board: "uboot" in board.data)
NO_UBOOT_BOARDS = boards_where(lambda board: "uboot" not in board.data)


def build(board: str) -> Path:
    """examples/hello for `board`, in the U-Boot tests' own build folder."""
    return cmake_build(board, f"uboot-test-{board}")


@pytest.fixture(scope="module", params=UBOOT_BOARDS)
def built(request) -> tuple[boards.Board, Path]:
    return boards.load(request.param), build(request.param)


def spawn_qemu(board: boards.Board, extra: list[str]) -> pexpect.spawn:
    """QEMU with the board's machine and `extra`, as `tessera run` starts it."""
    cmd = qemu.machine(board) + extra
    return pexpect.spawn(cmd[0], cmd[1:], timeout=BOOT_TIMEOUT, encoding="utf-8", codec_errors="replace")


def expect_in_order(child: pexpect.spawn, texts: list[str], deadline: float) -> None:
    for text in texts:
        left = deadline - time.monotonic()
        assert left > 0, f"out of time before {text!r}"
        try:
            child.expect_exact(text, timeout=left)
        except (pexpect.TIMEOUT, pexpect.EOF):
            pytest.fail(f"never printed {text!r}; the console ended with:\n{child.before[-2000:]}")


def uboot_boot(board: boards.Board) -> list[str]:
    """What a good boot prints, in order: U-Boot, its distro boot finding our script,
    bootm taking conf-1 at the board's load address, then the kernel in Hyp mode."""
    return [
        "U-Boot 2023.01",
        "Found U-Boot script /boot.scr",
        "Using 'conf-1' configuration",
        f"Load Address: 0x{board.data['kernel']['load_address']:08x}",
        "Starting kernel ...",
        f"Tessera 0.1.0 on {board.name}",
        "kernel in Hyp mode",
        "Hello from component 'hello'",
        "system: all control threads finished, status 0",
    ]


def run_to_the_end(child: pexpect.spawn, texts: list[str]) -> int:
    """Expect `texts` in order, then the end, within BOOT_TIMEOUT; the exit status."""
    deadline = time.monotonic() + BOOT_TIMEOUT
    try:
        expect_in_order(child, texts, deadline)
        child.expect(pexpect.EOF, timeout=max(1.0, deadline - time.monotonic()))
    finally:
        child.close(force=True)
    return child.exitstatus


def test_hello_boots_through_uboot(built):
    board, out = built
    extra = uboot.prepare(board, out)
    assert extra[:2] == ["-bios", board.data["uboot"]["bios"]]
    assert "-kernel" not in extra
    status = run_to_the_end(spawn_qemu(board, extra), uboot_boot(board))
    assert qemu.system_status(board, status) == 0, f"QEMU exit status {status}"


@pytest.mark.parametrize("board", UBOOT_BOARDS)
def test_tessera_run_boot_uboot(board):
    child = pexpect.spawn(TESSERA, ["run", "examples/hello", "--board", board,
                                    "--boot", "uboot", "--timeout", str(BOOT_TIMEOUT)],
                          cwd=str(ROOT), encoding="utf-8", codec_errors="replace",
                          timeout=BOOT_TIMEOUT + 240)   # + building
    status = run_to_the_end(child, ["tessera: built", *uboot_boot(boards.load(board))])
    assert status == 0, f"./tessera run exit status {status}"


def test_disk_holds_script_and_fit(built, tmp_path):
    board, out = built
    uboot.prepare(board, out)
    disk = out / uboot.DISK_NAME
    table = subprocess.run(["/usr/sbin/sfdisk", "--dump", str(disk)], capture_output=True,
                           text=True, timeout=30).stdout
    assert "label: dos" in table
    assert "start=        2048" in table and "bootable" in table
    copy = tmp_path / "firmware.itb"
    done = subprocess.run(["mcopy", "-i", f"{disk}@@1M", "::/firmware.itb", str(copy)],
                          capture_output=True, text=True, timeout=30,
                          env={"MTOOLS_SKIP_CHECK": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert copy.read_bytes() == (out / "firmware.itb").read_bytes()
    script = (out / "uboot" / "boot.cmd").read_text()
    assert "bootm ${kernel_addr_r}#conf-1 - ${fdtcontroladdr}" in script


@pytest.mark.parametrize("board", NO_UBOOT_BOARDS)
def test_a_board_without_uboot_has_no_path(board, tmp_path):
    with pytest.raises(TesseraError) as err:
        uboot.prepare(boards.load(board), tmp_path)
    message = str(err.value)
    assert message.startswith(f"board {board} has no U-Boot boot path") and "\n" not in message
    assert not (tmp_path / uboot.DISK_NAME).exists()


@pytest.mark.parametrize("board", NO_UBOOT_BOARDS[:1])
def test_tessera_run_refuses_uboot_without_it(board):
    r = tessera("run", "--board", board, "--boot", "uboot", timeout=300)
    assert r.returncode == 1
    assert r.stderr.endswith(f"tessera: error: board {board} has no U-Boot boot path (no 'uboot:' section "
                             f"in boards/{board}/board.yaml); boot it with -kernel firmware.elf "
                             "(docs/boot.md)\n")
    assert "Traceback" not in r.stderr and "U-Boot" not in r.stdout


def test_missing_tool_is_named(built, monkeypatch, tmp_path):
    board, out = built
    monkeypatch.setenv("PATH", str(tmp_path))          # an empty folder: no mkimage on PATH
    with pytest.raises(TesseraError) as err:
        uboot.prepare(board, out)
    assert str(err.value) == "'mkimage' not found: install the Debian package u-boot-tools"


def test_unbuilt_directory_is_refused(tmp_path):
    with pytest.raises(TesseraError, match=r"firmware\.itb not found: build the firmware"):
        uboot.prepare(boards.load(UBOOT_BOARDS[0]), tmp_path)
