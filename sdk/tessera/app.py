# SPDX-License-Identifier: BSD-2-Clause
"""CAmkES application folders: what an app's CMakeLists.txt says about it.

A CAmkES app names its top description with DeclareCAmkESRootserver(app.camkes)
and each component type's sources with
DeclareCAmkESComponent(Name SOURCES a.c b.c INCLUDES include). Tessera reads
those calls (following add_subdirectory() and file(GLOB ...)) instead of running
CMake on them; the rest of the file is CAmkES's build and is ignored. Without a
CMakeLists.txt, the app layout (components/<Name>/src/*.c) is used."""

import glob
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Diagnostic, Location

COMMAND = re.compile(r"^[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*\(", re.M)
ARG = re.compile(r'"((?:[^"\\]|\\.)*)"|([^\s"]+)')
VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
COMPONENT_KEYWORDS = {"SOURCES", "INCLUDES", "C_FLAGS", "LD_FLAGS", "LIBS", "TEMPLATE_SOURCES",
                      "TEMPLATE_HEADERS", "CAKEML_SOURCES", "CAKEML_HEAP_SIZE", "CAKEML_STACK_SIZE"}


@dataclass
class App:
    root: Path
    rootserver: Path | None = None
    components: dict[str, dict] = field(default_factory=dict)


def read(app_dir: Path) -> App:
    app = App(app_dir)
    cmake = app_dir / "CMakeLists.txt"
    if cmake.is_file():
        _read_file(app, cmake, {}, set())
    return app


def _read_file(app: App, path: Path, variables: dict[str, list[str]], seen: set[Path]) -> None:
    if path in seen:
        return
    seen.add(path)
    text = _strip_comments(path.read_text(encoding="utf-8", errors="replace"))
    here = path.parent
    scope = {**variables, "CMAKE_CURRENT_LIST_DIR": [str(here)], "CMAKE_CURRENT_SOURCE_DIR": [str(here)]}
    for m in COMMAND.finditer(text):
        name = m.group(1)
        body, end = _balanced(text, m.end())
        loc = Location(str(path), text.count("\n", 0, m.start()) + 1, m.start(1) - text.rfind("\n", 0, m.start(1)))
        if end < 0:
            raise Diagnostic(loc, f"unbalanced parentheses in {name}(...)", "close the command's argument list")
        lname = name.lower()
        if lname not in ("declarecamkescomponent", "declarecamkesrootserver", "add_subdirectory", "file", "set"):
            continue
        args = _args(body, scope, loc)
        if lname == "set" and args:
            scope[args[0]] = args[1:]
        elif lname == "file" and len(args) >= 2 and args[0] in ("GLOB", "GLOB_RECURSE"):
            out, patterns = args[1], [a for a in args[2:] if a not in ("CONFIGURE_DEPENDS", "LIST_DIRECTORIES")]
            found = []
            for pat in patterns:
                full = pat if Path(pat).is_absolute() else str(here / pat)
                found += sorted(glob.glob(full, recursive=args[0] == "GLOB_RECURSE"))
            scope[out] = found
        elif lname == "add_subdirectory" and args:
            sub = here / args[0]
            if (sub / "CMakeLists.txt").is_file():
                _read_file(app, sub / "CMakeLists.txt", scope, seen)
        elif lname == "declarecamkesrootserver":
            if not args:
                raise Diagnostic(loc, "DeclareCAmkESRootserver() names no .camkes file",
                                 "write DeclareCAmkESRootserver(app.camkes)")
            app.rootserver = _path(here, args[0])
        elif lname == "declarecamkescomponent":
            _component(app, here, args, loc)


def _component(app: App, here: Path, args: list[str], loc: Location) -> None:
    if not args:
        raise Diagnostic(loc, "DeclareCAmkESComponent() names no component",
                         "write DeclareCAmkESComponent(Name SOURCES file.c ...)")
    name, lists, key = args[0], {"SOURCES": [], "INCLUDES": []}, None
    for a in args[1:]:
        if a in COMPONENT_KEYWORDS:
            key = a
        elif key in lists:
            lists[key].append(str(_path(here, a)))
    if not lists["SOURCES"]:
        raise Diagnostic(loc, f"DeclareCAmkESComponent({name}) lists no SOURCES",
                         f"write DeclareCAmkESComponent({name} SOURCES components/{name}/src/{name.lower()}.c)")
    for src in lists["SOURCES"]:
        if not Path(src).is_file():
            raise Diagnostic(loc, f"component {name}: source file {src} does not exist",
                             "SOURCES are relative to the folder of this CMakeLists.txt")
    app.components[name] = {"sources": lists["SOURCES"], "includes": lists["INCLUDES"]}


def _path(here: Path, p: str) -> Path:
    return (Path(p) if Path(p).is_absolute() else here / p).resolve()


def _strip_comments(text: str) -> str:
    # CMake line comments (# to end of line, outside quotes); bracket comments are rare in apps.
    out = []
    for line in text.split("\n"):
        in_quote = False
        for i, ch in enumerate(line):
            if ch == '"' and (i == 0 or line[i - 1] != "\\"):
                in_quote = not in_quote
            elif ch == "#" and not in_quote:
                line = line[:i]
                break
        out.append(line)
    return "\n".join(out)


def _balanced(text: str, start: int) -> tuple[str, int]:
    depth = 1
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return text[start:i], i
        i += 1
    return text[start:], -1


def _args(body: str, scope: dict[str, list[str]], loc: Location) -> list[str]:
    out: list[str] = []
    for m in ARG.finditer(body):
        quoted, bare = m.group(1), m.group(2)
        word = quoted if quoted is not None else bare
        whole = VAR.fullmatch(word)
        if whole and bare is not None:                  # ${list} expands to its items
            out += _lookup(whole.group(1), scope, loc)
            continue
        out.append(VAR.sub(lambda v: " ".join(_lookup(v.group(1), scope, loc)), word))
    return out


def _lookup(name: str, scope: dict[str, list[str]], loc: Location) -> list[str]:
    if name not in scope:
        raise Diagnostic(loc, f"CMake variable ${{{name}}} is not known to Tessera",
                         "Tessera reads set(), file(GLOB) and CMAKE_CURRENT_LIST_DIR/SOURCE_DIR; "
                         "list the files directly")
    return scope[name]
