# SPDX-License-Identifier: BSD-2-Clause
"""Host unit tests of the kernel's hardware-independent logic (tests/unit):
built once with the host's gcc under AddressSanitizer and UBSan into
build/unit, then each cmocka executable must exit 0 having passed every test
it ran."""

import os
import re
import subprocess

import pytest

from conftest import ROOT

BUILD = ROOT / "build" / "unit"
SUBJECTS = ["sched", "cap", "console", "ipc", "notification", "timer", "thread", "supervisor", "budget", "vgic"]


@pytest.fixture(scope="module")
def unit_build():
    steps = [["cmake", "-S", str(ROOT / "tests" / "unit"), "-B", str(BUILD), "-G", "Ninja"],
             ["cmake", "--build", str(BUILD)]]
    for cmd in steps:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}"
    return BUILD


@pytest.mark.parametrize("subject", SUBJECTS)
def test_unit(unit_build, subject):
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="stdout", UBSAN_OPTIONS="print_stacktrace=1")
    env.pop("UNIT_FILTER", None)
    done = subprocess.run([str(unit_build / f"test_{subject}")], capture_output=True, text=True,
                          timeout=60, env=env)
    output = done.stdout + done.stderr
    ran = re.search(r"^\[=+\] (\d+) test\(s\) run\.$", output, re.M)
    passed = re.search(r"^\[  PASSED  \] (\d+) test\(s\)\.$", output, re.M)
    assert done.returncode == 0, f"test_{subject} exited {done.returncode}:\n{output}"
    assert ran and passed and int(passed[1]) == int(ran[1]) > 0, output
    assert "[  FAILED  ]" not in output, output
