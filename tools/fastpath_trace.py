#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Count the instructions of each IPC fast path by stepping through it: boot
examples/ipcbench halted under QEMU's gdbstub, run to the `skip`-th `call`,
`reply_recv`, `send` and `signal` (by then the benchmark is in the steady
state of call_0, send and signal_wait), and `stepi` from the first kernel
instruction of that system call to the first user-mode instruction after it.

    /usr/bin/python3 tools/fastpath_trace.py [--board pc-x86_64] [--skip 300] [--listing]

docs/profiling.md's block tables add up to these counts, and a figure of
`tessera profile` is its count plus the measuring window (2 instructions on
ARM, 5 on x86_64). The first kernel instruction is the SYSCALL entry on x86_64
and the Hyp trap vector on ARM; user mode is CPL 3 (cs) or the USR mode bits
of cpsr. One board takes about a minute: gdb stops at every system call on
the way.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "sdk"))

from tessera import boards                 # noqa: E402
from tessera import qemu                    # noqa: E402
from tessera.abi import load as load_abi    # noqa: E402

# Per architecture: where a system call enters the kernel, the register with
# its number, and the test for "back in user mode" (gdb expressions).
ARCH = {
    "x86_64": {"entry": "*x86_syscall_entry", "number": "$rax", "user": "($cs & 3) == 3"},
    "arm": {"entry": "*(hyp_vectors + 0x14)", "number": "$r7", "user": "($cpsr & 0x1f) == 0x10"},
}

GDB_SCRIPT = """
import gdb
gdb.execute("set pagination off")
gdb.execute("target remote :{port}")
bp = gdb.Breakpoint("{entry}", internal=True)
for name, number in {calls!r}:
    seen = 0
    while seen <= {skip}:
        gdb.execute("continue", to_string=True)
        if int(gdb.parse_and_eval("{number}")) == number:
            seen += 1
    bp.enabled = False
    steps = 0
    while not bool(gdb.parse_and_eval("{user}")):
        if {listing}:
            print("STEP " + gdb.execute("x/i $pc", to_string=True).strip(), flush=True)
        gdb.execute("stepi", to_string=True)
        steps += 1
    print("TRACE %s %d" % (name, steps), flush=True)
    bp.enabled = True
gdb.execute("kill")
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--board", default="pc-x86_64")
    ap.add_argument("--skip", type=int, default=300, help="system calls of each kind to let pass first")
    ap.add_argument("--port", type=int, default=1237)
    ap.add_argument("--listing", action="store_true", help="also print every instruction stepped")
    args = ap.parse_args()

    board = boards.load(args.board)
    arch = ARCH[board.arch]
    numbers = load_abi()["syscalls"]
    calls = [(name, numbers[name]["number"]) for name in ("call", "reply_recv", "send", "signal")]
    out = ROOT / "build" / board.name / "ipcbench"
    subprocess.run([str(ROOT / "tessera"), "build", str(ROOT / "examples/ipcbench"),
                    "--board", board.name], check=True, stdout=subprocess.DEVNULL)
    qemu_proc = subprocess.Popen(qemu.command(board, out) + ["-S", "-gdb", f"tcp::{args.port}"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".py") as script:
            script.write(GDB_SCRIPT.format(port=args.port, skip=args.skip, calls=calls,
                                         listing=args.listing, **arch))
            script.flush()
            gdb = [board.qemu.get("gdb", "gdb-multiarch"), "-q", "-batch", str(out / "firmware.elf"),
                   "-x", script.name]
            done = subprocess.run(gdb, capture_output=True, text=True, timeout=900)
    finally:
        qemu_proc.kill()
        qemu_proc.wait()
    counts = [line.split()[1:] for line in done.stdout.splitlines() if line.startswith("TRACE ")]
    if len(counts) != len(calls):
        print(f"fastpath_trace: gdb did not finish:\n{done.stdout}{done.stderr}", file=sys.stderr)
        return 1
    if args.listing:
        print("\n".join(line for line in done.stdout.splitlines() if line.startswith(("TRACE ", "STEP "))))
    for name, steps in counts:
        print(f"{board.name}: {name}: {steps} kernel instructions, system call to user mode")
    return 0


if __name__ == "__main__":
    sys.exit(main())
