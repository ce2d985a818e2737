# SPDX-License-Identifier: BSD-2-Clause
"""Resolve a system description: follow imports, index every declaration by
name, and find the assembly. The result is a Program that the checks and the
allocator read."""

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .adl import ast
from .adl.parse import parse_file
from .errors import Diagnostic, Location
from .paths import ADL_INCLUDE


@dataclass
class Program:
    root: Path                                  # the top .camkes file
    procedures: dict[str, ast.Procedure] = field(default_factory=dict)
    components: dict[str, ast.Component] = field(default_factory=dict)
    connectors: dict[str, ast.Connector] = field(default_factory=dict)
    structs: dict[str, ast.Struct] = field(default_factory=dict)
    assembly: ast.Assembly | None = None
    files: list[Path] = field(default_factory=list)


def did_you_mean(name: str, candidates) -> str:
    close = difflib.get_close_matches(name, list(candidates), n=1)
    return f"did you mean '{close[0]}'?" if close else ""


def resolve(top: Path, include_dirs: list[Path] = (), defines: list[str] = ()) -> Program:
    """Load `top` and everything it imports. `defines` are the C preprocessor's
    (-D) for files with directives: the build passes the board's, e.g.
    TESSERA_BOARD_raspi2b and TESSERA_ARCH_arm."""
    prog = Program(top)
    _load(prog, top.resolve(), [*include_dirs, ADL_INCLUDE], set(), list(defines))
    if prog.assembly is None:
        raise Diagnostic(Location(str(top), 1, 1), "the system has no assembly",
                         "add `assembly { composition { component <Type> <name>; } }`")
    return prog


def _load(prog: Program, path: Path, include_dirs: list[Path], seen: set[Path], defines: list[str]) -> None:
    if path in seen:
        return
    seen.add(path)
    prog.files.append(path)
    source = parse_file(path, include_dirs, defines)
    for item in source.items:
        match item:
            case ast.Import():
                _load(prog, _find_import(item, path, include_dirs), include_dirs, seen, defines)
            case ast.Procedure():
                _declare(prog.procedures, item, "procedure")
            case ast.Component():
                _declare(prog.components, item, "component")
            case ast.Connector():
                _declare(prog.connectors, item, "connector")
            case ast.Struct():
                _declare(prog.structs, item, "struct")
            case ast.Assembly():
                prog.assembly = item if prog.assembly is None else _merge(prog.assembly, item)


def _merge(first: ast.Assembly, more: ast.Assembly) -> ast.Assembly:
    """Several assembly blocks are one assembly, as in CAmkES: their
    compositions and configurations joined in the order read."""
    a, b = first.composition, more.composition
    composition = ast.Composition(a.loc, [*a.instances, *b.instances], [*a.connections, *b.connections],
                                  [*a.exports, *b.exports])
    confs = [c for c in (first.configuration, more.configuration) if c is not None]
    configuration = ast.Configuration(confs[0].loc, [s for c in confs for s in c.settings]) if confs else None
    return ast.Assembly(first.loc, composition, configuration)


def _find_import(imp: ast.Import, importer: Path, include_dirs: list[Path]) -> Path:
    bases = include_dirs if imp.system else [importer.parent, *include_dirs]
    if "\0" in imp.path:
        raise Diagnostic(imp.loc, "an imported file's name cannot hold a NUL byte", "fix the name")
    for base in bases:
        try:
            candidate = (Path(base) / imp.path).resolve()
            if candidate.is_file():
                return candidate
        except OSError as e:
            raise Diagnostic(imp.loc, f"cannot use '{imp.path[:60]}{'...' if len(imp.path) > 60 else ''}' "
                             f"as a file name: {e.strerror or e}", "fix the name") from None
    where = "the SDK's ADL folder" if imp.system else f"{importer.parent} or the include path"
    raise Diagnostic(imp.loc, f"cannot find imported file '{imp.path}'", f"looked in {where}")


def _declare(table: dict, item, what: str) -> None:
    prev = table.get(item.name)
    if prev is not None:
        raise Diagnostic(item.loc, f"duplicate {what} '{item.name}'", f"'{item.name}' is already defined at {prev.loc}")
    table[item.name] = item
