# SPDX-License-Identifier: BSD-2-Clause
"""Shared test helpers: where the checkout is, the boards, and booting a system
through `./tessera run` under pexpect with a deterministic clock and a timeout.
The boards come from boards/*/board.yaml: a new board folder is tested too."""

import subprocess
import sys
import tempfile
from pathlib import Path

import pexpect
import pytest

ROOT = Path(__file__).resolve().parents[1]
TESSERA = str(ROOT / "tessera")
BOOT_TIMEOUT = 240          # seconds, building included

sys.path.insert(0, str(ROOT / "sdk"))

from tessera import boards     # noqa: E402


def boards_where(test=lambda board: True) -> list[str]:
    """The names of the boards in boards/ whose Board passes `test`."""
    return [name for name in boards.names() if test(boards.load(name))]


BOARDS = boards_where()                                     # every board the on-target tests boot
ARM_BOARDS = boards_where(lambda board: board.arch == "arm")


def board_arch(board: str) -> str:
    """The architecture a board's board.yaml names (for per-architecture wording)."""
    return boards.load(board).arch


class Boot:
    """A system booting under `./tessera run --icount`: expect() its console, then finish()."""

    def __init__(self, system: str, board: str, *extra: str, timeout: int = BOOT_TIMEOUT):
        self.child = pexpect.spawn(TESSERA, ["run", system, "--board", board, "--icount",
                                             "--timeout", str(timeout), *extra],
                                   cwd=str(ROOT), encoding="utf-8", codec_errors="replace", timeout=timeout)
        self.log: list[str] = []

    def expect(self, pattern: str) -> str:
        try:
            self.child.expect(pattern)
        except (pexpect.TIMEOUT, pexpect.EOF):
            pytest.fail(f"console never showed {pattern!r}; it showed:\n{self.child.before}")
        self.log.append(self.child.before + self.child.after)
        return self.child.after

    def finish(self) -> tuple[int, str]:
        """Wait for the end; returns (exit status, the rest of the console)."""
        self.child.expect(pexpect.EOF)
        rest = self.child.before
        self.child.close()
        return self.child.exitstatus, rest


@pytest.fixture
def boot():
    started = []

    def start(system: str, board: str, *extra: str, timeout: int = BOOT_TIMEOUT) -> Boot:
        b = Boot(system, board, *extra, timeout=timeout)
        started.append(b)
        return b

    yield start
    for b in started:
        if b.child.isalive():
            b.child.terminate(force=True)


def cmake_build(board: str, name: str, system: str = "examples/hello", *defines: str) -> Path:
    """Build `system` for `board` into build/<name> through the library
    (tessera.build), with extra CMake `defines` (NAME=VALUE); returns the build
    folder. For tests that need a build the CLI does not make (other build
    folders, test-only options)."""
    from tessera import build
    from tessera.errors import TesseraError, render
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        try:
            return build.build(boards.load(board), build.find_system(system), output=log,
                               folder=ROOT / "build" / name, options=defines)
        except TesseraError as e:
            log.seek(0)
            pytest.fail(f"building {system} for {board} into build/{name} failed:\n{log.read()}{render(e)}")


def tessera(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([TESSERA, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
