# SPDX-License-Identifier: BSD-2-Clause
"""Building a system's firmware, for every verb that needs one (`tessera build`,
`run`, `debug`, `profile`): find the system's folder, run the generator's
configure step, configure the build folder with CMake when it needs it, and
build. The generator runs once per build: here, in this process, so that a
description's diagnostics come first and alone; CMake's configure
(cmake/generate.cmake) then finds its output up to date and does not run it
again. Failures raise TesseraError (a Diagnostic for the description); nothing
here prints or exits."""

import contextlib
import fcntl
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from . import gen, newlib
from .boards import Board
from .errors import TesseraError
from .paths import ROOT


LOCK_NAME = "tessera.lock"
_held: set[Path] = set()                # the build folders this process holds


class StepFailed(TesseraError):
    """A build tool failed; `output` is what it printed, for the user to read first."""

    def __init__(self, message: str, output: str = ""):
        super().__init__(message, status=1)
        self.output = output


def find_system(name: str) -> Path:
    """The folder a SYSTEM argument names (as given, else under the checkout), or
    the .camkes file it names. Raises TesseraError (status 2) unless it is such
    a file or a folder holding a .camkes (or .adl) description or a CAmkES
    CMakeLists.txt."""
    path = Path(name)
    if not path.is_absolute() and not path.exists() and (ROOT / path).exists():
        path = ROOT / path
    if path.is_file() and path.suffix in (".camkes", ".adl"):
        return path.resolve()                   # a top description named directly
    if not path.is_dir():
        raise TesseraError(f"unknown system '{name}': no such folder", 2)
    if not any(path.glob("*.camkes")) and not any(path.glob("*.adl")) and not (path / "CMakeLists.txt").is_file():
        raise TesseraError(f"unknown system '{name}': no .camkes description or CAmkES CMakeLists.txt in {path}", 2)
    return path.resolve()


def build_dir(board: str, system: Path) -> Path:
    """Where `system` is built for `board`: build/<board>/<system's folder name>
    (or, for a system named by its .camkes file, the file's name without .camkes)."""
    return ROOT / "build" / board / (system.stem if system.is_file() else system.name)


def build(board: Board, system: Path, output: TextIO | None = None, folder: Path | None = None,
          options: tuple[str, ...] = ()) -> Path:
    """Build `system` (a folder from find_system) for `board`; the build folder,
    `folder` or else build_dir()'s. `options` are CMake cache settings
    (NAME=VALUE, e.g. TESSERA_FAULT_INJECTION=ON). CMake's build output goes to
    `output` (default: this process's stdout)."""
    out = folder or build_dir(board.name, system)
    if board.arch == "x86_64":
        newlib.ensure()                         # built once and cached; its failure is one line, not CMake's
    with locked(out):
        gen.configure(board.name, system, out / "gen")
        settings = (f"BOARD={board.name}", f"SYSTEM={system}", *options)
        if not (out / "build.ninja").exists() or \
                any(cached(out, n) != v for n, _, v in (s.partition("=") for s in settings)):
            # First build, another folder of the same name built here before, or other options.
            _run(["cmake", "-S", str(ROOT), "-B", str(out), "-G", "Ninja", *(f"-D{s}" for s in settings),
                  f"-DTESSERA_PYTHON={sys.executable}"], "configuring", capture=True)
        _run(["cmake", "--build", str(out)], "building", output=output)
    return out


@contextlib.contextmanager
def locked(out: Path, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold build folder `out` for this process: another tessera that builds or
    runs there waits until this one lets go (on leaving, or when it dies).
    Holding it again inside is a no-op. If another holds it, `waiting` is first
    told who ("tessera (pid N)")."""
    out = Path(out).resolve()
    if out in _held:
        yield
        return
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK_NAME, "a+", encoding="utf-8") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                f.seek(0)
                waiting(f.read().strip() or "another tessera")
            fcntl.flock(f, fcntl.LOCK_EX)
        f.truncate(0)
        f.write(f"tessera (pid {os.getpid()})\n")
        f.flush()
        _held.add(out)
        try:
            yield
        finally:
            _held.discard(out)


def cached(build: Path, name: str) -> str | None:
    """A variable's value in a build folder's CMakeCache.txt (None if unset)."""
    try:
        for line in (build / "CMakeCache.txt").read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            if key.split(":")[0] == name:
                return value
    except OSError:
        pass
    return None


def _run(cmd: list[str], what: str, capture: bool = False, output: TextIO | None = None) -> None:
    """Run a build tool; StepFailed if it fails, carrying its output when captured."""
    if capture:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    else:
        if output is not None:
            output.flush()
        proc = subprocess.run(cmd, stdout=output, stderr=output)
    if proc.returncode != 0:
        raise StepFailed(f"{what} failed ({' '.join(cmd[:2])} exited {proc.returncode})",
                         proc.stdout if capture else "")
