# SPDX-License-Identifier: BSD-2-Clause
"""The command line: bad input gets one readable line and exit status 2; every
verb has --help."""

from pathlib import Path

import pytest

from conftest import tessera


@pytest.mark.parametrize("args, message", [
    (["nope"], "invalid choice: 'nope'"),
    (["run", "examples/nope"], "unknown system 'examples/nope'"),
    (["build", "--board", "nope"], "unknown board 'nope'"),
    (["run", "docs"], "no .camkes description"),
])
def test_bad_input_is_one_line_and_status_2(args, message):
    r = tessera(*args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("tessera: error: ")
    assert message in lines[0]


def verbs() -> list[str]:
    """Every verb the parser knows, so that a new one is checked without an edit here."""
    from tessera import cli
    sub = next(a for a in cli.parser()._actions if a.dest == "verb")
    return sorted(sub.choices)


def test_the_verbs_are_found():
    assert {"build", "run", "debug", "graph", "profile", "setup", "test"} <= set(verbs())


@pytest.mark.parametrize("verb", verbs())
def test_every_verb_has_help(verb):
    r = tessera(verb, "--help")
    assert r.returncode == 0
    assert f"usage: tessera {verb}" in r.stdout


def test_setup_reports_everything_installed():
    r = tessera("setup")
    assert r.returncode == 0
    assert "every package Tessera needs is installed" in r.stdout


def test_bad_description_gets_a_diagnostic_not_a_traceback(tmp_path):
    (tmp_path / "bad.camkes").write_text("component A { control }\n")
    r = tessera("build", str(tmp_path))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert f"{tmp_path}/bad.camkes:1:23: error: syntax error: unexpected '}}'" in r.stderr
    assert "    component A { control }\n" + " " * 26 + "^" in r.stderr



def test_unwritable_outputs_are_one_line():
    """An output folder that cannot be written (here under /proc, which even
    root cannot write) is one line and status 1, not an internal error."""
    r = tessera("graph", "examples/hello", "-o", "/proc/tessera-nope")
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == ["tessera: error: cannot write /proc/tessera-nope: No such file or directory"]
    from tessera import gen
    from tessera.errors import TesseraError
    from conftest import ROOT
    with pytest.raises(TesseraError, match=r"^cannot write /proc/tessera-nope"):
        gen.configure("qemu-virt-a15", ROOT / "examples" / "hello", Path("/proc/tessera-nope"))
