# SPDX-License-Identifier: BSD-2-Clause
"""The generator's front end as `tessera.gen configure` runs it, for the SDK
tests: resolve (with the board's preprocessor defines), check and allocate,
and for a virtual machine its device tree.
Components need no C sources here, so only the description can fail."""

import tempfile
from pathlib import Path

from tessera import gen

from tessera.allocate import Sources, allocate
from tessera.checks import check
from tessera.resolve import resolve


def defines(board) -> list[str]:
    """The preprocessor defines the build passes for `board` (see gen.configure)."""
    if board is None:
        return []
    return [f"TESSERA_BOARD_{board.name.replace('-', '_')}", f"TESSERA_ARCH_{board.arch}"]


def generate(top: Path, board=None) -> dict:
    """The model of the system `top` describes, on `board` (None: skip the board's checks)."""
    prog = resolve(top, [top.parent / "interfaces", top.parent], defines(board))
    system = check(prog, board)
    no_sources = {name: {"sources": [], "includes": []} for name in prog.components}
    model = allocate(system, top.parent, Sources(top.parent, no_sources))
    if model["vm"] is not None:             # the guest's device tree, compiled with dtc
        with tempfile.TemporaryDirectory() as out:
            gen.virtual_machine(model, Path(out))
    return model
