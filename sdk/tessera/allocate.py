# SPDX-License-Identifier: BSD-2-Clause
"""Allocation: turn a checked program into the frozen model the templates print.
Every number the generated code and the kernel use is decided here: address-space
tags, kernel objects (endpoints, notifications), capability slots and badges,
thread order, priorities, time slices, stack and IPC-buffer addresses."""

from pathlib import Path

from . import abi
from .adl import ast
from .check import CONNECTORS, KERNEL_SETTINGS, builtin_name, setting_names
from .errors import Diagnostic
from .resolve import Program

DEFAULT_PRIORITY = 254          # CAmkES's default
DEFAULT_STACK_SIZE = 16 * 1024
DEFAULT_HEAP_SIZE = 16 * 1024
DEFAULT_TIMESLICE_MS = 10
STACK_REGION_TOP = 0x01000000   # stacks grow down from 16 MiB, a guard page apart
IPC_BUFFER_BASE = 0x00e00000    # one IPC-buffer page per thread, a guard page apart
PAGE = 4096


class Objects:
    """Kernel objects and capabilities as they are handed out."""

    def __init__(self, instances: list[dict], api: dict):
        self.by_name = {i["name"]: i for i in instances}
        self.endpoints: list[str] = []
        self.notifications: list[str] = []
        self.obj = api["objects"]
        self.rights = api["rights"]
        self._keyed: dict[tuple, int] = {}
        self._badges: dict[tuple, int] = {}

    def next_badge(self, key: tuple) -> int:
        """Badges 1, 2, 3 ... per endpoint: a server tells its clients apart by them."""
        self._badges[key] = self._badges.get(key, 0) + 1
        return self._badges[key]

    def has_cap(self, inst: str, name: str) -> bool:
        return any(c["name"] == name for c in self.by_name[inst]["caps"])

    def object(self, kind: str, key: tuple, label: str) -> int:
        table = self.endpoints if kind == "ENDPOINT" else self.notifications
        if (kind, key) not in self._keyed:
            self._keyed[(kind, key)] = len(table)
            table.append(label)
        return self._keyed[(kind, key)]

    def cap(self, inst: str, name: str, kind: str, index: int, rights: list[str], badge: int = 0) -> dict:
        caps = self.by_name[inst]["caps"]
        cap = {"name": name, "slot": len(caps), "type": kind, "type_value": self.obj[kind],
               "rights": sum(self.rights[r] for r in rights), "rights_names": rights,
               "object": index, "badge": badge}
        caps.append(cap)
        return cap


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
                         f"put them in {comp_dir}/src/*.c")
    includes = [str(comp_dir / "include")] if (comp_dir / "include").is_dir() else []
    return sources, includes


def _instance(prog: Program, inst: ast.Instance, vmid: int, conf: dict, system_dir: Path) -> dict:
    comp = prog.components[inst.type]
    sources, includes = component_sources(prog, inst.type, system_dir)
    threads = []
    if comp.control:
        threads.append({"name": f"{inst.name}.control", "kind": "control"})
    return {
        "name": inst.name, "type": inst.type,
        "loc": [inst.loc.path, inst.loc.line], "type_loc": [comp.loc.path, comp.loc.line],
        "vmid": vmid, "control": comp.control,
        "heap_size": int(conf.get("heap_size", DEFAULT_HEAP_SIZE)),
        "sources": sources, "includes": includes, "threads": threads,
        "caps": [{"name": None, "slot": 0, "type": "EMPTY", "type_value": 0, "rights": 0,
                  "rights_names": [], "object": 0, "badge": 0}],
        "attributes": {k: _plain(v) for k, v in conf.items()
                       if builtin_name(k) is None and k not in KERNEL_SETTINGS},
    }


def _connect(prog: Program, objs: Objects) -> None:
    for conn in prog.assembly.composition.connections:
        kind = CONNECTORS[conn.connector]
        to = next(e for e in conn.ends if e.direction == "to")
        key = tuple(to.path)
        froms = [e for e in conn.ends if e.direction == "from"]
        if kind == "rpc":
            ep = objs.object("ENDPOINT", key, ".".join(to.path))
            if not objs.has_cap(*to.path):
                objs.cap(to.path[0], to.path[1], "ENDPOINT", ep, ["RECEIVE"])
            for end in froms:
                objs.cap(end.path[0], end.path[1], "ENDPOINT", ep, ["SEND", "GRANT"], objs.next_badge(key))
        else:
            n = objs.object("NOTIFICATION", key, ".".join(to.path))
            if not objs.has_cap(*to.path):
                objs.cap(to.path[0], to.path[1], "NOTIFICATION", n, ["WAIT"])
            for end in froms:
                objs.cap(end.path[0], end.path[1], "NOTIFICATION", n, ["SIGNAL"], 1)


def _kernel_settings(instances: list[dict], settings: dict, objs: Objects) -> None:
    for inst in instances:
        conf = settings.get(inst["name"], {})
        control = next((t for t in inst["threads"] if t["kind"] == "control"), None)
        timer = conf.get("timer")
        if isinstance(timer, ast.Reference) and timer.path == ["true"]:
            n = objs.object("NOTIFICATION", ("timer", inst["name"]), f"{inst['name']}.timer")
            objs.cap(inst["name"], "timer", "NOTIFICATION", n, ["WAIT"])
            control.update(timer_notification=n, timer_badge=1)
        if "bound_notification" in conf:
            iface = setting_names(conf["bound_notification"])[0]
            cap = next(c for c in inst["caps"] if c["name"] == iface)
            control["bound_notification"] = cap["object"]
        if "fault_handler" in conf:
            handler = setting_names(conf["fault_handler"])[0]
            ep = objs.object("ENDPOINT", ("fault", inst["name"]), f"faults of {inst['name']}")
            objs.cap(handler, f"fault_{inst['name']}", "ENDPOINT", ep, ["RECEIVE"])
            for t in inst["threads"]:
                t.update(fault_endpoint=ep, fault_badge=inst["vmid"])
        for target in setting_names(conf.get("thread_control", [])):
            objs.cap(inst["name"], f"thread_{target}", "THREAD", ("thread", f"{target}.control"), ["CONTROL"])


def _threads(instances: list[dict], settings: dict) -> list[dict]:
    """Number every thread; give each its stack, IPC buffer and scheduling."""
    order = []
    for inst in instances:
        conf = settings.get(inst["name"], {})
        stack = _round_up(int(conf.get("stack_size", DEFAULT_STACK_SIZE)), PAGE)
        top = STACK_REGION_TOP
        for i, t in enumerate(inst["threads"]):
            t.setdefault("timer_notification", None)
            t.setdefault("timer_badge", 0)
            t.setdefault("bound_notification", None)
            t.setdefault("fault_endpoint", None)
            t.setdefault("fault_badge", 0)
            t.update(index=len(order), priority=int(conf.get("priority", DEFAULT_PRIORITY)),
                     timeslice_ms=int(conf.get("timeslice", DEFAULT_TIMESLICE_MS)),
                     stack_size=stack, stack_top=top, arg=0, ipc_buffer=IPC_BUFFER_BASE + i * 2 * PAGE)
            top -= stack + PAGE
            order.append(t)
    return order


def allocate(prog: Program, system_dir: Path) -> dict:
    settings = _settings(prog)
    instances = [_instance(prog, inst, vmid, settings.get(inst.name, {}), system_dir)
                 for vmid, inst in enumerate(prog.assembly.composition.instances, start=1)]
    objs = Objects(instances, abi.load())
    _connect(prog, objs)
    _kernel_settings(instances, settings, objs)
    threads = _threads(instances, settings)
    by_thread = {t["name"]: t["index"] for t in threads}
    for inst in instances:
        for cap in inst["caps"]:
            if isinstance(cap["object"], tuple):        # a thread, numbered only now
                cap["object"] = by_thread[cap["object"][1]]
    return {
        "system": system_dir.name,
        "source": str(prog.root),
        "assembly_line": prog.assembly.loc.line,
        "instances": instances,
        "nthreads": len(threads),
        "endpoints": objs.endpoints,
        "notifications": objs.notifications,
        "irqs": [],
    }


def _plain(value):
    """A setting's value as JSON: references become dotted strings."""
    if isinstance(value, ast.Reference):
        return ".".join(value.path)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _round_up(value: int, align: int) -> int:
    return (value + align - 1) // align * align
