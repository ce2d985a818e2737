# SPDX-License-Identifier: BSD-2-Clause
"""The `tessera` command: set up, build, run, debug and test Tessera systems.
It parses the command line, calls the library (build.py, qemu.py, profile.py,
gen.py, graph.py) and prints; the library raises TesseraError, reported here.

Every failure is one readable line on stderr. Exit status: 0 success; 2 for a
usage error (unknown verb, system or board); 1 for a failed build or check;
for `run`, the firmware's own exit status; 128 + N when stopped by signal N
(SIGTERM, SIGHUP), after ending QEMU. A build folder serves one tessera at a
time: `build`, `run` and `debug` wait for another that holds it.
"""

import argparse
import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):                   # run as sdk/tessera/cli.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "tessera"

from tessera import VERSION, deps                # noqa: E402
from tessera.errors import TesseraError, render  # noqa: E402
from tessera.paths import DEFAULT_BOARD, DEFAULT_SYSTEM, ROOT   # noqa: E402


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors and exit status 2."""

    def error(self, message):
        print(f"tessera: error: {message} (see '{self.prog} --help')", file=sys.stderr)
        sys.exit(2)


def _need_tools():
    """`run`, `debug`, `build` and `test` set themselves up: install what is missing."""
    deps.ensure(quiet=True)
    try:
        import jinja2, lark, yaml  # noqa: F401,E401
    except ImportError:
        # Installed for Debian's interpreter, not this one: continue there.
        if Path("/usr/bin/python3").exists() and sys.executable != "/usr/bin/python3":
            os.execv("/usr/bin/python3", ["/usr/bin/python3", str(Path(__file__).resolve()), *sys.argv[1:]])
        raise TesseraError("python modules jinja2, yaml and lark are not importable; run ./tessera setup")


@contextlib.contextmanager
def _built(args):
    """The board, and the build folder of the system `args` name, built and held
    (build.locked) until the verb is done with it: a second tessera there waits."""
    _need_tools()
    from tessera import boards, build
    from tessera.paths import display
    board = boards.load(args.board)
    system = build.find_system(args.system)
    folder = build.build_dir(board.name, system)

    def waiting(holder: str):
        print(f"tessera: waiting for {holder} to finish with {display(folder)}", flush=True)

    with build.locked(folder, waiting):
        out = build.build(board, system)
        print(f"tessera: built {display(out / 'firmware.elf')}")
        yield board, out


def cmd_build(args) -> int:
    with _built(args):
        return 0


def cmd_run(args) -> int:
    from tessera import qemu
    with _built(args) as (board, out):
        cmd = qemu.command(board, out, args.icount, args.boot)
        print(f"tessera: booting on {board.name} (quit QEMU with Ctrl-A X)", flush=True)
        return qemu.run(board, cmd, args.timeout)


def cmd_debug(args) -> int:
    from tessera import qemu
    with _built(args) as (board, out):
        gdb = qemu.gdb_command(board, out, args.port, args.gdb_batch)
        print(f"tessera: QEMU waits for gdb on port {args.port}; symbols: kernel + "
              f"{len(qemu.component_elfs(out))} component(s)", flush=True)
        return qemu.debug(board, out, args.port, gdb)


def cmd_graph(args) -> int:
    _need_tools()
    from tessera import boards, build, gen, graph
    from tessera.paths import display
    board = boards.load(args.board)
    system_dir = build.find_system(args.system)
    system, _ = gen.load(board, system_dir)
    out = Path(args.output) if args.output else build.build_dir(board.name, system_dir)
    dot_path, svg_path = graph.write(system, out)
    print(f"tessera: wrote {display(dot_path)} and {display(svg_path)}")
    return 0


def _need_newlib(report: bool) -> None:
    """Build the x86_64 components' C library now (once; it is cached), not inside the first x86_64 build."""
    from tessera import newlib
    where = newlib.ensure()
    if report:
        print(f"tessera: newlib for x86_64 components is in {where}")


def _need_guest(refresh: bool, required: bool) -> None:
    """The default Linux guest of virtual machines (sdk/tessera/guest.py): fetched
    and built once, cached; `refresh` looks for a newer Debian kernel first."""
    from tessera import guest
    try:
        images = guest.default_images(refresh=refresh)
    except guest.GuestError as e:
        if required:
            raise
        print(f"tessera: warning: no guest images for virtual machines: {e}", file=sys.stderr)
        return
    if refresh:
        print(f"tessera: the guest's Linux {images.kernel_version} and initramfs are in {images.kernel.parent}")


def cmd_setup(args) -> int:
    deps.ensure()
    _need_newlib(report=True)
    _need_guest(refresh=True, required=True)
    return 0


def cmd_test(args) -> int:
    _need_tools()
    _need_newlib(report=False)
    _need_guest(refresh=False, required=False)
    cmd = [sys.executable, "-m", "pytest", *(args.paths or [str(ROOT / "tests")]), *args.pytest_args]
    return subprocess.run(cmd, cwd=ROOT).returncode


def cmd_profile(args) -> int:
    _need_tools()
    if args.rt or args.rt_condition:
        from tessera import rtprofile
        return rtprofile.main(json_path=args.json, png_path=args.png, timeout=args.timeout,
                              conditions=args.rt_condition)
    from tessera import profile
    return profile.main(args.board, icount=not args.no_icount, json_path=args.json, png_path=args.png,
                        baseline=args.baseline, timeout=args.timeout, vm_boot=args.vm_boot)


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

    system_verb("build", "build a system's firmware image").set_defaults(func=cmd_build)
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
    p = sub.add_parser("setup", help="install the Debian packages Tessera needs, build newlib, fetch the guest",
                       description="Install the Debian packages Tessera needs (apt-get; sudo when not root), "
                       "build newlib for x86_64 and fetch the default Linux guest of virtual machines.")
    p.set_defaults(func=cmd_setup)
    p = sub.add_parser("test", help="build every example for every board and run every test",
                       description="Run the unit, SDK and system tests (pytest).")
    p.add_argument("paths", nargs="*", help="test files or folders (default: tests/)")
    p.add_argument("--pytest-args", nargs=argparse.REMAINDER, default=[], help="passed to pytest")
    p.set_defaults(func=cmd_test)
    p = sub.add_parser("profile", help="benchmark IPC and VM exits on every board: table, JSON, chart (docs/profiling.md)",
                       description="Build and boot examples/ipcbench (and, on boards with VMs, examples/vmbench) "
                       "on each board and report their figures.")
    p.add_argument("--board", action="append", metavar="B", help="a board (repeatable; default: every board)")
    p.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    p.add_argument("--png", type=Path, metavar="FILE", help="draw them as a chart")
    p.add_argument("--baseline", metavar="FILE", help="print ratios against a saved --json file, or 'sel4'")
    p.add_argument("--no-icount", action="store_true", help="host time instead of -icount: noisy figures")
    p.add_argument("--timeout", type=float, default=600, help="seconds per board's boot (default 600)")
    p.add_argument("--vm-boot", action="store_true",
                   help="also time the default Linux guest's boot to /init, under Tessera and natively "
                   "(boards with VMs only; about a minute more)")
    p.add_argument("--rt", action="store_true",
                   help="instead: the real-time task beside Linux (examples/rtos-linux) on qemu-virt-a15, "
                   "10,000 periods with the guest idle, booting and under load (docs/realtime.md)")
    p.add_argument("--rt-condition", action="append", choices=["idle", "boot", "load"], metavar="C",
                   help="with --rt: only condition C (idle, boot or load; repeatable)")
    p.set_defaults(func=cmd_profile)
    return ap


class Stopped(BaseException):
    """SIGTERM or SIGHUP, raised where the program is, like KeyboardInterrupt for
    SIGINT: no `except Exception` (a profile's failed board) takes it for a
    failure to go on from; what runs is ended (QEMU too, by the library) and
    tessera exits 128 + the signal's number, as a shell reports it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop(signum, frame):
    for other in (signal.SIGTERM, signal.SIGHUP):     # one is enough: let the clean-up finish
        signal.signal(other, signal.SIG_IGN)
    raise Stopped(signum)


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
    try:
        return args.func(args) or 0
    except TesseraError as e:           # bad input, a failed build or run: its own words
        print(render(e), file=sys.stderr)
        return e.status
    except Stopped as e:
        print(f"tessera: error: stopped by {signal.Signals(e.signum).name}", file=sys.stderr)
        return 128 + e.signum
    except KeyboardInterrupt:
        return 130
    except Exception as e:              # a bug of ours: one line, not a traceback
        from tessera.errors import internal_error
        print(internal_error(e), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
