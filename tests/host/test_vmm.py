# SPDX-License-Identifier: BSD-2-Clause
"""Host tests of the VMM's pure logic (components/vmm/src: the vGICD, the
PL011, PSCI, MMIO decoding and routing, the image loader): built with the
host's gcc under AddressSanitizer and UBSan together with the cmocka driver
tests/host/test_vmm.c into build/vmm-host, then run; every test it ran must
pass. The exit loop (vmm.c) likewise, over a stand-in <tessera.h>
(tests/host/vmm_fake) that scripts its messages (tests/host/test_vmm_run.c).
Also: every VMM source compiles for ARM with the component flags and
-Werror."""

import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT

VMM = ROOT / "components" / "vmm"
PURE = ["vgicd", "pl011", "psci", "devices", "loader"]     # no system calls: vmm.c is the rest
BUILD = ROOT / "build" / "vmm-host"
FLAGS = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-Wmissing-prototypes", "-g", "-O1",
         "-fno-omit-frame-pointer", "-fsanitize=address,undefined", "-fno-sanitize-recover=all"]


def _compile(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}"


def _abi_header(where) -> None:
    from tessera import abi
    (where / "tessera").mkdir(parents=True, exist_ok=True)
    (where / "tessera" / "abi.h").write_text(abi.render_header(abi.load()))


@pytest.fixture(scope="module")
def drivers():
    """test_vmm: the device models; test_vmm_run: vmm.c's exit loop over the
    stand-in <tessera.h> of tests/host/vmm_fake."""
    BUILD.mkdir(parents=True, exist_ok=True)
    _abi_header(BUILD / "gen")
    pure = [str(VMM / "src" / f"{name}.c") for name in PURE]
    here = ROOT / "tests" / "host"
    _compile(["gcc", *FLAGS, "-I", str(VMM / "include"), *pure, str(here / "test_vmm.c"),
              "-o", str(BUILD / "test_vmm"), "-lcmocka"])
    _compile(["gcc", *FLAGS, "-I", str(here / "vmm_fake"), "-I", str(BUILD / "gen"), "-I", str(VMM / "include"),
              *pure, str(VMM / "src" / "vmm.c"), str(here / "test_vmm_run.c"),
              "-o", str(BUILD / "test_vmm_run"), "-lcmocka"])
    return BUILD


@pytest.mark.parametrize("subject, count", [("test_vmm", 18), ("test_vmm_run", 6)])
def test_vmm_logic(drivers, subject, count):
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="stdout", UBSAN_OPTIONS="print_stacktrace=1")
    done = subprocess.run([str(drivers / subject)], capture_output=True, text=True, timeout=60, env=env)
    output = done.stdout + done.stderr
    ran = re.search(r"^\[=+\] (\d+) test\(s\) run\.$", output, re.M)
    passed = re.search(r"^\[  PASSED  \] (\d+) test\(s\)\.$", output, re.M)
    assert done.returncode == 0, f"{subject} exited {done.returncode}:\n{output}"
    assert ran and passed and int(passed[1]) == int(ran[1]) == count, output
    assert "[  FAILED  ]" not in output, output


def test_every_vmm_source_compiles_for_arm(tmp_path):
    """vmm.c too (it makes the system calls), against the runtime's headers and
    the ABI header generated from kernel/api.yaml, as a component is built."""
    if shutil.which("arm-none-eabi-gcc") is None:
        pytest.fail("arm-none-eabi-gcc is missing (./tessera setup installs it)")
    _abi_header(tmp_path)
    runtime = ROOT / "sdk" / "runtime" / "include"
    for source in sorted((VMM / "src").glob("*.c")):
        _compile(["arm-none-eabi-gcc", "--specs=picolibc.specs", "-mcpu=cortex-a15", "-marm", "-mfloat-abi=soft",
                  "-std=c11", "-Wall", "-Wextra", "-Werror", "-Wmissing-prototypes", "-O2", "-c", str(source),
                  "-o", str(tmp_path / f"{source.stem}.o"), "-I", str(VMM / "include"), "-I", str(runtime),
                  "-I", str(runtime / "arm"), "-I", str(tmp_path)])
