# SPDX-License-Identifier: BSD-2-Clause
"""Incremental builds (sdk/tessera/build.py, cmake/generate.cmake): the generator's
configure step runs once per build. Through `tessera build` it runs before
CMake, and CMake's own configure, re-run because the description changed,
finds its output current and says so; run directly, CMake runs it itself. A
changed description, a new source file and a changed source each reach the
firmware. A build folder left by an interrupted configure (the generator's or
CMake's) is repaired by the next build. Builds a copy of examples/hello for
qemu-virt-a15; nothing boots."""

import json
import os
import shutil
import subprocess

import pytest

from conftest import ROOT, tessera

BOARD = "qemu-virt-a15"
NAME = "configure-once"                 # build/<board>/configure-once
CURRENT = f"-- Generated sources for {BOARD} are up to date (tessera.gen configure already ran)"


@pytest.fixture(scope="module")
def system(tmp_path_factory):
    dst = tmp_path_factory.mktemp("build") / NAME
    shutil.copytree(ROOT / "examples" / "hello", dst)
    (dst / "hello.camkes").rename(dst / f"{NAME}.camkes")
    done = tessera("build", str(dst), "--board", BOARD)
    assert done.returncode == 0, done.stdout + done.stderr
    return dst


def build(system) -> str:
    done = tessera("build", str(system), "--board", BOARD)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def out():
    return ROOT / "build" / BOARD / NAME


def test_a_changed_description_is_generated_once(system):
    top = system / f"{NAME}.camkes"
    top.write_text(top.read_text().replace("component Hello hello;", "component Hello hello;\n"
                                           "        component Hello second;"))
    log = build(system)
    assert "Re-running CMake" in log and CURRENT in log, log
    assert (out() / "components" / "second.elf").is_file()
    assert "second" in (out() / "firmware.elf").read_bytes().decode("latin-1")


def test_new_and_changed_sources_reach_the_firmware(system):
    src = system / "components" / "Hello" / "src"
    (src / "extra.c").write_text('const char *extra(void) { return "an extra source file"; }\n')
    hello = src / "hello.c"
    hello.write_text(hello.read_text().replace("int run(void)", "const char *extra(void);\n\nint run(void)")
                     .replace("in user mode!\\n\", get_instance_name());",
                              "in user mode, rebuilt!\\n\", get_instance_name());\n    puts(extra());"))
    log = build(system)
    assert CURRENT in log, log
    firmware = (out() / "firmware.elf").read_bytes()
    assert b"an extra source file" in firmware and b"in user mode, rebuilt!" in firmware


def test_the_board_and_abi_are_inputs(system):
    inputs = (out() / "gen" / "deps.txt").read_text().splitlines()
    for path in (ROOT / "boards" / BOARD / "board.yaml", ROOT / "kernel" / "api.yaml",
                 system / f"{NAME}.camkes", system / "components" / "Hello" / "src"):
        assert str(path) in inputs, path


def test_cmake_alone_runs_the_generator(system):
    top = system / f"{NAME}.camkes"
    top.write_text(top.read_text().replace("        component Hello second;", ""))
    done = subprocess.run(["cmake", "--build", str(out())], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Re-running CMake" in done.stdout and CURRENT not in done.stdout, done.stdout
    model = json.loads((out() / "gen" / "model.json").read_text())
    assert [i["name"] for i in model["instances"]] == ["hello"]


def test_an_interrupted_generator_run_is_repaired(system):
    """Killed while writing gen/: no configured.txt, a file cut short. CMake alone
    (ninja after an edit) runs the generator again; so does tessera build."""
    gen = out() / "gen"
    (gen / "configured.txt").unlink()
    (gen / "components.cmake").write_text("tessera_component(hello TYPE")
    os.utime(gen / "components.cmake", (1, 1))          # as old as can be: no reason but the stamp to redo it
    (system / f"{NAME}.camkes").touch()
    done = subprocess.run(["cmake", "--build", str(out())], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert CURRENT not in done.stdout and (gen / "configured.txt").is_file()
    assert (gen / "components.cmake").read_text().count("tessera_component(") == 1


@pytest.mark.parametrize("left_out", [("CMakeCache.txt", "build.ninja"), ("build.ninja",)],
                         ids=["before-the-cache", "before-build.ninja"])
def test_an_interrupted_first_configure_is_repaired(system, left_out):
    """Killed in CMake's first configure (seen by killing it as each file
    appeared): CMakeFiles/ and gen/ without a cache, or a cache without build.ninja."""
    for name in left_out:
        (out() / name).unlink()
    log = build(system)
    assert "tessera: built" in log and (out() / "build.ninja").is_file()
