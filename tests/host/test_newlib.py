# SPDX-License-Identifier: BSD-2-Clause
"""Building newlib for x86_64 components (sdk/tessera/newlib.py): the cache
folder is keyed by the flags, and a build that cannot happen says so in one
line that names what to do or where the log is."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT

from tessera import newlib


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "tessera"


def test_the_cache_key_follows_the_flags(cache, monkeypatch):
    source = newlib.tarball()
    first = newlib.prefix(source)
    assert first.parent == cache and first.name.startswith(f"newlib-{newlib.version(source)}-")
    monkeypatch.setattr(newlib, "CFLAGS", [*newlib.CFLAGS, "-mno-red-zone"])
    assert newlib.prefix(source) != first


def test_missing_source_is_one_line(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(newlib, "SOURCE_DIR", tmp_path / "nowhere")
    with pytest.raises(newlib.NewlibError) as e:
        newlib.ensure()
    assert str(e.value) == (f"no newlib source in {tmp_path / 'nowhere'}: install Debian's newlib-source "
                            "(./tessera setup does)")


def test_a_failed_build_names_its_log_and_leaves_no_library(cache, monkeypatch):
    monkeypatch.setattr(newlib, "TOOLS", {**newlib.TOOLS, "CC_FOR_TARGET": "/bin/false"})
    with pytest.raises(newlib.NewlibError) as e:
        newlib.ensure(quiet=True)
    message = str(e.value)
    assert "\n" not in message
    assert message.startswith("building newlib for x86_64 failed: make ")
    where = newlib.prefix(newlib.tarball())
    assert message.endswith(f"(log: {where.parent / (where.name + '.log')})")
    assert not (where / "BUILT").exists()
    assert [p.name for p in cache.iterdir() if ".build-" in p.name] == []


def test_the_command_prints_the_prefix_or_one_error_line(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path), "PYTHONPATH": str(ROOT / "sdk"), "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    code = "import sys, tessera.newlib as n; n.SOURCE_DIR = n.Path('/nonexistent'); sys.exit(n.main())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == ["tessera: error: no newlib source in /nonexistent: install Debian's "
                                        "newlib-source (./tessera setup does)"]


def test_tessera_build_says_in_one_line_why_there_is_no_library(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    done = subprocess.run([str(ROOT / "tessera"), "build", "examples/hello", "--board", "pc-x86_64"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "XDG_CACHE_HOME": str(not_a_folder)})
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"tessera: error: cannot write newlib's cache folder {not_a_folder}/tessera: "
                                        "Not a directory"]
