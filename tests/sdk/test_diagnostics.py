# SPDX-License-Identifier: BSD-2-Clause
"""One bad-input fixture per diagnostic (tests/sdk/diagnostics/*.camkes). Each
fixture's first line reads `// expect: LINE:COL: error: MESSAGE`; the test runs
the checker and asserts that exact location and message, the quoted source line
with its caret, a hint, and no traceback."""

from pathlib import Path

import pytest

from tessera.check import check
from tessera.errors import Diagnostic
from tessera.resolve import resolve

FIXTURES = sorted(Path(__file__).with_name("diagnostics").glob("*.camkes"))


def expectation(path: Path) -> str:
    first = path.read_text().splitlines()[0]
    assert first.startswith("// expect: "), f"{path.name}: first line must be '// expect: ...'"
    return f"{path}:{first[len('// expect: '):]}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_diagnostic(fixture):
    with pytest.raises(Diagnostic) as info:
        check(resolve(fixture))
    text = info.value.render()
    first = text.splitlines()[0]
    assert first == expectation(fixture)
    loc = info.value.loc
    if loc.line > 1 or fixture.read_text().count("\n") > 1:
        source = fixture.read_text().splitlines()[loc.line - 1]
        assert f"\n    {source.expandtabs(1)}\n    {' ' * (loc.column - 1)}^" in text
    assert "hint: " in text
