# SPDX-License-Identifier: BSD-2-Clause
"""The generated glue of every example, checked in under tests/sdk/golden/ and
diffed: a change to the generator shows up as a reviewable change here.

After an intended change:  TESSERA_UPDATE_GOLDEN=1 ./tessera test tests/sdk/test_golden.py"""

import difflib
import os
from pathlib import Path

import pytest
import yaml

from tessera import gen

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("golden")
# Every example a test boots (`boards: []` names one that needs a step of its
# own first, like vmbench's guest, built by tests/system/test_vmbench.py).
EXAMPLES = sorted(p.parent for p in ROOT.glob("examples/*/test.yaml")
                  if yaml.safe_load(p.read_text()).get("boards") != [])
BOARD = "qemu-virt-a15"


# What depends on the guest images a machine has fetched (their sizes, and so
# where they are placed), not on the generator: tests/sdk/test_vm.py checks it
# with fixed images.
IMAGE_DEPENDENT = {"vm_config.c"}


def generated(out: Path) -> dict[str, str]:
    files = {}
    for path in sorted((out / "glue").rglob("*")):
        if path.is_file() and path.name not in IMAGE_DEPENDENT:
            files[str(path.relative_to(out))] = path.read_text()
    files["include/spec_limits.h"] = (out / "include" / "spec_limits.h").read_text()
    return files


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_generated_glue_matches_golden(example, tmp_path):
    gen.configure(BOARD, example, tmp_path)
    got = generated(tmp_path)
    golden = GOLDEN / example.name
    if os.environ.get("TESSERA_UPDATE_GOLDEN"):
        for name, text in got.items():
            (golden / name).parent.mkdir(parents=True, exist_ok=True)
            (golden / name).write_text(text)
    want = {str(p.relative_to(golden)): p.read_text() for p in sorted(golden.rglob("*")) if p.is_file()}
    assert sorted(got) == sorted(want), "generated files differ from the golden set"
    for name in got:
        if got[name] != want[name]:
            diff = "".join(difflib.unified_diff(want[name].splitlines(True), got[name].splitlines(True),
                                                f"golden/{example.name}/{name}", f"generated/{name}"))
            pytest.fail(f"{name} differs from its golden copy:\n{diff}")
