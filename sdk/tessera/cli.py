# SPDX-License-Identifier: BSD-2-Clause
"""The `tessera` command: set up, build, run, debug and test Tessera systems.

Every failure is one readable line on stderr. Exit status: 0 success; 2 for a
usage error (unknown verb, system or board); 1 for a failed build or check;
for `run`, the firmware's own exit status.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):                   # run as sdk/tessera/cli.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "tessera"

from tessera import VERSION, deps                # noqa: E402
from tessera.paths import DEFAULT_BOARD, DEFAULT_SYSTEM, ROOT   # noqa: E402

ICOUNT = ["-icount", "shift=0,sleep=off"]


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors and exit status 2."""

    def error(self, message):
        print(f"tessera: error: {message} (see '{self.prog} --help')", file=sys.stderr)
        sys.exit(2)


def fail(message: str, status: int = 1):
    print(f"tessera: error: {message}", file=sys.stderr)
    sys.exit(status)


def _need_tools():
    """`run`, `debug`, `build` and `test` set themselves up: install what is missing."""
    deps.ensure(quiet=True)
    try:
        import jinja2, lark, yaml  # noqa: F401,E401
    except ImportError:
        # Installed for Debian's interpreter, not this one: continue there.
        if Path("/usr/bin/python3").exists() and sys.executable != "/usr/bin/python3":
            os.execv("/usr/bin/python3", ["/usr/bin/python3", str(Path(__file__).resolve()), *sys.argv[1:]])
        fail("python modules jinja2, yaml and lark are not importable; run ./tessera setup")


def _system_dir(system: str) -> Path:
    path = Path(system)
    if not path.is_absolute() and not path.exists() and (ROOT / path).exists():
        path = ROOT / path
    if not path.is_dir():
        fail(f"unknown system '{system}': no such folder", 2)
    if not any(path.glob("*.camkes")) and not any(path.glob("*.adl")) and not (path / "CMakeLists.txt").is_file():
        fail(f"unknown system '{system}': no .camkes description or CAmkES CMakeLists.txt in {path}", 2)
    return path.resolve()


def _board(name: str):
    from tessera import boards
    from tessera.errors import TesseraError
    try:
        return boards.load(name)
    except TesseraError as e:
        fail(str(e), e.status)


def build_dir(board: str, system: Path) -> Path:
    return ROOT / "build" / board / system.name


def cmd_build(args) -> Path:
    _need_tools()
    board = _board(args.board)
    system = _system_dir(args.system)
    out = build_dir(board.name, system)
    if board.arch == "x86_64":
        _need_newlib(report=False)              # here, so that its one-line failure is not buried in CMake's
    from tessera import gen
    # Check the description first, so its diagnostics are not buried in CMake's output.
    status = gen.main(["configure", "--board", board.name, "--system", str(system), "--out", str(out / "gen")])
    if status != 0:
        sys.exit(status)
    if not (out / "build.ninja").exists() or _cached(out, "SYSTEM") != str(system):
        # First build, or another folder of the same name built here before.
        _run(["cmake", "-S", str(ROOT), "-B", str(out), "-G", "Ninja", f"-DBOARD={board.name}",
              f"-DSYSTEM={system}", f"-DTESSERA_PYTHON={sys.executable}"],
             "configuring", quiet=True)
    _run(["cmake", "--build", str(out)], "building")
    from tessera.paths import display
    print(f"tessera: built {display(out / 'firmware.elf')}")
    return out


def _cached(build: Path, name: str) -> str | None:
    """A variable's value in a build folder's CMakeCache.txt."""
    try:
        for line in (build / "CMakeCache.txt").read_text().splitlines():
            key, _, value = line.partition("=")
            if key.split(":")[0] == name:
                return value
    except OSError:
        pass
    return None


def _run(cmd: list[str], what: str, quiet: bool = False) -> None:
    proc = subprocess.run(cmd, stdout=subprocess.PIPE if quiet else None, stderr=subprocess.STDOUT if quiet else None,
                          text=True)
    if proc.returncode != 0:
        if quiet and proc.stdout:
            sys.stderr.write(proc.stdout)
        fail(f"{what} failed ({' '.join(cmd[:2])} exited {proc.returncode})")


def qemu_command(board, out: Path, icount: bool, boot: str = "direct") -> list[str]:
    q = board.qemu
    cmd = [q["binary"], *q["args"], *(ICOUNT if icount else [])]
    exit_device = board.data.get("exit")
    if exit_device is not None:         # board.yaml `exit:` names QEMU's isa-debug-exit
        cmd += ["-device", f"isa-debug-exit,iobase=0x{exit_device['port']:x},iosize=0x04"]
    if boot == "uboot":
        from tessera import uboot
        from tessera.errors import TesseraError
        try:
            return cmd + uboot.prepare(board, out)
        except TesseraError as e:
            fail(str(e), e.status)
    return cmd + ["-kernel", str(out / "firmware.elf")]


def system_status(board, qemu_status: int) -> int | None:
    """The system's exit status from QEMU's. Through semihosting (ARM) they are
    the same. Through isa-debug-exit the kernel writes status_base + status and
    QEMU exits with (value << 1) | 1, so a status below that range (QEMU's own
    failure, a reset, a quit by hand) is None: the system never said."""
    exit_device = board.data.get("exit")
    if exit_device is None:
        return qemu_status
    value = qemu_status >> 1
    if qemu_status & 1 and value >= exit_device["status_base"]:
        return value - exit_device["status_base"]
    return None


def cmd_run(args) -> int:
    out = cmd_build(args)
    board = _board(args.board)
    cmd = qemu_command(board, out, args.icount, args.boot)
    print(f"tessera: booting on {board.name} (quit QEMU with Ctrl-A X)", flush=True)
    try:
        proc = subprocess.run(cmd, timeout=args.timeout or None)
    except subprocess.TimeoutExpired:
        fail(f"no exit after {args.timeout} s: the system was stopped", 124)
    except FileNotFoundError:
        fail(f"{cmd[0]} not found; run ./tessera setup")
    status = system_status(board, proc.returncode)
    if status is None:
        fail(f"QEMU ended (status {proc.returncode}) without the system's exit status: it failed "
             "to start, the machine reset (a triple fault), or it was quit by hand", 2)
    return status


def cmd_debug(args) -> int:
    out = cmd_build(args)
    board = _board(args.board)
    qemu = subprocess.Popen(qemu_command(board, out, False) + ["-S", "-gdb", f"tcp::{args.port}"])
    gdb = [board.qemu.get("gdb", "gdb-multiarch"), "-q", str(out / "firmware.elf"),
           "-ex", f"target remote :{args.port}"]
    # Components are linked at their own (intermediate physical) addresses; gdb
    # reads them through the current address space when stopped in a component.
    for elf in sorted((out / "components").glob("*.elf")):
        gdb += ["-ex", f"add-symbol-file {elf}"]
    print(f"tessera: QEMU waits for gdb on port {args.port}; symbols: kernel + "
          f"{len(list((out / 'components').glob('*.elf')))} component(s)", flush=True)
    try:
        if args.gdb_batch:
            gdb += ["-batch", *sum((["-ex", c] for c in args.gdb_batch), [])]
        return subprocess.run(gdb).returncode
    finally:
        qemu.kill()
        qemu.wait()


def cmd_graph(args) -> int:
    _need_tools()
    board = _board(args.board)
    system_dir = _system_dir(args.system)
    from tessera import gen, graph
    from tessera.errors import Diagnostic, TesseraError
    from tessera.paths import display
    try:
        system, _ = gen.load(board, system_dir)
        out = Path(args.output) if args.output else build_dir(board.name, system_dir)
        dot_path, svg_path = graph.write(system, out)
    except Diagnostic as d:
        print(d.render(), file=sys.stderr)
        return 1
    except TesseraError as e:
        fail(str(e), e.status)
    print(f"tessera: wrote {display(dot_path)} and {display(svg_path)}")
    return 0


def _need_newlib(report: bool) -> None:
    """Build the x86_64 components' C library now (once; it is cached), not inside the first x86_64 build."""
    from tessera import newlib
    try:
        where = newlib.ensure()
    except newlib.NewlibError as e:
        fail(str(e))
    if report:
        print(f"tessera: newlib for x86_64 components is in {where}")


def cmd_setup(args) -> int:
    deps.ensure()
    _need_newlib(report=True)
    return 0


def cmd_test(args) -> int:
    _need_tools()
    _need_newlib(report=False)
    cmd = [sys.executable, "-m", "pytest", *(args.paths or [str(ROOT / "tests")]), *args.pytest_args]
    return subprocess.run(cmd, cwd=ROOT).returncode


def cmd_profile(args) -> int:
    _need_tools()
    from tessera import profile
    return profile.main(args.board, icount=not args.no_icount, json_path=args.json, png_path=args.png,
                        baseline=args.baseline, timeout=args.timeout)


def parser() -> Parser:
    ap = Parser(prog="tessera", description="Tessera: build, boot and test microkernel systems.")
    ap.add_argument("--version", action="version", version=f"tessera {VERSION}")
    sub = ap.add_subparsers(dest="verb", metavar="VERB", parser_class=Parser)
    sub.required = True

    def system_verb(name, help_text):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("system", nargs="?", default=DEFAULT_SYSTEM,
                       help=f"a folder with a .camkes description (default: {DEFAULT_SYSTEM})")
        p.add_argument("--board", default=DEFAULT_BOARD, help=f"a folder under boards/ (default: {DEFAULT_BOARD})")
        return p

    system_verb("build", "build a system's firmware image").set_defaults(func=lambda a: cmd_build(a) and 0)
    p = system_verb("run", "build a system and boot it in QEMU; exit with the firmware's status")
    p.add_argument("--icount", action="store_true", help="deterministic: -icount shift=0,sleep=off")
    p.add_argument("--timeout", type=float, default=0, help="stop QEMU after this many seconds (exit 124)")
    p.add_argument("--boot", choices=["direct", "uboot"], default="direct",
                   help="boot the ELF directly (default) or through U-Boot")
    p.set_defaults(func=cmd_run)
    p = system_verb("debug", "boot a system in QEMU halted, with gdb attached and every symbol loaded")
    p.add_argument("--port", type=int, default=1234, help="gdb port (default 1234)")
    p.add_argument("--gdb-batch", action="append", metavar="CMD", help="run gdb in batch mode with CMD (repeatable)")
    p.set_defaults(func=cmd_debug)
    p = system_verb("graph", "draw a system's components and connections (Graphviz DOT and SVG)")
    p.add_argument("-o", "--output", metavar="DIR", help="where to write them (default: the build folder)")
    p.set_defaults(func=cmd_graph)
    p = sub.add_parser("setup", help="install the Debian packages Tessera needs",
                       description="Install the Debian packages Tessera needs (apt-get; sudo when not root).")
    p.set_defaults(func=cmd_setup)
    p = sub.add_parser("test", help="build every example for every board and run every test",
                       description="Run the unit, SDK and system tests (pytest).")
    p.add_argument("paths", nargs="*", help="test files or folders (default: tests/)")
    p.add_argument("--pytest-args", nargs=argparse.REMAINDER, default=[], help="passed to pytest")
    p.set_defaults(func=cmd_test)
    p = sub.add_parser("profile", help="benchmark IPC on every board: table, JSON, chart (docs/profiling.md)",
                       description="Build and boot examples/ipcbench on each board and report its figures.")
    p.add_argument("--board", action="append", metavar="B", help="a board (repeatable; default: every board)")
    p.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    p.add_argument("--png", type=Path, metavar="FILE", help="draw them as a chart")
    p.add_argument("--baseline", metavar="FILE", help="print ratios against a saved --json file, or 'sel4'")
    p.add_argument("--no-icount", action="store_true", help="host time instead of -icount: noisy figures")
    p.add_argument("--timeout", type=float, default=600, help="seconds per board's boot (default 600)")
    p.set_defaults(func=cmd_profile)
    return ap


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        return 130
    except Exception as e:              # a bug of ours: one line, not a traceback
        from tessera.errors import internal_error
        print(internal_error(e), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
