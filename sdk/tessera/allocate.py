# SPDX-License-Identifier: BSD-2-Clause
"""Allocation: turn a checked system into the frozen model the templates print.
Every number the generated code and the kernel use is decided here: address-space
tags, kernel objects (endpoints, notifications, interrupts), capability slots and
badges, threads and their order, priorities, time slices, stack, IPC-buffer and
dataport addresses, and the C signature of every generated function."""

from pathlib import Path

from . import abi
from .abi import DATAPORT_BASE, IPC_BUFFER_BASE, STACK_REGION_TOP
from .adl import ast
from .check import CONNECTORS, KERNEL_SETTINGS, PAGE, builtin_name, hardware_values, port_range, setting_names
from .compose import System
from .errors import Diagnostic
from .marshal import method_model

DEFAULT_PRIORITY = 254          # CAmkES's default
DEFAULT_STACK_SIZE = 16 * 1024
DEFAULT_HEAP_SIZE = 16 * 1024
DEFAULT_TIMESLICE_MS = 10


class Objects:
    """Kernel objects and capabilities as they are handed out."""

    def __init__(self, instances: list[dict], api: dict):
        self.by_name = {i["name"]: i for i in instances}
        self.endpoints: list[str] = []
        self.notifications: list[str] = []
        self.irqs: list[dict] = []
        self.obj = api["objects"]
        self.rights = api["rights"]
        self._keyed: dict[tuple, int] = {}
        self._badges: dict[tuple, int] = {}

    def next_badge(self, key: tuple) -> int:
        """Badges 1, 2, 3 ... per endpoint: a server tells its clients apart by them."""
        self._badges[key] = self._badges.get(key, 0) + 1
        return self._badges[key]

    def find_cap(self, inst: str, name: str) -> dict | None:
        return next((c for c in self.by_name[inst]["caps"] if c["name"] == name), None)

    def object(self, kind: str, key: tuple, label: str) -> int:
        table = self.endpoints if kind == "ENDPOINT" else self.notifications
        if (kind, key) not in self._keyed:
            self._keyed[(kind, key)] = len(table)
            table.append(label)
        return self._keyed[(kind, key)]

    def cap(self, inst: str, name: str, kind: str, index, rights: list[str], badge: int = 0) -> dict:
        caps = self.by_name[inst]["caps"]
        cap = {"name": name, "slot": len(caps), "type": kind, "type_value": self.obj[kind],
               "rights": sum(self.rights[r] for r in rights), "rights_names": rights,
               "object": index, "badge": badge}
        caps.append(cap)
        return cap


class Sources:
    """Where each component type's C sources are: the app's CMakeLists.txt
    (DeclareCAmkESComponent) when it names them, else CAmkES's app layout."""

    def __init__(self, system_dir: Path, declared: dict[str, dict] | None = None):
        self.system_dir = system_dir
        self.declared = declared or {}
        self._cache: dict[str, tuple[list[str], list[str]]] = {}

    def of(self, comp: ast.Component) -> tuple[list[str], list[str]]:
        """Sources and include folders; the app's own include/ and interfaces/
        folders come last for every component (procedure headers live there)."""
        if comp.name not in self._cache:
            sources, includes = self._find(comp)
            shared = [str(self.system_dir / d) for d in ("include", "interfaces") if (self.system_dir / d).is_dir()]
            self._cache[comp.name] = (sources, includes + [d for d in shared if d not in includes])
        return self._cache[comp.name]

    def _find(self, comp: ast.Component) -> tuple[list[str], list[str]]:
        if comp.name in self.declared:
            d = self.declared[comp.name]
            return list(d["sources"]), list(d["includes"])
        comp_dir = self.system_dir / "components" / comp.name
        sources = sorted(str(p) for p in (comp_dir / "src").glob("*.c"))
        if not sources:
            raise Diagnostic(comp.loc, f"no C sources for component {comp.name}",
                             f"put them in {comp_dir}/src/*.c, or name them with "
                             f"DeclareCAmkESComponent({comp.name} SOURCES ...) in the app's CMakeLists.txt")
        includes = [str(comp_dir / "include")] if (comp_dir / "include").is_dir() else []
        return sources, includes


def _settings(system: System) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for s in system.settings:
        out.setdefault(s.instance, {})[builtin_name(s.attr) or s.attr] = s.value
    return out


def _instance(system: System, name: str, vmid: int, conf: dict, sources: Sources) -> dict:
    inst = system.instances[name]
    comp = inst.comp
    srcs, includes = sources.of(comp)
    prog = system.prog
    init_kind = "control" if comp.control else "init"
    return {
        "name": name, "type": inst.type,
        "loc": [inst.loc.path, inst.loc.line], "type_loc": [comp.loc.path, comp.loc.line],
        "vmid": vmid, "control": comp.control,
        "heap_size": int(conf.get("heap_size", DEFAULT_HEAP_SIZE)),
        "sources": srcs, "includes": includes,
        "headers": sorted({h for i in comp.interfaces if i.kind in ("uses", "provides")
                           for h in prog.procedures[i.type].includes} | set(comp.includes)),
        "threads": [{"name": f"{name}.{init_kind}", "kind": init_kind, "iface": None, "arg": 0}],
        "caps": [{"name": None, "slot": 0, "type": "EMPTY", "type_value": 0, "rights": 0,
                  "rights_names": [], "object": 0, "badge": 0}],
        "uses": [], "provides": [], "emits": [], "consumes": [], "dataports": [],
        "mutexes": [], "semaphores": [], "ioports": [],
        "attributes": _attributes(comp, conf),
    }


def _attributes(comp: ast.Component, conf: dict) -> list[dict]:
    out = []
    for a in comp.attributes:
        value = conf.get(a.name, a.default)
        if a.type == "string":
            text = value if isinstance(value, str) else ""
            # Every byte a C string literal can hold: printable ASCII as is, the rest in octal.
            literal = '"' + "".join("\\" + chr(b) if chr(b) in '\\"' else chr(b) if 32 <= b < 127
                                    else f"\\{b:03o}" for b in text.encode("utf-8")) + '"'
            out.append({"name": a.name, "decl": f"const char *const {a.name}", "value": literal})
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out.append({"name": a.name, "decl": f"const {a.type} {a.name}", "value": repr(value)})
        elif value is None:
            out.append({"name": a.name, "decl": f"const {a.type} {a.name}", "value": "{0}"})
        else:
            raise Diagnostic(a.loc, f"attribute '{a.name}' of type {a.type} cannot take the value {value!r}",
                             "Tessera sets number and string attributes")
    return out


def _thread(inst: dict, kind: str, iface: str) -> int:
    arg = len(inst["threads"])
    inst["threads"].append({"name": f"{inst['name']}.{iface}", "kind": kind, "iface": iface, "arg": arg})
    return arg


def _connect(system: System, objs: Objects, instances: dict[str, dict]) -> dict[tuple[str, str], dict]:
    """Kernel objects and capabilities for every connection; returns what each
    connected interface became, keyed by (instance, interface)."""
    ends: dict[tuple[str, str], dict] = {}
    hw = hardware_values(system)
    for conn in system.connections:
        kind = CONNECTORS[conn.connector]
        to = next(e for e in conn.ends if e.direction == "to")
        froms = [e for e in conn.ends if e.direction == "from"]
        key = tuple(to.path)
        if kind in ("rpc", "endpoint"):
            ep = objs.object("ENDPOINT", key, ".".join(to.path))
            if objs.find_cap(*to.path) is None:
                objs.cap(to.instance, to.iface.name, "ENDPOINT", ep, ["RECEIVE"])
            ends[key] = {"kind": kind}
            for end in froms:
                badge = objs.next_badge(key)
                objs.cap(end.instance, end.iface.name, "ENDPOINT", ep, ["SEND", "GRANT"], badge)
                ends[tuple(end.path)] = {"kind": kind, "badge": badge}
        elif kind == "notification":
            n = objs.object("NOTIFICATION", key, ".".join(to.path))
            if objs.find_cap(*to.path) is None:
                objs.cap(to.instance, to.iface.name, "NOTIFICATION", n, ["WAIT"])
            ends[key] = {"kind": kind}
            for end in froms:
                objs.cap(end.instance, end.iface.name, "NOTIFICATION", n, ["SIGNAL"], 1)
                ends[tuple(end.path)] = {"kind": kind}
        elif kind == "shared":
            region = {"name": conn.name, "size": to.iface.size or PAGE}
            for end in conn.ends:
                ends[tuple(end.path)] = {"kind": kind, "shared": region}
        elif kind == "mmio":
            v = hw[(to.instance, to.iface.name)]
            size = v.get("size", to.iface.size or PAGE)
            ends[tuple(froms[0].path)] = {"kind": kind, "paddr": v["paddr"], "size": size}
        elif kind == "irq":
            src = froms[0]
            number = hw[(src.instance, src.iface.name)]["irq_number"]
            n = objs.object("NOTIFICATION", key, f"{'.'.join(to.path)} (interrupt {number})")
            objs.cap(to.instance, to.iface.name, "NOTIFICATION", n, ["WAIT"])
            objs.irqs.append({"number": number, "notification": n, "badge": 1, "owner": ".".join(to.path)})
            objs.cap(to.instance, f"{to.iface.name}_irq", "IRQ", len(objs.irqs) - 1, ["ACK"])
            ends[key] = {"kind": kind, "number": number}
        elif kind == "ioport":
            first, last = port_range(hw[(to.instance, to.iface.name)]["attributes"])
            ends[tuple(froms[0].path)] = {"kind": kind, "first": first, "last": last}
    return ends


def _interfaces(system: System, objs: Objects, inst: dict, ends: dict, shared: dict, conf: dict) -> None:
    """Glue for each interface of one instance: stubs, server and event threads,
    dataport addresses, locks."""
    comp = system.instances[inst["name"]].comp
    prog = system.prog
    name = inst["name"]
    va = DATAPORT_BASE
    for iface in comp.interfaces:
        end = ends.get((name, iface.name))
        if iface.kind in ("uses", "provides"):
            if end is not None and end["kind"] == "endpoint":
                continue                                # a bare endpoint: the capability is all
            if end is not None and end["kind"] == "ioport":
                inst["ioports"].append({"name": iface.name, "first": end["first"], "last": end["last"]})
                continue                                # port access: the kernel's permission is all
            proc = prog.procedures[iface.type]
            methods = [method_model(iface.name, proc, m, label) for label, m in enumerate(proc.methods, start=1)]
            entry = {"name": iface.name, "procedure": proc.name, "methods": methods,
                     "connected": end is not None}
            if iface.kind == "provides":
                if end is None:
                    n = objs.object("ENDPOINT", (name, iface.name), f"{name}.{iface.name} (unconnected)")
                    objs.cap(name, iface.name, "ENDPOINT", n, ["RECEIVE"])
                entry["thread"] = _thread(inst, "rpc", iface.name)
                inst["provides"].append(entry)
            else:
                inst["uses"].append(entry)
        elif iface.kind == "emits":
            inst["emits"].append({"name": iface.name, "connected": end is not None})
        elif iface.kind == "consumes":
            if end is None:
                n = objs.object("NOTIFICATION", (name, iface.name), f"{name}.{iface.name} (unconnected)")
                objs.cap(name, iface.name, "NOTIFICATION", n, ["WAIT"])
            arm = objs.object("NOTIFICATION", ("arm", name, iface.name), f"{name}.{iface.name} callbacks")
            objs.cap(name, f"{iface.name}_arm", "NOTIFICATION", arm, ["SIGNAL", "WAIT"], 1)
            inst["consumes"].append({"name": iface.name, "irq": bool(end and end["kind"] == "irq"),
                                     "thread": _thread(inst, "event", iface.name)})
        elif iface.kind == "dataport":
            region = {"name": iface.name, "va": va, "ctype": _dataport_ctype(iface)}
            if end is not None and end["kind"] == "mmio":
                region.update(size=end["size"], paddr=end["paddr"], what="device")
            elif end is not None:
                region.update(size=end["shared"]["size"], shared=shared[end["shared"]["name"]], what="shared")
            else:
                region.update(size=iface.size or PAGE, what="private")
            inst["dataports"].append(region)
            va += region["size"] + PAGE
    for kind, lock, _loc in comp.synchronisation:
        ep = objs.object("ENDPOINT", ("lock", name, lock), f"{name}.{lock} ({kind})")
        objs.cap(name, lock, "ENDPOINT", ep, ["SEND", "RECEIVE"])
        if kind == "mutex":
            inst["mutexes"].append({"name": lock})
        else:
            default = 1 if kind == "binary_semaphore" else 0
            inst["semaphores"].append({"name": lock, "binary": kind == "binary_semaphore",
                                       "initial": int(conf.get(f"{lock}_value", default))})
    if len(inst["threads"]) > 1:
        ep = objs.object("ENDPOINT", ("init", name), f"{name} start-up")
        objs.cap(name, "_init", "ENDPOINT", ep, ["SEND", "RECEIVE"])


def _dataport_ctype(iface: ast.Interface) -> str:
    return "void" if iface.type == "Buf" else iface.type


def _kernel_settings(instances: list[dict], settings: dict, objs: Objects) -> None:
    for inst in instances:
        conf = settings.get(inst["name"], {})
        control = inst["threads"][0]
        timer = conf.get("timer")
        if isinstance(timer, ast.Reference) and timer.path == ["true"]:
            n = objs.object("NOTIFICATION", ("timer", inst["name"]), f"{inst['name']}.timer")
            objs.cap(inst["name"], "timer", "NOTIFICATION", n, ["WAIT"])
            control.update(timer_notification=n, timer_badge=1)
        if "bound_notification" in conf:
            iface = setting_names(conf["bound_notification"])[0]
            cap = objs.find_cap(inst["name"], iface)
            control["bound_notification"] = cap["object"]
        if "fault_handler" in conf:
            handler = setting_names(conf["fault_handler"])[0]
            ep = objs.object("ENDPOINT", ("fault", inst["name"]), f"faults of {inst['name']}")
            objs.cap(handler, f"fault_{inst['name']}", "ENDPOINT", ep, ["RECEIVE"])
            for t in inst["threads"]:
                t.update(fault_endpoint=ep, fault_badge=inst["vmid"])
        for target in setting_names(conf.get("thread_control", [])):
            objs.cap(inst["name"], f"thread_{target}", "THREAD", ("thread", target), ["CONTROL"])


def _threads(instances: list[dict], settings: dict, locs: dict) -> list[dict]:
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
                     stack_size=stack, stack_top=top, ipc_buffer=IPC_BUFFER_BASE + i * 2 * PAGE)
            top -= stack + PAGE
            order.append(t)
        if top < IPC_BUFFER_BASE + len(inst["threads"]) * 2 * PAGE:
            raise Diagnostic(locs[inst["name"]], f"instance {inst['name']}: {len(inst['threads'])} threads of "
                             f"{stack} bytes of stack do not fit below {STACK_REGION_TOP:#x}",
                             "lower its stack_size")
    return order


def allocate(system: System, system_dir: Path, sources: Sources | None = None) -> dict:
    sources = sources or Sources(system_dir)
    settings = _settings(system)
    names = [n for n, i in system.instances.items() if not i.comp.hardware]
    instances = [_instance(system, n, vmid, settings.get(n, {}), sources)
                 for vmid, n in enumerate(names, start=1)]
    by_name = {i["name"]: i for i in instances}
    objs = Objects(instances, abi.load())
    shared = {}
    for conn in system.connections:
        if CONNECTORS[conn.connector] == "shared":
            to = next(e for e in conn.ends if e.direction == "to")
            shared[conn.name] = {"name": conn.name, "size": to.iface.size or PAGE, "symbol": f"shared_{conn.name}",
                                 "users": [".".join(e.path) for e in conn.ends]}
    ends = _connect(system, objs, by_name)
    for inst in instances:
        _interfaces(system, objs, inst, ends, shared, settings.get(inst["name"], {}))
    _kernel_settings(instances, settings, objs)
    locs = {n: i.loc for n, i in system.instances.items()}
    locs.update({s.instance: s.loc for s in system.settings if builtin_name(s.attr) == "stack_size"})
    threads = _threads(instances, settings, locs)
    by_thread = {t["name"]: t["index"] for t in threads}
    for inst in instances:
        inst["nthreads"] = len(inst["threads"])
        for cap in inst["caps"]:
            if isinstance(cap["object"], tuple):        # a thread, numbered only now
                cap["object"] = by_thread[by_name[cap["object"][1]]["threads"][0]["name"]]
    return {
        "system": system_dir.name,
        "source": str(system.prog.root),
        "assembly_line": system.prog.assembly.loc.line,
        "instances": instances,
        "nthreads": len(threads),
        "endpoints": objs.endpoints,
        "notifications": objs.notifications,
        "irqs": objs.irqs,
        "shared": list(shared.values()),
        "structs": [{"name": s.name, "fields": [{"type": t, "name": n} for t, n in s.fields]}
                    for s in system.prog.structs.values()],
    }


def _round_up(value: int, align: int) -> int:
    return (value + align - 1) // align * align
