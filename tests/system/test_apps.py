# SPDX-License-Identifier: BSD-2-Clause
"""CAmkES apps outside the checkout: `./tessera build DIR` reads the app's
CMakeLists.txt (DeclareCAmkESComponent, DeclareCAmkESRootserver, set,
file(GLOB), add_subdirectory) and builds and boots it unmodified."""

import shutil

import pytest

from conftest import BOARDS, ROOT, tessera
from tessera.paths import DEFAULT_BOARD

APP = ROOT / "tests" / "system" / "apps" / "hello-camkes"


@pytest.fixture
def app(tmp_path):
    dst = tmp_path / "hello-camkes"
    shutil.copytree(APP, dst, symlinks=True)
    return dst


@pytest.mark.parametrize("board", BOARDS)
def test_camkes_app_outside_the_tree_builds_and_runs(boot, app, board):
    b = boot(str(app), board)
    b.expect("client: echo says: hello from a CAmkES app / 21 42")
    status, _ = b.finish()
    assert status == 0


def test_missing_component_source_is_a_diagnostic(app):
    cmake = app / "CMakeLists.txt"
    cmake.write_text(cmake.read_text().replace("${ECHO_DIR}/echo.c", "${ECHO_DIR}/missing.c"))
    done = tessera("build", str(app))
    assert done.returncode == 1
    first = done.stderr.splitlines()[0]
    assert first.startswith(f"{cmake}:12:1: error: component Echo: source file ")
    assert "missing.c does not exist" in first
    assert "Traceback" not in done.stderr


def test_unknown_cmake_variable_is_a_diagnostic(app):
    cmake = app / "CMakeLists.txt"
    cmake.write_text(cmake.read_text().replace("${client_sources}", "${NOT_SET_ANYWHERE}"))
    done = tessera("build", str(app))
    assert done.returncode == 1
    assert "error: CMake variable ${NOT_SET_ANYWHERE} is not known to Tessera" in done.stderr


def test_two_apps_of_the_same_name_do_not_share_a_build(boot, tmp_path):
    """build/<board>/<name> is reused; a different folder of the same name must be built from its own sources."""
    for n, word in enumerate(("first", "second")):
        dst = tmp_path / str(n) / "hello-camkes"
        shutil.copytree(APP, dst, symlinks=True)
        client = dst / "components" / "Client" / "src" / "client.c"
        client.write_text(client.read_text().replace("hello from a CAmkES app", f"hello from the {word} app"))
        b = boot(str(dst), DEFAULT_BOARD)
        b.expect(f"client: echo says: hello from the {word} app / 21 42")
        assert b.finish()[0] == 0


def test_a_system_named_by_its_camkes_file(boot, tmp_path):
    """`tessera run app/other.camkes`: a folder with several descriptions builds the one named."""
    app = tmp_path / "two-tops"
    shutil.copytree(ROOT / "tests" / "camkes" / "attributes", app)
    variant = app / "variant.camkes"
    variant.write_text((app / "attributes.camkes").read_text().replace("solo.buf_len = 64 * 2;", "solo.buf_len = 32;"))
    (app / "two-tops.camkes").unlink(missing_ok=True)
    b = boot(str(variant), "qemu-virt-a15")
    b.expect("solo: rate=42 label=unnamed origin=.11,3. weights=10,20,30 verbose=no buffer=32")
    assert b.finish()[0] == 0
