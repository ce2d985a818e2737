# SPDX-License-Identifier: BSD-2-Clause
"""CAmkES application folders: what an app's CMakeLists.txt says about it.

A CAmkES app names its top description with DeclareCAmkESRootserver(app.camkes)
and each component type's sources with
DeclareCAmkESComponent(Name SOURCES a.c b.c INCLUDES include). Tessera reads
those calls (following add_subdirectory() and file(GLOB ...)) instead of running
CMake on them; the rest of the file is CAmkES's build and is ignored. Without a
CMakeLists.txt, the app layout (components/<Name>/src/*.c) is used.

Also read: DeclareCAmkESRootserver's CPP_INCLUDES and CPP_FLAGS (-D, -I),
CAmkESAddImportPath() and CAmkESAddCPPInclude() (folders the description's
imports and #includes search), and libraries a component names in LIBS that
the app builds itself: add_library(name [INTERFACE|STATIC] sources...) with
target_include_directories() and target_sources(). Libraries the app does not
build (seL4's, CAmkES's) are not needed by Tessera and are skipped."""

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
    import_dirs: list[Path] = field(default_factory=list)      # ADL imports and cpp #includes
    defines: list[str] = field(default_factory=list)           # cpp -D for the description
    libraries: dict[str, dict] = field(default_factory=dict)   # built by the app: sources, includes


def read(app_dir: Path) -> App:
    app = App(app_dir)
    cmake = app_dir / "CMakeLists.txt"
    if cmake.is_file():
        _read_file(app, cmake, {}, set())
    for comp in app.components.values():       # libraries may be declared after their users
        for lib in _closure(app, comp.pop("libs")):
            comp["sources"] += [s for s in app.libraries[lib]["sources"] if s not in comp["sources"]]
            comp["includes"] += [i for i in app.libraries[lib]["includes"] if i not in comp["includes"]]
    return app


def _closure(app: App, libs: list[str]) -> list[str]:
    """The app's own libraries among `libs`, with the ones they link, each once."""
    out: list[str] = []
    pending = list(libs)
    while pending:
        lib = pending.pop(0)
        if lib in app.libraries and lib not in out:
            out.append(lib)
            pending += app.libraries[lib]["libs"]
    return out


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
        if lname not in ("declarecamkescomponent", "declarecamkesrootserver", "add_subdirectory", "file", "set",
                         "camkesaddimportpath", "camkesaddcppinclude", "add_library", "target_include_directories",
                         "target_sources", "target_link_libraries"):
            continue
        strict = lname in ("declarecamkescomponent", "declarecamkesrootserver", "add_subdirectory", "file", "set")
        args = _args(body, scope, loc, strict)
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
            _rootserver_options(app, here, args[1:])
        elif lname == "declarecamkescomponent":
            _component(app, here, args, loc)
        elif lname in ("camkesaddimportpath", "camkesaddcppinclude"):
            app.import_dirs += [_path(here, a) for a in args if _path(here, a) not in app.import_dirs]
        elif lname == "add_library" and args and "IMPORTED" not in args and "ALIAS" not in args:
            kinds = {"INTERFACE", "STATIC", "SHARED", "OBJECT", "EXCLUDE_FROM_ALL"}
            app.libraries[args[0]] = {"sources": [str(_path(here, a)) for a in args[1:] if a not in kinds
                                                  and a.endswith((".c", ".S", ".s"))],
                                      "includes": [], "libs": []}
        elif lname in ("target_include_directories", "target_sources", "target_link_libraries") and \
                args and args[0] in app.libraries:
            lib = app.libraries[args[0]]
            values = [a for a in args[1:] if a not in ("INTERFACE", "PUBLIC", "PRIVATE", "SYSTEM", "BEFORE")]
            if lname == "target_include_directories":
                lib["includes"] += [str(_path(here, a)) for a in values]
            elif lname == "target_sources":
                lib["sources"] += [str(_path(here, a)) for a in values if a.endswith((".c", ".S", ".s"))]
            else:
                lib["libs"] += values


def _rootserver_options(app: App, here: Path, args: list[str]) -> None:
    """CPP_INCLUDES folders and CPP_FLAGS (-DNAME[=V], -I folder) of the description."""
    key = None
    for a in args:
        if a in ("CPP_INCLUDES", "CPP_FLAGS"):
            key = a
        elif key == "CPP_INCLUDES":
            app.import_dirs.append(_path(here, a))
        elif key == "CPP_FLAGS" and a.startswith("-D") and len(a) > 2:
            app.defines.append(a[2:])
        elif key == "CPP_FLAGS" and a.startswith("-I") and len(a) > 2:
            app.import_dirs.append(_path(here, a[2:]))


def _component(app: App, here: Path, args: list[str], loc: Location) -> None:
    if not args:
        raise Diagnostic(loc, "DeclareCAmkESComponent() names no component",
                         "write DeclareCAmkESComponent(Name SOURCES file.c ...)")
    name, lists, key = args[0], {"SOURCES": [], "INCLUDES": [], "LIBS": []}, None
    for a in args[1:]:
        if a in COMPONENT_KEYWORDS:
            key = a
        elif key == "LIBS":
            lists["LIBS"].append(a)
        elif key in lists:
            lists[key].append(str(_path(here, a)))
    if not lists["SOURCES"]:
        raise Diagnostic(loc, f"DeclareCAmkESComponent({name}) lists no SOURCES",
                         f"write DeclareCAmkESComponent({name} SOURCES components/{name}/src/{name.lower()}.c)")
    for src in lists["SOURCES"]:
        if not Path(src).is_file():
            raise Diagnostic(loc, f"component {name}: source file {src} does not exist",
                             "SOURCES are relative to the folder of this CMakeLists.txt")
    app.components[name] = {"sources": lists["SOURCES"], "includes": lists["INCLUDES"], "libs": lists["LIBS"]}


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


def _args(body: str, scope: dict[str, list[str]], loc: Location, strict: bool = True) -> list[str]:
    """The arguments with variables expanded; an unknown variable is an error
    (strict) or, for what Tessera only gleans (libraries, import paths), drops
    the argument that uses it."""
    out: list[str] = []
    for m in ARG.finditer(body):
        quoted, bare = m.group(1), m.group(2)
        word = quoted if quoted is not None else bare
        if not strict and any(v not in scope for v in VAR.findall(word)):
            continue
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
