# SPDX-License-Identifier: BSD-2-Clause
"""`tessera profile --rt`: the real-time control task beside Linux
(examples/rtos-linux) under `-icount shift=0,sleep=off`, 10,000 measured
periods in each of three conditions, one system each (examples/rtos-linux/rt-<condition>.camkes):

- idle: the guest at its shell (the task warms up 6,000 periods first, while
  the guest boots, and the profile checks that the shell came before the
  measured run began);
- boot: the guest booting, again and again (its /init reboots at once,
  `tessera.rt=boot`), from the first measured period on;
- load: the guest under load, a CPU loop and a console flood started by its
  /init (`tessera.rt=load`) before the measured run.

The task prints its summary line and its histogram (`rtos-hist:` lines) at
the end and `control: done`; the profile then stops QEMU (the guest runs on).
Under icount one instruction is one nanosecond, so every latency is also an
instruction count. The report: a table, JSON (schema `tessera-profile-rt/1`,
docs/profiling.md) and a PNG with a latency histogram per condition, and the
targets of docs/realtime.md, each met or not."""

import datetime
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import VERSION, qemu
from .paths import ROOT, display

BOARD = "qemu-virt-a15"
EXAMPLE = "examples/rtos-linux"
CONDITIONS = {
    "idle": "the guest idle at its busybox shell",
    "boot": "the guest booting (its /init reboots it at once, again and again)",
    "load": "the guest under load: a CPU loop and a console flood (yes > /dev/console)",
}
SCHEMA = "tessera-profile-rt/1"
PERIODS = 10_000
TARGET_MISSES = 0
TARGET_LOAD_WORST_NS = 2000          # worst-case activation latency with the guest under load
TARGET_LOAD_ADDED_NS = 500           # the load's addition to the idle worst case

SUMMARY = re.compile(r"^rtos: periods=(\d+) misses=(\d+) worst_latency_ns=(\d+) p99_latency_ns=(\d+)$")
HIST = re.compile(r"^rtos-hist: bucket_ns=(\d+)((?: \d+=\d+)+)$")
HIST_END = re.compile(r"^rtos-hist: end lines=(\d+)$")
# The lines the profile keeps (a console flood is megabytes of "y").
KEEP = ("dbg:", "rtos", "control:", "guest-linux:", "vm0:", "system:", "Tessera ", "KERNEL PANIC", "tessera:")


def system_file(condition: str) -> Path:
    return ROOT / EXAMPLE / f"rt-{condition}.camkes"


def run_until_done(cmd: list[str], timeout: float) -> tuple[list[str], dict]:
    """Run QEMU until the task's `control: done` (then stop it), its exit or
    `timeout` seconds. (the kept lines, stats: bytes, lines, wall_s, how it ended)."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    kept, partial = [], b""
    stats = {"console_bytes": 0, "console_lines": 0, "ended": "timeout"}
    start = time.monotonic()
    try:
        while True:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                break
            ready, _, _ = select.select([proc.stdout], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = proc.stdout.read1(1 << 16)
            if not chunk:
                stats["ended"] = "exit"
                break
            stats["console_bytes"] += len(chunk)
            lines = (partial + chunk).split(b"\n")
            partial = lines.pop()
            stats["console_lines"] += len(lines)
            done = False
            for raw in lines:
                line = raw.decode("utf-8", "replace").rstrip("\r")
                if line.startswith(KEEP) or "rtos" in line:
                    kept.append(line)
                    done = done or line == "control: done"
            if done:
                stats["ended"] = "done"
                break
    finally:
        qemu.end(proc)
    stats["wall_s"] = round(time.monotonic() - start, 1)
    return kept, stats


def parse(lines: list[str], condition: str) -> tuple[dict, str]:
    """The figures of one condition's kept console lines, and what is wrong ('' if nothing)."""
    out: dict = {"histogram": {}}
    measuring = next((i for i, l in enumerate(lines) if l.startswith("control: measuring")), None)
    up = [i for i, l in enumerate(lines) if l == "guest-linux: up"]
    done = next((i for i, l in enumerate(lines) if l == "control: done"), None)
    if done is None:
        return out, "the control task never printed `control: done`"
    # Every line with the summary's prefix must be whole: the console keeps
    # each address space's lines apart, whatever the guest floods it with.
    mangled = [l for l in lines if "rtos:" in l and not SUMMARY.match(l)]
    out["mangled_lines"] = len(mangled)
    summaries = [SUMMARY.match(l) for l in lines[:done] if SUMMARY.match(l)]
    if not summaries:
        return out, "the control task printed no summary line"
    periods, misses, worst, p99 = (int(v) for v in summaries[-1].groups())
    out.update(periods=periods, misses=misses, worst_latency_ns=worst, p99_latency_ns=p99,
               summary_lines=len(summaries))
    bucket = 100
    for l in lines[:done]:
        if m := HIST.match(l):
            bucket = int(m[1])
            for pair in m[2].split():
                b, n = pair.split("=")
                out["histogram"][int(b)] = out["histogram"].get(int(b), 0) + int(n)
    out["bucket_ns"] = bucket
    out["guest_boots"] = len(up)
    out["guest_boots_measured"] = len([i for i in up if i < done and (measuring is None or i > measuring)])
    if condition in ("idle", "load"):
        if measuring is None:
            return out, "the control task never started its measured run"
        if not up or up[0] > measuring:
            return out, "the guest was not at its shell when the measured run began"
        if condition == "load" and not any(l.startswith("guest-linux: load started") for l in lines[:measuring]):
            return out, "the guest's load had not started when the measured run began"
    if condition == "boot" and not any(l.startswith("vm0: guest reset") for l in lines[:done]):
        return out, "the guest never rebooted during the run"
    if mangled:
        return out, f"{len(mangled)} summary line(s) mangled on the console, e.g. {mangled[0]!r}"
    if periods != PERIODS:
        return out, f"the task measured {periods} periods, not {PERIODS}"
    if sum(out["histogram"].values()) != periods:
        return out, f"the histogram holds {sum(out['histogram'].values())} activations, not {periods}"
    return out, ""


def targets(results: dict) -> list[dict]:
    """The targets of docs/realtime.md, each with its figure and whether it is met."""
    out = []
    for c, r in results.items():
        if "misses" in r:
            out.append({"target": f"{c}: {TARGET_MISSES} misses in {PERIODS} periods", "value": r["misses"],
                        "met": r["misses"] <= TARGET_MISSES})
    load, idle = results.get("load", {}), results.get("idle", {})
    if "worst_latency_ns" in load:
        out.append({"target": f"load: worst latency <= {TARGET_LOAD_WORST_NS} ns", "value": load["worst_latency_ns"],
                    "met": load["worst_latency_ns"] <= TARGET_LOAD_WORST_NS})
        if "worst_latency_ns" in idle:
            added = load["worst_latency_ns"] - idle["worst_latency_ns"]
            out.append({"target": f"load adds <= {TARGET_LOAD_ADDED_NS} ns to idle's worst", "value": added,
                        "met": added <= TARGET_LOAD_ADDED_NS})
    return out


def table(results: dict) -> str:
    head = ["condition", "periods", "misses", "worst (ns = instr.)", "p99 (ns)", "guest boots", "console MB", "wall s"]
    rows = []
    for c, r in results.items():
        if r.get("status") != "ok":
            rows.append([c, "FAILED", "", "", "", "", "", str(r.get("wall_s", ""))])
            continue
        rows.append([c, str(r["periods"]), str(r["misses"]), str(r["worst_latency_ns"]), str(r["p99_latency_ns"]),
                     str(r["guest_boots_measured"]), f"{r['console_bytes'] / 1e6:.1f}", str(r["wall_s"])])
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]
    fmt = f"{{:<{widths[0]}}}" + "".join(f"  {{:>{w}}}" for w in widths[1:])
    return "\n".join([fmt.format(*head), fmt.format(*("-" * w for w in widths))] + [fmt.format(*r) for r in rows])


def chart(results: dict, path: Path) -> None:
    """One latency histogram per condition, side by side on one scale; log counts."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ok = {c: r for c, r in results.items() if r.get("status") == "ok"}
    fig, axes = plt.subplots(1, len(ok), figsize=(4.5 * len(ok), 4), squeeze=False, sharey=True)
    top = max((b + 1) * r["bucket_ns"] for r in ok.values() for b in r["histogram"])
    for ax, (c, r) in zip(axes[0], ok.items()):
        w = r["bucket_ns"]
        xs = sorted(r["histogram"])
        ax.bar([b * w for b in xs], [r["histogram"][b] for b in xs], width=w, align="edge",
               color="tab:blue", edgecolor="black", linewidth=0.5)
        ax.set_yscale("log")
        ax.set_xlim(0, max(top, TARGET_LOAD_WORST_NS) + w)
        ax.axvline(TARGET_LOAD_WORST_NS, color="tab:red", linestyle="--", linewidth=1, label="2 µs target")
        ax.set_title(f"{c}: worst {r['worst_latency_ns']} ns, p99 {r['p99_latency_ns']} ns,\n"
                     f"{r['misses']} misses in {r['periods']} periods", fontsize=9)
        ax.set_xlabel(f"activation latency, ns = instructions ({w} ns buckets)")
        ax.legend(fontsize=7)
    axes[0, 0].set_ylabel("activations (log)")
    fig.suptitle("Tessera: a 1 kHz control task beside Linux on qemu-virt-a15 (-icount shift=0,sleep=off)",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(json_path: Path | None = None, png_path: Path | None = None, timeout: float = 600,
         conditions: list[str] | None = None) -> int:
    """Profile each condition; prints progress, the table and the targets. 0 if every condition ran."""
    from tessera import boards, build
    from tessera.errors import TesseraError, render

    board = boards.load(BOARD)
    names = conditions or list(CONDITIONS)
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="tessera-profile-rt-") as tmp:
        for i, c in enumerate(names, 1):
            def say(what, i=i, c=c):
                print(f"profile --rt: [{i}/{len(names)}] {c}: {what}", flush=True)
            res: dict = {"status": "failed", "system": display(system_file(c)), "description": CONDITIONS[c]}
            results[c] = res
            say("building")
            log = Path(tmp) / f"{c}-build.log"
            try:
                with open(log, "w", encoding="utf-8") as f:
                    out = build.build(board, build.find_system(str(system_file(c))), output=f)
            except TesseraError as e:
                res["error"] = "the build failed: " + render(e)
                say(f"FAILED: {res['error']}")
                print(log.read_text(encoding="utf-8", errors="replace")[-4000:])
                continue
            cmd = qemu.command(board, out, icount=True)
            res["qemu_command"] = cmd
            say(f"booting (-icount shift=0,sleep=off): {CONDITIONS[c]}")
            lines, stats = run_until_done(cmd, timeout)
            if os.environ.get("TESSERA_RT_LOG"):      # the kept console lines, for a closer look
                Path(os.environ["TESSERA_RT_LOG"] + f"-{c}.log").write_text("\n".join(lines) + "\n")
            res.update(stats)
            figures, problem = parse(lines, c)
            res.update(figures)
            if problem:
                res["error"] = problem
                res["log"] = "\n".join(lines[-60:])
                say(f"FAILED: {problem}")
                print(f"---- {c}: the console's kept lines (last 60) ----\n{res['log']}\n---- end ----")
                continue
            res["status"] = "ok"
            say(f"{res['periods']} periods, {res['misses']} misses, worst {res['worst_latency_ns']} ns, "
                f"p99 {res['p99_latency_ns']} ns ({res['wall_s']} s)")
    print(table(results))
    met = targets({c: r for c, r in results.items() if r.get("status") == "ok"})
    for t in met:
        print(f"target {'met' if t['met'] else 'MISSED'}: {t['target']} (measured {t['value']})")
    data = {"schema": SCHEMA, "tessera_version": VERSION, "board": BOARD, "example": EXAMPLE,
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "qemu_flags": list(qemu.ICOUNT), "unit": "ns (= instructions under icount)", "period_us": 1000,
            "conditions": {c: {k: v for k, v in r.items() if k != "histogram"} |
                           ({"histogram": {str(b): n for b, n in sorted(r["histogram"].items())}}
                            if "histogram" in r else {}) for c, r in results.items()},
            "targets": met}
    if json_path:
        Path(json_path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"profile --rt: wrote {display(Path(json_path))}")
    if png_path and any(r.get("status") == "ok" for r in results.values()):
        chart(results, Path(png_path))
        print(f"profile --rt: wrote {display(Path(png_path))}")
    failed = [c for c, r in results.items() if r.get("status") != "ok"]
    if failed:
        print(f"profile --rt: failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0
