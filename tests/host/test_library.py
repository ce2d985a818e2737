# SPDX-License-Identifier: BSD-2-Clause
"""The build and QEMU library (sdk/tessera/build.py, qemu.py) that `run`, `debug`,
`test` and `profile` share: bad input and failures are TesseraErrors with the
CLI's words and status, never an exit; QEMU's status becomes the system's.
Stand-in commands play QEMU, so nothing boots here."""

import sys

import pytest

from conftest import ROOT
from tessera import boards, build, profile, qemu
from tessera.errors import Diagnostic, TesseraError, render


def test_an_unknown_system_is_an_error_with_status_2(tmp_path):
    with pytest.raises(TesseraError) as err:
        build.find_system("examples/nope")
    assert (str(err.value), err.value.status) == ("unknown system 'examples/nope': no such folder", 2)
    with pytest.raises(TesseraError) as err:
        build.find_system(str(tmp_path))
    assert err.value.status == 2
    assert str(err.value).endswith(f"no .camkes description or CAmkES CMakeLists.txt in {tmp_path}")


def test_a_system_is_found_under_the_checkout():
    assert build.find_system("examples/hello") == ROOT / "examples" / "hello"
    assert build.build_dir("raspi2b", ROOT / "examples" / "hello") == ROOT / "build" / "raspi2b" / "hello"


def test_a_bad_description_raises_its_diagnostic(tmp_path):
    system = tmp_path / "bad-description"
    system.mkdir()
    (system / "bad-description.camkes").write_text("component A { control }\n")
    with pytest.raises(Diagnostic) as err:
        build.build(boards.load("qemu-virt-a15"), system)
    assert render(err.value).startswith(f"{system}/bad-description.camkes:1:23: error: syntax error")


def test_a_failed_tool_carries_its_output():
    err = build.StepFailed("configuring failed (cmake -S exited 1)", "CMake Error: no\n")
    assert render(err) == "CMake Error: no\ntessera: error: configuring failed (cmake -S exited 1)"


def fake_qemu(status: int, seconds: float = 0) -> list[str]:
    """A command that, like QEMU, prints a console line and exits with `status`."""
    return [sys.executable, "-c", f"import time; print('console'); time.sleep({seconds}); raise SystemExit({status})"]


def test_semihosting_status_is_decoded():
    virt = boards.load("qemu-virt-a15")
    assert qemu.run(virt, fake_qemu(0x10 + 3)) == 3
    for status, how in ((0, "status 0"), (1, "status 1"), (-9, "killed by SIGKILL")):
        with pytest.raises(TesseraError) as err:
            qemu.run(virt, fake_qemu(status) if status >= 0 else
                     [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"])
        assert err.value.status == 2
        assert str(err.value).startswith(f"QEMU ended ({how}) without the system's exit status: ")


def test_isa_debug_exit_status_is_decoded():
    pc = boards.load("pc-x86_64")
    assert qemu.run(pc, fake_qemu((0x10 + 5) << 1 | 1)) == 5
    with pytest.raises(TesseraError) as err:
        qemu.run(pc, fake_qemu(1))
    assert err.value.status == 2
    assert str(err.value).startswith("QEMU ended (status 1) without the system's exit status")


def test_a_run_past_its_timeout_is_status_124():
    with pytest.raises(TesseraError) as err:
        qemu.run(boards.load("qemu-virt-a15"), fake_qemu(0, seconds=30), timeout=0.5)
    assert (str(err.value), err.value.status) == ("no exit after 0.5 s: the system was stopped", 124)


def test_a_missing_qemu_is_named():
    with pytest.raises(TesseraError, match=r"^qemu-system-nope not found; run \./tessera setup$"):
        qemu.run(boards.load("qemu-virt-a15"), ["qemu-system-nope"])


def test_a_captured_run_keeps_the_console():
    assert qemu.run_captured(fake_qemu(7), timeout=30) == ("console\n", 7)     # QEMU's status, as it is
    console, status = qemu.run_captured(fake_qemu(0, seconds=30), timeout=0.5)
    assert status is None


def test_profile_reports_a_failed_build_with_its_log(tmp_path, monkeypatch):
    system = tmp_path / "bad-bench"
    system.mkdir()
    (system / "bad-bench.camkes").write_text("component A { control }\n")
    monkeypatch.setattr(profile, "SYSTEM", str(system))
    res = profile.run_board("qemu-virt-a15", True, 60, tmp_path, lambda what: None)
    assert (res.status, res.error) == ("failed", "the build failed")
    assert res.log.startswith(f"{system}/bad-bench.camkes:1:23: error: syntax error")


def test_setup_raises_when_it_cannot_install(monkeypatch):
    from tessera import deps
    monkeypatch.setattr(deps, "missing", lambda: ["qemu-system-arm"])
    monkeypatch.setattr(deps.shutil, "which", lambda name: None)       # no apt-get
    with pytest.raises(TesseraError) as err:
        deps.ensure(quiet=True)
    assert str(err.value) == "apt-get not found; install these yourself: qemu-system-arm"
    assert render(err.value) == "tessera: error: apt-get not found; install these yourself: qemu-system-arm"
