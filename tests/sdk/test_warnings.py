# SPDX-License-Identifier: BSD-2-Clause
"""One fixture per warning that a whole description shows (tests/sdk/warnings/*.camkes),
and the examples that must show none. A fixture opens with comment lines:

    // warning: LINE:COL: warning: MESSAGE
    // hint: HINT

The test checks the description (resolve and check, as the build does) and
asserts that the warning is among its notes, with that exact first line and hint."""

import re
from pathlib import Path

import pytest

from conftest import ROOT
from tessera.checks import check
from tessera.resolve import resolve

WARNINGS = Path(__file__).with_name("warnings")
FIXTURES = sorted(WARNINGS.glob("*.camkes"))


def header(path: Path) -> dict[str, str]:
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"// (warning|hint): (.*)", line)
        if not m:
            break
        fields[m.group(1)] = m.group(2)
    return fields


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_warning(fixture):
    want = header(fixture)
    notes = [n.render() for n in check(resolve(fixture)).notes]
    first = f"{fixture.resolve()}:{want['warning']}"
    found = [n for n in notes if n.split("\n")[0] == first]
    assert found, f"no {first!r} among {notes}"
    assert found[0].endswith(f"\n  hint: {want['hint']}")


@pytest.mark.parametrize("system", ["rtos-linux.camkes", "rtos-linux-1000.camkes", "rt-idle.camkes",
                                    "rt-boot.camkes", "rt-load.camkes"])
def test_rtos_linux_is_schedulable_without_a_warning(system):
    """The control task above the VM: the analysis accepts it and says nothing."""
    from tessera import boards
    checked = check(resolve(ROOT / "examples" / "rtos-linux" / system), boards.load("qemu-virt-a15"))
    assert [n.render() for n in checked.notes] == []
