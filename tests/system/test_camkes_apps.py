# SPDX-License-Identifier: BSD-2-Clause
"""CAmkES-style apps (tests/camkes/<app>/, laid out as CAmkES lays out apps),
one per compatibility feature: each is built unmodified and booted on every
board (or on those its test.yaml's `boards` names, for a feature only some
have), and its console (`expect` lines in order, then `interact` steps: text
typed into the serial port and what must come back) and exit status are
checked."""

import re

import pytest
import yaml

from conftest import BOARDS, ROOT

APPS = sorted(p.parent for p in ROOT.glob("tests/camkes/*/test.yaml"))
CASES = [(app, board) for app in APPS
         for board in yaml.safe_load((app / "test.yaml").read_text()).get("boards", BOARDS)]


@pytest.mark.parametrize("app, board", CASES, ids=[f"{a.name}-{b}" for a, b in CASES])
def test_camkes_app(boot, app, board):
    spec = yaml.safe_load((app / "test.yaml").read_text())
    b = boot(str(app.relative_to(ROOT)), board)
    for line in spec["expect"]:
        b.expect(re.escape(line))
    for step in spec.get("interact", []):       # typed into the serial port, then what must come back
        b.child.send(step["send"])
        b.expect(re.escape(step["expect"]))
    status, _ = b.finish()
    assert status == spec["exit_status"]
