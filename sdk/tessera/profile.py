# SPDX-License-Identifier: BSD-2-Clause
"""`tessera profile`: build and boot the IPC benchmark (examples/ipcbench) on
each board, collect its BENCH lines, and report them as a table with the boards
side by side, as JSON (schema in docs/profiling.md) and as a chart; with a
baseline, as ratios against it. On a board that can run a virtual machine it
also boots the VM-exit benchmark (examples/vmbench), whose guest prints one
`vmexit:` line (the vm_* figures); with `vm_boot`, it times the default Linux
guest's boot to its /init under Tessera and natively on QEMU.

A board that fails to build, boot or finish is reported with its log and the
others still run; the command then exits 1."""

import datetime
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import VERSION, qemu
from .paths import ROOT, display

SYSTEM = "examples/ipcbench"
VM_SYSTEM = "examples/vmbench"
VM_BOOT_SYSTEM = "examples/vmbench/vmboot.camkes"
# The guest's command line in VM_BOOT_SYSTEM, and natively: `quiet` keeps the
# kernel's messages off the (trapped) console, `tessera.bench=boot` has /init
# print the counter and power off (tessera.guest).
VM_BOOT_ARGS = "console=ttyAMA0 quiet tessera.bench=boot"
VMEXIT_LINE = re.compile(r"vmexit: hvc_ns=(\d+) mmio_ns=(\d+) virq_ns=(\d+) virq_max_ns=(\d+)")
# The vm_* figures, and over how many repetitions the guest averages each.
VM_FIGURES = {"vm_hvc": 1000, "vm_mmio": 1000, "vm_virq": 100, "vm_virq_max": 100}
SCHEMA = "tessera-profile/1"
STATS = ("min", "median", "max", "mean", "stddev", "n")
BENCH_LINE = re.compile(r"^BENCH name=(\S+) " + " ".join(rf"{s}=([0-9.]+)" for s in STATS) + r"\s*$")
BENCH_END = re.compile(r"^BENCH end figures=(\d+) errors=(\d+)")

# seL4's figures under QEMU with -icount shift=0,sleep=off (sel4bench), per
# architecture, by the Tessera figure that measures the same thing: on `virt`,
# Cortex-A15, and on x86_64 (pc99, TCG). `--baseline sel4` compares each board
# with seL4 on the board's own architecture.
SEL4 = {
    "arm": {
        "call_0": 152,          # one-way Call
        "reply_recv_0": 187,    # one-way ReplyRecv
        "call_10": 815,         # Call, 10 words
        "reply_recv_10": 816,   # ReplyRecv, 10 words
        "send": 714,            # Send, lower to higher priority
    },
    "x86_64": {
        "call_0": 194,
        "reply_recv_0": 221,
        "call_10": 812,
        "reply_recv_10": 780,
        "send": 710,
    },
}

# The chart's first panel: figures up to this many instructions (on every
# board, and in the baseline), so that they stay readable beside the long
# messages, the glue and the baseline's slower figures.
CHART_SPLIT = 400


@dataclass
class Result:
    board: str
    status: str = "failed"                      # "ok" or "failed"
    error: str = ""
    log: str = ""
    figures: dict = field(default_factory=dict)
    info: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        out = {"status": self.status, **self.info, "figures": self.figures}
        if self.status != "ok":
            out.update(error=self.error, log=self.log)
        return out


def parse_console(text: str) -> tuple[dict, str]:
    """The figures a console shows, and what is wrong with it ('' if nothing)."""
    figures = {}
    end = None
    for line in text.splitlines():
        line = line.strip()
        if m := BENCH_LINE.match(line):
            figures[m[1]] = {s: (float(v) if s in ("mean", "stddev") else int(v))
                             for s, v in zip(STATS, m.groups()[1:])}
        elif m := BENCH_END.match(line):
            end = (int(m[1]), int(m[2]))
    if end is None:
        return figures, "the benchmark never printed its completion line"
    if end[1] != 0:
        return figures, f"the benchmark reported {end[1]} protocol error(s)"
    if end[0] != len(figures):
        return figures, f"the benchmark announced {end[0]} figures but printed {len(figures)}"
    return figures, ""


def _vm_figure(value: int, n: int, worst: int | None = None) -> dict:
    """A guest's average as a figure: every statistic the average (the guest
    sums its samples: the counter ticks only every 16 instructions), `max` the
    worst sample where it keeps one."""
    return {"min": value, "median": value, "max": value if worst is None else worst, "mean": float(value),
            "stddev": 0.0, "n": n}


def parse_vmexit(text: str) -> tuple[dict, str]:
    """The vm_* figures of the VM-exit benchmark's console, and what is wrong ('' if nothing)."""
    m = VMEXIT_LINE.search(text)
    if not m:
        return {}, "the VM-exit benchmark never printed its vmexit: line"
    hvc, mmio, virq, worst = (int(v) for v in m.groups())
    figures = {"vm_hvc": _vm_figure(hvc, VM_FIGURES["vm_hvc"]), "vm_mmio": _vm_figure(mmio, VM_FIGURES["vm_mmio"]),
               "vm_virq": _vm_figure(virq, VM_FIGURES["vm_virq"], worst),
               "vm_virq_max": _vm_figure(worst, VM_FIGURES["vm_virq_max"])}
    if "guest powered off" not in text[m.end():]:
        return figures, "the VM-exit benchmark's guest did not power off"
    return figures, ""


def parse_vm_boot(text: str) -> dict:
    """What a guest booted with tessera.bench=boot printed: the counter at its
    /init's marker (since the machine started), the kernel's own clock at
    "Run /init", and under Tessera the VMM's power-off time and exits."""
    out = {}
    hz = re.search(r"timer (\d+) Hz", text)
    hz = int(hz[1]) if hz else 62_500_000          # QEMU virt's counter, as natively
    if m := re.search(r"guest-linux: cntvct=0x([0-9a-f]+)", text):
        out["marker_s"] = round(int(m[1], 16) / hz, 6)
    if m := re.search(r"\[\s*([0-9.]+)\] Run /init as init process", text):
        out["to_init_s"] = float(m[1])
    if m := re.search(r"guest powered off at ([0-9.]+) s \(([0-9.]+) s after", text):
        out["power_off_s"], out["vcpu_start_s"] = float(m[1]), round(float(m[1]) - float(m[2]), 6)
    if m := re.search(r"exits: (.*)", text):
        out["exits"] = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m[1])}
    return out


def _first_line(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (out.strip().splitlines() or ["unknown"])[0]


def _cmake_cache(out: Path, key: str) -> str:
    try:
        for line in (out / "CMakeCache.txt").read_text(encoding="utf-8").splitlines():
            if line.startswith(key + ":"):
                return line.split("=", 1)[1]
    except OSError:
        pass
    return ""


def _compiler(out: Path) -> str:
    """The C compiler the build used (the toolchain file sets it, not the cache)."""
    try:
        commands = json.loads((out / "compile_commands.json").read_text(encoding="utf-8"))
        return commands[0]["command"].split()[0]
    except (OSError, ValueError, LookupError):
        return ""


def _text_size(out: Path) -> int | None:
    """The size of the kernel's .text (the component images live in .rodata)."""
    objcopy = _cmake_cache(out, "CMAKE_OBJCOPY")
    size_tool = objcopy[:-len("objcopy")] + "size" if objcopy.endswith("objcopy") else "size"
    try:
        text = subprocess.run([size_tool, "-A", str(out / "firmware.elf")], capture_output=True,
                              text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"^\.text\s+(\d+)", text, re.M)
    return int(m[1]) if m else None


def git_commit() -> str:
    """HEAD's commit, read from .git without running git ('unknown' outside a checkout)."""
    git = ROOT / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head
        ref = head[5:]
        if (git / ref).is_file():
            return (git / ref).read_text().strip()
        for line in (git / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split()[0]
    except OSError:
        pass
    return "unknown"


def _build(board, log: Path, system: str | None = None) -> Path | None:
    """The benchmark's build folder for `board` (SYSTEM, read when called, unless
    `system` names another), with CMake's output in `log`; None if the build
    failed, and `log` then ends with the error as the CLI reports it."""
    from tessera import build

    system = system or SYSTEM
    from tessera.errors import TesseraError, internal_error, render

    with open(log, "w", encoding="utf-8") as f:
        try:
            if system == VM_SYSTEM:
                from tessera import vmbench
                vmbench.build_guest()           # the image the system names, built first
            return build.build(board, build.find_system(system), output=f)
        except TesseraError as e:
            f.write(render(e) + "\n")
        except Exception as e:              # a bug of ours: one line, not a traceback
            f.write(internal_error(e) + "\n")
    return None


def _boot(board, system: str, icount: bool, timeout: float, logs: Path, say, what: str) -> tuple[str, str]:
    """Build and boot one more system on the board: (console, problem)."""
    from tessera.errors import TesseraError

    say(f"{what}: building")
    log = logs / f"{board.name}-{Path(system).stem}-build.log"
    out = _build(board, log, system)
    if out is None:
        return log.read_text(encoding="utf-8", errors="replace"), f"{what}: the build failed"
    say(f"{what}: booting")
    try:
        console, status = qemu.run_captured(qemu.command(board, out, icount), timeout)
    except TesseraError as e:
        return "", f"{what}: {e}"
    system_status = None if status is None else qemu.system_status(board, status)
    if status is None:
        return console, f"{what}: no exit after {timeout:g} s: the system was stopped"
    if system_status != 0:
        return console, f"{what}: the system exited with status {system_status} (QEMU's status {status})"
    return console, ""


def native_boot_command(icount: bool) -> list[str]:
    """The default guest booted natively, as the reference figures were taken."""
    from tessera import guest
    images = guest.default_images()
    return ["qemu-system-arm", "-M", "virt", "-cpu", "cortex-a15", "-m", "256", *(qemu.ICOUNT if icount else []),
            "-nographic", "-monitor", "none", "-kernel", str(images.kernel), "-initrd", str(images.initrd),
            "-append", VM_BOOT_ARGS]


def run_vm_boot(board, icount: bool, timeout: float, logs: Path, say) -> tuple[dict, str, str]:
    """The guest boot-time benchmark: (figures, problem, console)."""
    console, problem = _boot(board, VM_BOOT_SYSTEM, icount, timeout, logs, say, "guest boot")
    if problem:
        return {}, problem, console
    tessera_boot = parse_vm_boot(console)
    if "marker_s" not in tessera_boot or "to_init_s" not in tessera_boot:
        return tessera_boot, "guest boot: the guest never printed its counter and Run /init lines", console
    say("guest boot: natively on QEMU")
    cmd = native_boot_command(icount)
    try:
        native_console, _ = qemu.run_captured(cmd, timeout)
    except Exception as e:                      # the native run is a reference only
        native_console = f"cannot run {cmd[0]}: {e}"
    native = parse_vm_boot(native_console)
    return {"system": VM_BOOT_SYSTEM, "bootargs": VM_BOOT_ARGS, **tessera_boot,
            "native": {"command": cmd, **native}}, "", ""


def run_board(name: str, icount: bool, timeout: float, logs: Path, say, vm_boot: bool = False) -> Result:
    """Build and boot the benchmark on one board; never raises for the board's own failures."""
    from tessera import boards
    from tessera.errors import TesseraError

    res = Result(name)
    try:
        board = boards.load(name)
    except TesseraError as e:
        res.error = str(e)
        return res
    say("building")
    build_log = logs / f"{name}-build.log"
    out = _build(board, build_log)
    if out is None:
        res.error = "the build failed"
        res.log = build_log.read_text(encoding="utf-8", errors="replace")
        return res
    cmd = qemu.command(board, out, icount)
    res.info = {
        "arch": board.arch, "cpu": board.cpu,
        "qemu": {"binary": cmd[0], "version": _first_line([cmd[0], "--version"]), "command": cmd},
        "toolchain": {"cc": _compiler(out), "version": _first_line([_compiler(out) or "cc", "--version"])},
        "kernel_text_bytes": _text_size(out),
    }
    res.info["vm"] = board.virtualization is not None
    say("booting" + (" (-icount shift=0,sleep=off)" if icount else " (host time: noisy)"))
    try:
        console, status = qemu.run_captured(cmd, timeout)
    except TesseraError as e:
        res.error = str(e)
        return res
    res.log = console
    res.figures, problem = parse_console(console)
    system = None if status is None else qemu.system_status(board, status)
    if status is None:
        res.error = f"no exit after {timeout:g} s: the system was stopped"
    elif system != 0:
        res.error = f"the system exited with status {system} (QEMU's status {status})"
    elif problem:
        res.error = problem
    else:
        res.status = "ok"
        res.log = ""
    if res.status == "ok" and res.info["vm"]:
        console, problem = _boot(board, VM_SYSTEM, icount, timeout, logs, say, "VM exits")
        if not problem:
            figures, problem = parse_vmexit(console)
            res.figures.update(figures)
        if problem:
            res.status, res.error, res.log = "failed", problem, console
    if res.status == "ok" and res.info["vm"] and vm_boot:
        res.info["vm_boot"], problem, console = run_vm_boot(board, icount, timeout, logs, say)
        if problem:
            res.status, res.error, res.log = "failed", problem, console
    return res


def load_baseline(spec: str) -> dict:
    """`sel4`: {"arch": {arch: {figure: median}}}, seL4 on each architecture;
    or a JSON file of an earlier run: {"board": {board: {figure: median}}}."""
    if spec == "sel4":
        return {"name": "seL4", "arch": SEL4}
    data = json.loads(Path(spec).read_text(encoding="utf-8"))
    if data.get("schema") != SCHEMA:
        raise ValueError(f"{spec}: not a `tessera profile --json` file (schema {SCHEMA})")
    return {"name": Path(spec).name,
            "board": {b: {f: v["median"] for f, v in r.get("figures", {}).items()}
                      for b, r in data.get("boards", {}).items() if r.get("status") == "ok"}}


def baseline_for(base: dict | None, res: Result, figure: str):
    """The baseline's median for `figure` on res's board (an earlier run) or
    its architecture (seL4), or None."""
    if not base:
        return None
    if "arch" in base:
        return base["arch"].get(res.info.get("arch", ""), {}).get(figure)
    return base["board"].get(res.board, {}).get(figure)


def table(results: list[Result], base: dict | None) -> str:
    """Medians, boards side by side; with a baseline, each median's ratio to it."""
    ok = [r for r in results if r.status == "ok"]
    names = list(dict.fromkeys(f for r in ok for f in r.figures))
    head = ["figure"] + [r.board for r in ok]
    rows = []
    for f in names:
        row = [f]
        for r in ok:
            v = r.figures.get(f)
            cell = "n/a" if v is None and f in VM_FIGURES and not r.info.get("vm") else \
                "-" if v is None else str(v["median"]) + (f" ±{v['stddev']:g}" if v["stddev"] else "")
            ref = baseline_for(base, r, f)
            if v is not None and ref:
                cell += f" ({v['median'] / ref:.2f}x)"
            row.append(cell)
        rows.append(row)
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths[:1]) + "".join(f"  {{:>{w}}}" for w in widths[1:])
    lines = [fmt.format(*head), fmt.format(*("-" * w for w in widths))] + [fmt.format(*r) for r in rows]
    return "\n".join(lines)


def chart(results: list[Result], path: Path, icount: bool, base: dict | None = None) -> None:
    """Medians as grouped bars, one colour per board, each labelled with its
    value; the baseline's bar (hatched, the board's colour) right beside the
    board's where the baseline has the figure. Two panels, each on its own
    scale: the figures up to CHART_SPLIT instructions, their baseline's too
    (so that a tall baseline bar does not flatten the headline figures), and
    the rest."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ok = [r for r in results if r.status == "ok"]
    names = list(dict.fromkeys(f for r in ok for f in r.figures))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]

    def bars_of(f):
        """(value, board index, is the baseline's) for each bar of figure f."""
        out = []
        for i, r in enumerate(ok):
            if f in r.figures:
                out.append((r.figures[f]["median"], i, False))
            ref = baseline_for(base, r, f)
            if ref:
                out.append((ref, i, True))
        return out

    small = [f for f in names if max(v for v, _, _ in bars_of(f)) <= CHART_SPLIT]
    panels = [p for p in (small, [f for f in names if f not in small]) if p]
    most = max(len(bars_of(f)) for f in names)
    width = 0.8 / most
    fig, axes = plt.subplots(len(panels), 1, squeeze=False,
                             figsize=(min(30, max(10, max(len(p) for p in panels) * 0.15 * most + 2)),
                                      5.5 * len(panels)))
    for ax, figs in zip(axes[:, 0], panels):
        labelled = set()
        for j, f in enumerate(figs):
            bars = bars_of(f)
            for k, (value, i, own) in enumerate(bars):
                x = j + (k - (len(bars) - 1) / 2) * width
                name = (f"{base['name']} on {ok[i].info.get('arch')}, beside {ok[i].board}"
                        if own and "arch" in base else f"{base['name']}, beside {ok[i].board}" if own
                        else ok[i].board)
                style = ({"color": "white", "edgecolor": colours[i % len(colours)], "hatch": "////"} if own
                         else {"color": colours[i % len(colours)]})
                drawn = ax.bar([x], [value], width, label=None if name in labelled else name, **style)
                labelled.add(name)
                ax.bar_label(drawn, labels=[str(value)], fontsize=6, rotation=90, padding=2)
        ax.set_xticks(range(len(figs)), figs, rotation=60, ha="right", fontsize=8)
        ax.set_ylabel("instructions (-icount shift=0)" if icount else "cycles (host time, noisy)")
        ax.set_ylim(0, max(v for f in figs for v, _, _ in bars_of(f)) * 1.18)
        ax.legend(fontsize=7, ncol=2)
    axes[0, 0].set_title("Tessera IPC and VM-exit benchmarks: median per figure"
                         + (f", beside {base['name']}" if base else ""))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def report(results: list[Result], icount: bool) -> dict:
    return {
        "schema": SCHEMA,
        "tessera_version": VERSION,
        "git_commit": git_commit(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "system": SYSTEM,
        "vm_system": VM_SYSTEM,
        "icount": icount,
        "qemu_flags": list(qemu.ICOUNT) if icount else [],
        "unit": "instructions" if icount else "cycles",
        "boards": {r.board: r.as_json() for r in results},
    }


def vm_boot_lines(results: list[Result]) -> list[str]:
    """One line per board with a guest boot time."""
    lines = []
    for r in results:
        b = r.info.get("vm_boot")
        if r.status != "ok" or not b:
            continue
        n = b.get("native", {})
        native = (f" (natively {n['to_init_s']:.3f} s)" if "to_init_s" in n else " (natively: failed)")
        native_marker = f" (natively {n['marker_s']:.3f} s)" if "marker_s" in n else ""
        exits = " ".join(f"{k}={v}" for k, v in b.get("exits", {}).items())
        lines.append(f"{r.board}: guest boot, bootargs \"{b['bootargs']}\": kernel clock at Run /init "
                     f"{b['to_init_s']:.3f} s{native}; counter at /init's marker {b['marker_s']:.3f} s"
                     f"{native_marker}; exits {exits}")
    return lines


def main(board_names: list[str], icount: bool = True, json_path: Path | None = None,
         png_path: Path | None = None, baseline: str | None = None, timeout: float = 600,
         vm_boot: bool = False) -> int:
    """Profile every board in `board_names`; prints progress and the table. 0 if all boards ran."""
    from tessera import boards

    base = None
    if baseline:
        try:
            base = load_baseline(baseline)
        except (OSError, ValueError) as e:
            print(f"tessera: error: baseline: {e}", file=sys.stderr)
            return 2
    names = board_names or boards.names()
    results = []
    with tempfile.TemporaryDirectory(prefix="tessera-profile-") as tmp:
        for i, name in enumerate(names, 1):
            def say(what, i=i, name=name):
                print(f"profile: [{i}/{len(names)}] {name}: {what}", flush=True)
            res = run_board(name, icount, timeout, Path(tmp), say, vm_boot)
            results.append(res)
            if res.status == "ok":
                say(f"{len(res.figures)} figures")
            else:
                say(f"FAILED: {res.error}")
                print(f"---- {name}: log ----\n{res.log.rstrip()}\n---- end of {name}'s log ----", flush=True)
    if not icount:
        print("profile: host time without -icount: these numbers are noisy; compare only icount runs")
    if any(r.status == "ok" for r in results):
        print(table(results, base))
        for line in vm_boot_lines(results):
            print(line)
    data = report(results, icount)
    if json_path:
        Path(json_path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"profile: wrote {display(Path(json_path))}")
    if png_path and any(r.status == "ok" for r in results):
        chart(results, Path(png_path), icount, base)
        print(f"profile: wrote {display(Path(png_path))}")
    failed = [r.board for r in results if r.status != "ok"]
    if failed:
        print(f"profile: failed on {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0
