# SPDX-License-Identifier: BSD-2-Clause
"""Where things are in a Tessera checkout."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BOARDS = ROOT / "boards"
TEMPLATES = ROOT / "templates"
SDK = ROOT / "sdk"
ADL_INCLUDE = SDK / "import"
# Components of the import library whose sources live elsewhere than beside
# their .camkes (in <folder>/src and <folder>/include): the VMM.
LIBRARY_SOURCES = {"VM": ROOT / "components" / "vmm"}
DEFAULT_SYSTEM = "examples/hello"
DEFAULT_BOARD = "qemu-virt-a15"


def display(path: Path) -> str:
    """`path` as a user should read it: relative to the checkout when inside it."""
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


_made: set[Path] = set()


def write_if_changed(path: Path, text: str) -> bool:
    """Write `text` to `path` unless it already holds exactly that; True if written.
    Keeps timestamps (and so rebuilds) stable across regenerations."""
    try:
        if path.parent not in _made:            # one mkdir per folder, not per file
            path.parent.mkdir(parents=True, exist_ok=True)
            _made.add(path.parent)
        try:
            if path.read_text(encoding="utf-8") == text:
                return False
        except OSError:
            pass
        try:
            path.write_text(text, encoding="utf-8")
        except FileNotFoundError:               # the folder was removed since
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as e:
        from .errors import TesseraError
        raise TesseraError(f"cannot write {display(Path(e.filename)) if e.filename else display(path)}: "
                           f"{e.strerror or e}") from None
    return True
