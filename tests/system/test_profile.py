# SPDX-License-Identifier: BSD-2-Clause
"""`tessera profile` on one board, as a smoke test: it builds and boots the IPC
benchmark and the VM-exit benchmark, exits 0, and writes a complete JSON report and a chart in which every
figure is a positive number. The figures themselves are benchmarks, not tests:
nothing here asserts their values."""

import json
import math

import pytest

from conftest import tessera
from tessera import profile

BOARD = "qemu-virt-a15"
FIGURES = ["null_syscall", "send", "signal_wait", "timer_irq", "glue_add_round_trip", "glue_sum10_round_trip",
           "glue_string64_round_trip", "glue_add_round_trip_busy"] + [
    f"{where}{kind}_{words}" for where in ("", "intra_") for words in (0, 4, 10, 64, 120)
    for kind in ("call", "reply_recv", "round_trip")] + list(profile.VM_FIGURES)   # qemu-virt-a15 runs VMs
STATS = ["min", "median", "max", "mean", "stddev", "n"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("profile")
    done = tessera("profile", "--board", BOARD, "--json", str(tmp / "p.json"), "--png", str(tmp / "p.png"),
                   "--baseline", "sel4", timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return done, json.loads((tmp / "p.json").read_text()), tmp / "p.png"


def test_profile_reports_progress_and_a_table(report):
    done, _, _ = report
    assert f"profile: [1/1] {BOARD}: booting (-icount shift=0,sleep=off)" in done.stdout
    assert f"profile: [1/1] {BOARD}: {len(FIGURES)} figures" in done.stdout
    header = next(line for line in done.stdout.splitlines() if line.startswith("figure"))
    assert BOARD in header
    assert any(line.startswith("call_0 ") and "x)" in line for line in done.stdout.splitlines())


def test_profile_json_is_complete(report):
    _, data, _ = report
    assert data["schema"] == "tessera-profile/1"
    assert data["icount"] is True and data["qemu_flags"] == ["-icount", "shift=0,sleep=off"]
    assert data["git_commit"] and data["date"] and data["tessera_version"]
    board = data["boards"][BOARD]
    assert board["status"] == "ok"
    assert board["qemu"]["version"].startswith("QEMU emulator version")
    assert "-icount" in board["qemu"]["command"]
    assert "gcc" in board["toolchain"]["version"]
    assert board["kernel_text_bytes"] > 0
    assert sorted(board["figures"]) == sorted(FIGURES)


def test_every_figure_is_a_positive_number(report):
    _, data, _ = report
    for name, fig in data["boards"][BOARD]["figures"].items():
        assert sorted(fig) == sorted(STATS), name
        for stat in ("min", "median", "max", "mean"):
            assert isinstance(fig[stat], (int, float)) and math.isfinite(fig[stat]) and fig[stat] > 0, (name, fig)
        assert fig["stddev"] >= 0 and fig["n"] >= profile.VM_FIGURES.get(name, 1000), (name, fig)
        assert fig["min"] <= fig["median"] <= fig["max"], (name, fig)


def test_profile_draws_a_chart(report):
    _, _, png = report
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_failing_board_is_reported_and_fails_the_command():
    done = tessera("profile", "--board", "no-such-board", timeout=120)
    assert done.returncode == 1
    assert "profile: [1/1] no-such-board: FAILED: unknown board 'no-such-board'" in done.stdout


def test_a_saved_run_is_a_baseline(report):
    """The JSON of one run is the --baseline of the next. Under icount a run
    repeats exactly, so against its own JSON every figure's ratio is 1.00."""
    _, data, png = report
    done = tessera("profile", "--board", BOARD, "--baseline", str(png.parent / "p.json"), timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {line.split()[0]: line.rstrip() for line in done.stdout.splitlines()
            if line.split() and line.split()[0] in data["boards"][BOARD]["figures"]}
    assert sorted(rows) == sorted(FIGURES)
    for line in rows.values():
        assert line.endswith("(1.00x)"), line


@pytest.mark.parametrize("content", [None, "{}", "not json"])
def test_a_bad_baseline_is_refused_in_one_line(tmp_path, content):
    path = tmp_path / "base.json"
    if content is not None:
        path.write_text(content)
    done = tessera("profile", "--board", BOARD, "--baseline", str(path), timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("tessera: error: baseline: ") and done.stderr.count("\n") == 1, done.stderr
