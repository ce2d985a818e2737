# SPDX-License-Identifier: BSD-2-Clause
"""The generator as the build calls it (configure from cmake/generate.cmake,
image from cmake/image.cmake):

  python3 -m tessera.gen configure --board B --system DIR --out OUT
      board_config.h, board.cmake, tessera/abi.h, component.ld, model.json,
      per-instance glue, components.cmake, spec_limits.h
  python3 -m tessera.gen image --out OUT NAME=ELF ...
      system_spec.c and images.S from model.json and the linked components

Diagnostics go to stderr as file:line:col; the exit status is 1 on any error.
"""

import argparse
import json
import sys
from pathlib import Path

from . import abi, app, boards
from .allocate import Sources, allocate
from .checks import check
from .codegen import generate_glue
from .model import Checked
from .errors import Diagnostic, TesseraError, internal_error
from .image import build as build_image
from .paths import write_if_changed
from .resolve import resolve


def find_description(system_dir: Path, rootserver: Path | None = None) -> Path:
    """The system's top description: the one the app's CMakeLists.txt names
    (DeclareCAmkESRootserver), else <dir>/<dir name>.camkes, else the only .camkes there."""
    if rootserver is not None:
        if not rootserver.is_file():
            raise TesseraError(f"{system_dir}: DeclareCAmkESRootserver names {rootserver}, which does not exist",
                               status=2)
        return rootserver
    named = system_dir / f"{system_dir.name}.camkes"
    if named.is_file():
        return named
    found = sorted(system_dir.glob("*.camkes")) + sorted(system_dir.glob("*.adl"))
    if len(found) == 1:
        return found[0]
    if not found:
        raise TesseraError(f"{system_dir}: no .camkes description found", status=2)
    raise TesseraError(f"{system_dir}: several .camkes files; name the top one {system_dir.name}.camkes", status=2)


def load(board: boards.Board, system_dir: Path) -> tuple[Checked, app.App]:
    """Read and check a system for a board: the app's CMakeLists.txt, the top
    description and its imports (preprocessed with TESSERA_BOARD_<name> and
    TESSERA_ARCH_<arch> defined), then every check."""
    application = app.read(system_dir)
    defines = [f"TESSERA_BOARD_{board.name.replace('-', '_')}", f"TESSERA_ARCH_{board.arch}"]
    prog = resolve(find_description(system_dir, application.rootserver),
                   [system_dir / "interfaces", system_dir, *application.import_dirs], defines + application.defines)
    return check(prog, board), application


def configure(board_name: str, system_dir: Path, out: Path) -> dict:
    board = boards.load(board_name)
    write_if_changed(out / "include" / "board_config.h", boards.render_config_header(board))
    write_if_changed(out / "board.cmake", boards.render_cmake(board))
    api = abi.load()
    write_if_changed(out / "include" / "tessera" / "abi.h", abi.render_header(api))
    write_if_changed(out / "component.ld", abi.linker_script(board.arch, api))
    checked, application = load(board, system_dir)
    for note in checked.notes:
        print(note.render(), file=sys.stderr)
    prog = checked.system.prog
    model = allocate(checked, system_dir.resolve(), Sources(system_dir.resolve(), application.components))
    model["board"] = board_name
    write_if_changed(out / "model.json", json.dumps(model, indent=2) + "\n")
    generate_glue(model, out)
    cmake_files = sorted(system_dir.rglob("CMakeLists.txt"))
    write_if_changed(out / "deps.txt", "\n".join(str(p) for p in [*prog.files, *cmake_files]) + "\n")
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="tessera.gen")
    sub = ap.add_subparsers(dest="step", required=True)
    c = sub.add_parser("configure")
    c.add_argument("--board", required=True)
    c.add_argument("--system", required=True, type=Path)
    c.add_argument("--out", required=True, type=Path)
    i = sub.add_parser("image")
    i.add_argument("--out", required=True, type=Path)
    i.add_argument("elfs", nargs="*", metavar="NAME=ELF")
    args = ap.parse_args(argv)
    try:
        if args.step == "configure":
            configure(args.board, args.system, args.out)
        else:
            model = json.loads((args.out / "model.json").read_text())
            elfs = dict(item.split("=", 1) for item in args.elfs)
            build_image(model, {k: Path(v) for k, v in elfs.items()}, args.out)
    except Diagnostic as d:
        print(d.render(), file=sys.stderr)
        return 1
    except TesseraError as e:
        print(f"tessera: error: {e}", file=sys.stderr)
        return e.status
    except Exception as e:              # a bug of ours: one line, not a traceback
        print(internal_error(e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
