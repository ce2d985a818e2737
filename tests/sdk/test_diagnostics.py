# SPDX-License-Identifier: BSD-2-Clause
"""One bad-input fixture per diagnostic (tests/sdk/diagnostics/*.camkes). A
fixture opens with comment lines that state what it must produce:

    // expect: LINE:COL: error: MESSAGE     (or `error: MESSAGE` without a place,
                                            or `FILE:LINE:COL: ...` for a file beside it)
    // board: qemu-virt-a15                 (optional: run the board's checks too)
    // hint: HINT                           ($DIR stands for the fixtures' folder)

The test runs the front end as the build does (resolve with the board's
defines, check, allocate) and asserts that exact first line, the quoted source
line with its caret under the column, and that exact hint."""

import re
from pathlib import Path

import pytest

from frontend import generate
from tessera import boards
from tessera.adl import parse
from tessera.allocate import allocate
from tessera.checks import check
from tessera.errors import Diagnostic
from tessera.resolve import resolve

DIAGNOSTICS = Path(__file__).with_name("diagnostics")
FIXTURES = sorted(DIAGNOSTICS.glob("*.camkes"))


def header(path: Path) -> dict[str, str]:
    """The fixture's leading `// key: value` lines."""
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"// (expect|board|hint): (.*)", line)
        if not m:
            break
        fields[m.group(1)] = m.group(2).replace("$DIR", str(DIAGNOSTICS.resolve()))
    assert {"expect", "hint"} <= set(fields), f"{path.name}: needs `// expect: ...` and `// hint: ...` lines"
    return fields


def expected_first_line(path: Path, expect: str) -> str:
    if expect.startswith("error: "):
        return expect
    if expect[0].isdigit():
        return f"{path.resolve()}:{expect}"
    return f"{path.parent.resolve()}/{expect}"


def caret(d: Diagnostic) -> str:
    """The source line and caret that render() must show for `d`."""
    lines = Path(d.loc.path).read_text(encoding="utf-8", errors="replace").split("\n")
    return f"\n    {lines[d.loc.line - 1].expandtabs(1)}\n    {' ' * (d.loc.column - 1)}^\n"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_diagnostic(fixture):
    want = header(fixture)
    board = boards.load(want["board"]) if "board" in want else None
    with pytest.raises(Diagnostic) as info:
        generate(fixture, board)
    text = info.value.render()
    assert text.splitlines()[0] == expected_first_line(fixture, want["expect"])
    if info.value.loc is not None:
        assert caret(info.value) in text
    assert text.endswith(f"\n  hint: {want['hint']}")


def test_board_checks_need_the_board():
    """A fixture that names a board fails only with that board's checks."""
    for fixture in FIXTURES:
        want = header(fixture)
        if "board" in want:
            try:
                generate(fixture, None)
            except Diagnostic as d:
                pytest.fail(f"{fixture.name} fails without its board: {d.render()}")


def test_maybe_uses_may_stay_unconnected(tmp_path):
    """`maybe uses` is optional; the same interface without `maybe` is an error."""
    top = tmp_path / "maybe.camkes"
    text = "procedure P { void f(); };\ncomponent A { control; maybe uses P p; }\n" \
           "assembly { composition { component A a; } }\n"
    top.write_text(text)
    model = generate(top)
    assert [u["connected"] for u in model["instances"][0]["uses"]] == [False]
    top.write_text(text.replace("maybe uses", "uses"))
    with pytest.raises(Diagnostic, match=r"'a.p' \(uses P\) is not connected"):
        generate(top)


def test_missing_description_has_no_location(tmp_path):
    with pytest.raises(Diagnostic) as info:
        resolve(tmp_path / "absent.camkes")
    assert info.value.render() == (f"error: cannot read {tmp_path / 'absent.camkes'}: No such file or directory\n"
                                   "  hint: check that the file exists and that you may read it")


def test_preprocessor_missing(tmp_path, monkeypatch):
    top = tmp_path / "cpp.camkes"
    top.write_text("#define N 1\ncomponent A { control; }\nassembly { composition { component A a; } }\n")
    monkeypatch.setattr(parse.shutil, "which", lambda name: None)
    with pytest.raises(Diagnostic) as info:
        resolve(top)
    assert info.value.render().splitlines()[0] == \
        f"{top}:1:1: error: this file needs the C preprocessor, and none is installed"


def test_preprocessor_failure_without_a_place(tmp_path):
    """cpp output that names no file and line still becomes a diagnostic with a hint."""
    d = parse._cpp_error(tmp_path / "x.camkes", "cpp: fatal: out of memory\n")
    assert (d.loc.line, d.loc.column, d.message) == (1, 1, "cpp: fatal: out of memory")
    assert d.hint == "run cpp over the file by hand to see why"


def test_component_without_sources(tmp_path):
    """Found by the system's layout rather than its description, so not a fixture."""
    top = tmp_path / "nosrc.camkes"
    top.write_text("component Lonely { control; }\nassembly { composition { component Lonely l; } }\n")
    with pytest.raises(Diagnostic) as info:
        allocate(check(resolve(top)), tmp_path)
    assert info.value.render().splitlines()[0] == f"{top}:1:1: error: no C sources for component Lonely"
