# SPDX-License-Identifier: BSD-2-Clause
"""Boards are data in one place, boards/<board>/board.yaml: CMakePresets.json
is generated from them and must be current, and the tests' board lists follow
the folder, so a new board needs no other edit."""

import json
import shutil

import pytest
import yaml

import conftest
from conftest import ROOT
from tessera import boards


def test_cmake_presets_are_current():
    assert boards.PRESETS.read_text() == boards.render_presets(), \
        "CMakePresets.json is out of date: regenerate it with `cd sdk && python3 -m tessera.boards`"


def test_every_board_has_a_configure_and_a_build_preset():
    presets = json.loads(boards.PRESETS.read_text())
    configure = {p["name"]: p for p in presets["configurePresets"] if not p.get("hidden")}
    assert sorted(configure) == boards.names()
    assert sorted(p["name"] for p in presets["buildPresets"]) == boards.names()
    for name, preset in configure.items():
        assert preset["cacheVariables"] == {"BOARD": name}
        assert preset["binaryDir"] == f"${{sourceDir}}/build/{name}/hello"


@pytest.fixture
def new_board(tmp_path, monkeypatch):
    """boards/ as it is, plus my-board: an ARM board copied from qemu-virt-a15."""
    folder = tmp_path / "boards"
    shutil.copytree(ROOT / "boards", folder)
    data = yaml.safe_load((folder / "qemu-virt-a15" / "board.yaml").read_text())
    data.update(name="my-board", description="My board")
    (folder / "my-board").mkdir()
    (folder / "my-board" / "board.yaml").write_text(yaml.safe_dump(data))
    monkeypatch.setattr(boards, "BOARDS", folder)
    return "my-board"


def test_a_new_board_gets_presets_and_tests(new_board):
    presets = json.loads(boards.render_presets())
    mine = next(p for p in presets["configurePresets"] if p["name"] == new_board)
    assert mine["cacheVariables"] == {"BOARD": new_board}
    assert mine["displayName"] == "My board (examples/hello)"
    assert {"name": new_board, "configurePreset": new_board} in presets["buildPresets"]
    assert new_board in conftest.boards_where()
    assert new_board in conftest.boards_where(lambda board: board.arch == "arm")
    assert new_board not in conftest.boards_where(lambda board: board.arch == "x86_64")


def test_virtualization_facts_reach_the_kernel():
    """A board with the GIC virtualization extensions tells the kernel where
    GICH is and which interrupts the virtual timer and the maintenance
    interrupt are; its memory map covers GICH and GICV as device memory."""
    for name in boards.names():
        board = boards.load(name)
        header = boards.render_config_header(board)
        virt = board.virtualization
        if virt is None:
            assert "#define BOARD_HAS_VIRTUALIZATION 0" in header
            continue
        assert "#define BOARD_HAS_VIRTUALIZATION 1" in header
        assert f"#define BOARD_GICH_BASE 0x{virt['gich']:08x}u" in header
        assert f"#define BOARD_VTIMER_IRQ {virt['vtimer_irq']}u" in header
        assert f"#define BOARD_MAINTENANCE_IRQ {virt['maintenance_irq']}u" in header
        for base, size in ((virt["gich"], 0x1000), (virt["gicv"], 0x2000)):
            assert any(d["base"] <= base and base + size <= d["base"] + d["size"]
                       for d in board.data["devices"]), f"{name}: {base:#x} is not in the kernel's memory map"


def test_a_board_with_incomplete_virtualization_is_refused(new_board):
    path = boards.BOARDS / new_board / "board.yaml"
    data = yaml.safe_load(path.read_text())
    del data["virtualization"]["gicv"]
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(boards.TesseraError, match="virtualization lacks gicv"):
        boards.load(new_board)
