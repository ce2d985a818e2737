# SPDX-License-Identifier: BSD-2-Clause
"""Every example on every board (or on the boards its test.yaml's `boards`
names): built, booted, and its console and exit status checked against the
example's own test.yaml (`expect` lines in order, then `interact` steps: text
sent to the serial port and the line that must answer it). A test.yaml's
`system` names the .camkes file in the example's folder to boot instead of the
folder's own (the example with other settings)."""

import re

import pytest
import yaml

from conftest import BOARDS, ROOT

EXAMPLES = sorted(p.parent for p in ROOT.glob("examples/*/test.yaml"))
CASES = [(ex, board) for ex in EXAMPLES
         for board in yaml.safe_load((ex / "test.yaml").read_text()).get("boards", BOARDS)]


def test_every_example_has_a_test_yaml():
    for ex in ROOT.glob("examples/*/"):
        assert (ex / "test.yaml").is_file(), f"{ex.name} has no test.yaml"


@pytest.mark.parametrize("example, board", CASES, ids=[f"{e.name}-{b}" for e, b in CASES])
def test_example_boots(boot, example, board):
    spec = yaml.safe_load((example / "test.yaml").read_text())
    system = example / spec["system"] if "system" in spec else example
    b = boot(str(system.relative_to(ROOT)), board)
    b.expect(rf"Tessera \S+ on {board}")
    for line in spec["expect"]:
        b.expect(re.escape(line))
    for step in spec.get("interact", []):       # typed into the serial port, then what must come back
        b.child.send(step["send"])
        b.expect(re.escape(step["expect"]))
    status, _ = b.finish()
    assert status == spec["exit_status"]
