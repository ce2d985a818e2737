# SPDX-License-Identifier: BSD-2-Clause
"""The generator as the build calls it (tessera.build, cmake/generate.cmake, cmake/image.cmake):

  python3 -m tessera.gen configure --board B --system DIR --out OUT
      board_config.h, board.cmake, tessera/abi.h, component.ld, model.json,
      per-instance glue, components.cmake, spec_limits.h; deps.txt (every input
      it read) and, last, configured.txt (the board and system, dated when the
      run began)
  python3 -m tessera.gen image --out OUT NAME=ELF ...
      system_spec.c and images.S from model.json and the linked components

Diagnostics go to stderr as file:line:col; the exit status is 1 on any error.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

from . import abi, app, boards
from . import devicetree
from .allocate import Sources, allocate, vm_images
from .checks.vm import DTB_SLOT
from .checks import check
from .codegen import generate_glue
from .model import Checked
from .errors import Diagnostic, Location, TesseraError, internal_error
from .image import build as build_image
from .paths import SDK, TEMPLATES, write_if_changed
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


def split_system(system: Path) -> tuple[Path, Path | None]:
    """A system named by its folder, or by its top .camkes file (`tessera build
    app/other.camkes`): the folder, and the file when one was named."""
    return (system.parent, system) if system.is_file() else (system, None)


def load(board: boards.Board, system: Path) -> tuple[Checked, app.App]:
    """Read and check a system for a board: the app's CMakeLists.txt, the top
    description and its imports (preprocessed with TESSERA_BOARD_<name> and
    TESSERA_ARCH_<arch> defined), then every check."""
    system_dir, top = split_system(system)
    application = app.read(system_dir)
    defines = [f"TESSERA_BOARD_{board.name.replace('-', '_')}", f"TESSERA_ARCH_{board.arch}"]
    prog = resolve(top or find_description(system_dir, application.rootserver),
                   [system_dir / "interfaces", system_dir, *application.import_dirs], defines + application.defines)
    return check(prog, board), application


def configure(board_name: str, system_dir: Path, out: Path) -> dict:
    """Generate everything CMake's configure reads for `system_dir` on `board_name`
    into `out`. configured.txt, written last and dated when this run began, says
    the output is complete: cmake/generate.cmake runs configure again only when
    it is missing, names another board or system, or an input in deps.txt is
    newer. So a build runs it once, whether from tessera.build or from CMake."""
    began = time.time()
    stamp = out / "configured.txt"
    stamp.unlink(missing_ok=True)               # until this run completes, nothing is up to date
    board = boards.load(board_name)
    write_if_changed(out / "include" / "board_config.h", boards.render_config_header(board))
    write_if_changed(out / "board.cmake", boards.render_cmake(board))
    api = abi.load()
    write_if_changed(out / "include" / "tessera" / "abi.h", abi.render_header(api))
    write_if_changed(out / "component.ld", abi.linker_script(board.arch, api))
    checked, application = load(board, system_dir)
    system_dir, _ = split_system(system_dir)
    for note in checked.notes:
        print(note.render(), file=sys.stderr)
    prog = checked.system.prog
    model = allocate(checked, system_dir.resolve(), Sources(system_dir.resolve(), application.components))
    model["board"] = board_name
    if model["vm"] is not None:
        virtual_machine(model, out)
    write_if_changed(out / "model.json", json.dumps(model, indent=2) + "\n")
    generate_glue(model, out)
    deps = inputs(board, system_dir, prog.files) + vm_inputs(model)
    write_if_changed(out / "deps.txt", "".join(f"{p}\n" for p in deps))
    write_if_changed(stamp, f"{board_name}\n{system_dir}\n")
    os.utime(stamp, (began, began))
    return model


def virtual_machine(model: dict, out: Path) -> None:
    """The guest's device tree, compiled into <out>/vm/, its images region in
    the VMM, and the VMM's generated configuration (glue/<vmm>/vm_config.c)."""
    vm = model["vm"]
    dtb = devicetree.build(vm, out / "vm")
    size = dtb.stat().st_size
    if size > DTB_SLOT:
        path, line, column = vm["dtb"]["loc"]
        raise Diagnostic(Location(path, line, column), f"{vm['instance']}: the guest's DTB is {size} bytes, "
                         f"more than the {DTB_SLOT >> 10} KiB it is given", "make the device tree smaller")
    vm["dtb"].update(path=str(dtb), size=size)
    vm["images"] = vm_images(vm)
    vmm = next(i for i in model["instances"] if i["name"] == vm["instance"])
    vmm["sources"] = [*vmm["sources"], str(out / "glue" / vm["instance"] / "vm_config.c")]


def vm_inputs(model: dict) -> list[Path]:
    """A virtual machine's images and own device tree: configure reads their sizes."""
    vm = model["vm"]
    if vm is None:
        return []
    return [Path(img["file"]) for img in vm["images"] if img["what"] != "dtb"] + \
        ([Path(vm["dtb"]["source"])] if vm["dtb"]["source"] else [])


def inputs(board: boards.Board, system_dir: Path, descriptions: list[Path]) -> list[Path]:
    """What configure reads: the board, the ABI, the description and its imports,
    the app's CMakeLists.txt files, its components' source folders (a file added
    there is a new source), and the generator's own code and templates."""
    code = sorted(p for p in (SDK / "tessera").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return [board.path, abi.API_FILE, *descriptions, *sorted(system_dir.rglob("CMakeLists.txt")),
            *sorted(system_dir.glob("components/*/src")), *code, *sorted(TEMPLATES.rglob("*.j2")),
            SDK / "runtime" / "lib" / board.arch / "component.ld.in"]


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
