# SPDX-License-Identifier: BSD-2-Clause
"""Allocation: turn a checked program into the frozen model the templates print.
Every number the generated code and the kernel use is decided here: address-space
tags, thread order, priorities, stack addresses, source files."""

from pathlib import Path

from .check import builtin_name
from .errors import Diagnostic
from .resolve import Program

DEFAULT_PRIORITY = 254          # CAmkES's default
DEFAULT_STACK_SIZE = 16 * 1024
DEFAULT_HEAP_SIZE = 16 * 1024
STACK_REGION_TOP = 0x01000000   # stacks grow down from 16 MiB, a guard page apart
PAGE = 4096


def _settings(prog: Program) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    conf = prog.assembly.configuration
    for s in conf.settings if conf else []:
        inst, attr = s.target
        out.setdefault(inst, {})[builtin_name(attr) or attr] = s.value
    return out


def component_sources(prog: Program, type_name: str, system_dir: Path) -> tuple[list[str], list[str]]:
    """A component's C sources and include folders, by CAmkES's app layout."""
    comp_dir = system_dir / "components" / type_name
    sources = sorted(str(p) for p in (comp_dir / "src").glob("*.c"))
    if not sources:
        comp = prog.components[type_name]
        raise Diagnostic(comp.loc, f"no C sources for component {type_name}",
                         f"put them in {comp_dir.relative_to(system_dir.parent) if comp_dir.is_relative_to(system_dir.parent) else comp_dir}/src/*.c")
    includes = [str(comp_dir / "include")] if (comp_dir / "include").is_dir() else []
    return sources, includes


def allocate(prog: Program, system_dir: Path) -> dict:
    settings = _settings(prog)
    instances = []
    for vmid, inst in enumerate(prog.assembly.composition.instances, start=1):
        comp = prog.components[inst.type]
        conf = settings.get(inst.name, {})
        stack = _round_up(int(conf.get("stack_size", DEFAULT_STACK_SIZE)), PAGE)
        threads = []
        if comp.control:
            threads.append({"name": f"{inst.name}.control", "kind": "control"})
        top = STACK_REGION_TOP
        for t in threads:
            t.update(priority=int(conf.get("priority", DEFAULT_PRIORITY)), stack_size=stack,
                     stack_top=top, arg=0)
            top -= stack + PAGE
        sources, includes = component_sources(prog, inst.type, system_dir)
        instances.append({
            "name": inst.name,
            "type": inst.type,
            "loc": [inst.loc.path, inst.loc.line],
            "type_loc": [comp.loc.path, comp.loc.line],
            "vmid": vmid,
            "control": comp.control,
            "heap_size": int(conf.get("heap_size", DEFAULT_HEAP_SIZE)),
            "sources": sources,
            "includes": includes,
            "threads": threads,
            "attributes": {k: v for k, v in conf.items() if builtin_name(k) is None},
        })
    return {
        "system": system_dir.name,
        "source": str(prog.root),
        "assembly_line": prog.assembly.loc.line,
        "instances": instances,
        "nthreads": sum(len(i["threads"]) for i in instances),
    }


def _round_up(value: int, align: int) -> int:
    return (value + align - 1) // align * align
