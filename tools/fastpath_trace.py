#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Count the instructions of each IPC fast path by stepping through it: boot
examples/ipcbench halted under QEMU's gdbstub, run to the `skip`-th `call`,
`reply_recv`, `send` and `signal` (by then the benchmark is in the steady
state of call_0, send and signal_wait), and `stepi` from the first kernel
instruction of that system call to the first user-mode instruction after it.

    /usr/bin/python3 tools/fastpath_trace.py [--board pc-x86_64] [--skip 300] [--listing]
    /usr/bin/python3 tools/fastpath_trace.py --board pc-x86_64 --ticks

docs/profiling.md's block tables add up to these counts, and a figure of
`tessera profile` is its count plus the measuring window (2 instructions on
ARM, 5 on x86_64). The first kernel instruction is the SYSCALL entry on x86_64
and the Hyp trap vector on ARM; user mode is CPL 3 (cs) or the USR mode bits
of cpsr. One board takes about a minute: gdb stops at every system call on
the way.

With --ticks (x86_64) it counts instead the tick's fast path (irqfast.S) in
every tick of the whole benchmark, from a log QEMU writes (trace_ticks()): how
many ticks took each count, those that returned to the interrupted thread
apart from those that switched to a waiter (the `timer_irq` figure's).
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

def symbols(elf: Path) -> dict[str, int]:
    """The ELF's symbols (nm), by name."""
    out = subprocess.run(["nm", str(elf)], capture_output=True, text=True, check=True).stdout
    return {f[2]: int(f[0], 16) for f in (line.split() for line in out.splitlines()) if len(f) == 3}


def trace_ticks(board, out: Path) -> int:
    """--ticks (x86_64): the benchmark under icount, one instruction per
    translation block, QEMU logging each one executed in the tick vector's stub
    and in irqfast.S (-d exec -dfilter), so that the guest's timing is that of
    `tessera profile`: gdb's stops would let ticks be missed. A tick is the
    instructions from the stub to irqfast.S's iretq or sysretq; one that
    leaves for trap_common (ring 0) or C (a guard failed) is not counted. An
    MMIO store is logged twice (icount executes it again as the last of its
    block, counting it once), so repeats of one address are dropped."""
    elf = out / "firmware.elf"
    sym = symbols(elf)
    stub = sym["x86_trap_stubs"] + 16 * (0x20 + board.data["timer"]["irq"])
    first, last, end = sym["x86_fastpath_irq"], sym["irq_slow"], sym["x86_fastpath_irq_end"]
    dis = subprocess.run(["objdump", "-d", "--no-show-raw-insn", f"--start-address={first}",
                          f"--stop-address={end}", str(elf)], capture_output=True, text=True, check=True).stdout
    exits = {}
    for line in dis.splitlines():
        fields = line.strip().split(":", 1)
        if len(fields) == 2 and fields[1].split()[:1] in (["iretq"], ["sysretq"]):
            exits[int(fields[0], 16)] = "back to the interrupted thread" if "iretq" in fields[1] \
                else "switched to the waiter"
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "exec.log"
        cmd = qemu.command(board, out, icount=True) + [
            "-singlestep", "-d", "exec,nochain", "-D", str(log),
            "-dfilter", f"{stub:#x}+16,{first:#x}..{end:#x}"]
        subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=900)
        seen: dict[tuple[str, int], int] = {}
        run: list[int] = []
        with open(log, "rb") as f:
            for line in f:
                if not line.startswith(b"Trace"):
                    continue
                pc = int(line.split(b"/")[1], 16)
                if pc == stub:
                    run = [pc]
                elif run and pc != run[-1]:
                    run.append(pc)
                    if pc in exits:
                        key = (exits[pc], len(run))
                        seen[key] = seen.get(key, 0) + 1
                        run = []
                    elif pc == sym["x86_trap_common"] or pc == last:
                        run = []                    # ring 0, or C
    if not seen:
        print("fastpath_trace: no tick took the fast path", file=sys.stderr)
        return 1
    for (what, steps), n in sorted(seen.items()):
        print(f"{board.name}: tick, {what}: {steps} kernel instructions, {n} ticks")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--board", default="pc-x86_64")
    ap.add_argument("--skip", type=int, default=300, help="system calls of each kind to let pass first")
    ap.add_argument("--port", type=int, default=1237)
    ap.add_argument("--listing", action="store_true", help="also print every instruction stepped")
    ap.add_argument("--ticks", action="store_true",
                    help="x86_64: count the tick's fast path in every tick instead")
    args = ap.parse_args()

    board = boards.load(args.board)
    arch = ARCH[board.arch]
    numbers = load_abi()["syscalls"]
    calls = [(name, numbers[name]["number"]) for name in ("call", "reply_recv", "send", "signal")]
    out = ROOT / "build" / board.name / "ipcbench"
    subprocess.run([str(ROOT / "tessera"), "build", str(ROOT / "examples/ipcbench"),
                    "--board", board.name], check=True, stdout=subprocess.DEVNULL)
    if args.ticks:
        return trace_ticks(board, out)
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
