# SPDX-License-Identifier: BSD-2-Clause
"""Allocation: turn a checked system into the frozen model the templates print.
Every number the generated code and the kernel use is decided here: address-space
tags, kernel objects (endpoints, notifications, interrupts), capability slots and
badges, threads and their order, priorities, time slices, stack, IPC-buffer and
dataport addresses, and the C signature of every generated function. Each
connection's objects and each connected interface's glue come from its
connector (connectors/); the settings come typed from the checks (model.py)."""

from pathlib import Path

from . import abi, connectors
from .abi import DATAPORT_BASE, IPC_BUFFER_BASE, STACK_REGION_TOP, VM_IMAGES_BASE
from .adl import ast
from .errors import Diagnostic
from .checks.values import INT_RANGES, bool_value
from .checks.vm import UART_IPA, UART_IRQ
from .model import PAGE, Checked, InstanceSettings, VmSettings
from .paths import ADL_INCLUDE, LIBRARY_SOURCES



PRIVATE_DATAPORT_IDS = 0x40000000     # ids of unshared dataports; shared buffers are 1, 2, 3 ...


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
        self._slots: dict[str, int] = {}        # address space: its next free slot (slot 0 is empty)

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
        space = address_space(self.by_name[inst])       # a group's members share one table
        slot = self._slots.get(space, 1)
        self._slots[space] = slot + 1
        cap = {"name": name, "slot": slot, "type": kind, "type_value": self.obj[kind],
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
        folders come last for every component (procedure headers live there).
        A component with no `control` and nothing it `provides` needs no code
        of its own: its glue is all (a passive holder of dataports, events)."""
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
        if not sources and comp.loc.path and Path(comp.loc.path).resolve().is_relative_to(ADL_INCLUDE.resolve()):
            # A component of the ADL import library (a global component such as
            # SerialServer): its sources sit beside its .camkes, in src/, or
            # where paths.LIBRARY_SOURCES says (the VMM's in components/vmm).
            comp_dir = LIBRARY_SOURCES.get(comp.name, Path(comp.loc.path).parent)
            sources = sorted(str(p) for p in (comp_dir / "src").glob("*.c"))
        needs_code = comp.control or any(i.kind == "provides" for i in comp.interfaces)
        if not sources and needs_code:
            raise Diagnostic(comp.loc, f"no C sources for component {comp.name}",
                             f"put them in {comp_dir}/src/*.c, or name them with "
                             f"DeclareCAmkESComponent({comp.name} SOURCES ...) in the app's CMakeLists.txt")
        includes = [str(comp_dir / "include")] if (comp_dir / "include").is_dir() else []
        return sources, includes


class Allocation:
    """What allocation builds as it goes: the connectors call back into it."""

    def __init__(self, checked: Checked, instances: list[dict], api: dict):
        self.checked = checked
        self.system = checked.system
        self.objs = Objects(instances, api)
        self.ends: dict[tuple[str, str], dict] = {}     # (instance, iface): what the connection made of it
        self.shared: list[dict] = []                    # seL4SharedData buffers, in connection order
        self._dataport_va: dict[str, int] = {}        # address space: its next dataport's address
        self._dataport_n: dict[str, int] = {}         # address space: its dataports so far
        self.global_badges: dict[str, dict[str, int]] = {}  # instance: its global endpoint's bits (globalendpoint.py)

    def thread(self, inst: dict, kind: str, iface: str) -> int:
        arg = len(inst["threads"])
        inst["threads"].append({"name": f"{inst['name']}.{iface}", "kind": kind, "iface": iface, "arg": arg})
        return arg

    def shared_buffer(self, name: str, size: int, users: list[str]) -> dict:
        """A buffer mapped into several address spaces (in the kernel's image),
        with the id that dataport_wrap_ptr() gives pointers into it."""
        region = {"name": name, "id": len(self.shared) + 1, "size": size, "symbol": f"shared_{name}",
                  "users": users}
        self.shared.append(region)
        return region

    def dataport(self, inst: dict, region: dict) -> None:
        """Places a dataport at the instance's next free address, a guard page
        after the last, with its id for dataport_wrap_ptr() (a shared buffer's
        is the same in every sharer) and its rights (`<dataport>_access`)."""
        space = address_space(inst)
        va = self._dataport_va.get(space, DATAPORT_BASE)
        name = region.pop("name")
        n = self._dataport_n.get(space, 0)
        self._dataport_n[space] = n + 1
        ident = region["shared"]["id"] if "shared" in region else PRIVATE_DATAPORT_IDS | (inst["vmid"] << 8) | n
        access = self.checked.of(inst["name"]).dataport_access.get(name, "RW")
        inst["dataports"].append({"name": name, "va": va, **region, "id": ident, "access": access})
        self._dataport_va[space] = va + region["size"] + PAGE


def address_space(inst: dict) -> str:
    """The address space an instance is in: its group's, or its own."""
    return inst.get("group") or inst["name"]


def _instance(checked: Checked, name: str, vmid: int, sources: Sources) -> dict:
    inst = checked.system.instances[name]
    conf = checked.of(name)
    comp = inst.comp
    srcs, includes = sources.of(comp)
    prog = checked.system.prog
    init_kind = "control" if comp.control else "init"
    return {
        "name": name, "type": inst.type,
        "loc": [inst.loc.path, inst.loc.line], "type_loc": [comp.loc.path, comp.loc.line],
        "vmid": vmid, "control": comp.control, "restart_max": conf.restart_max,
        "cycle_counter": conf.cycle_counter,
        "heap_size": conf.heap_size,
        "sources": srcs, "includes": includes,
        "headers": sorted({h for i in comp.interfaces if i.kind in ("uses", "provides")
                           for h in prog.procedures[i.type].includes} | set(comp.includes)),
        "threads": [{"name": f"{name}.{init_kind}", "kind": init_kind, "iface": None, "arg": 0}],
        "caps": [{"name": None, "slot": 0, "type": "EMPTY", "type_value": 0, "rights": 0,
                  "rights_names": [], "object": 0, "badge": 0}],
        "uses": [], "provides": [], "emits": [], "consumes": [], "dataports": [],
        "mutexes": [], "semaphores": [], "ioports": [],
        "attributes": _attributes(comp, conf, prog.structs),
        **(_member(checked, inst) if inst.group else {}),
    }


def _member(checked: Checked, inst) -> dict:
    """What a group member's glue needs besides an instance's: its group, its
    place in it, and its entry point, which the group's glue calls and symbol
    localisation keeps global (with seL4DirectCall's entry points: exports)."""
    main = f"__tessera_member_{inst.name}_main"
    return {"group": inst.group, "member": checked.system.groups[inst.group].members.index(inst.name),
            "main": main, "exports": [main]}


def _attributes(comp: ast.Component, conf: InstanceSettings, structs: dict) -> list[dict]:
    """Each attribute as C: its definition (`decl = value`), its declaration
    in camkes.h, and the literal behind CAMKES_CONST_ATTR(name) (None for a
    value C cannot use as a constant expression)."""
    out = []
    for a in comp.attributes:
        value = conf.attributes.get(a.name)
        ctype = "const char *const" if a.type == "string" else f"const {a.type}"
        dims = "[]" if a.array else ""
        if value is None:
            literal = "{0}" if a.array or a.type not in ("string", *INT_RANGES, "bool", "float", "double") \
                else ('""' if a.type == "string" else "0")
            const = None if a.array else literal
        elif a.array:
            literal = "{" + ", ".join(c_literal(a.type, v, structs) for v in value) + "}" if value else "{0}"
            const = None
        else:
            literal = c_literal(a.type, value, structs)
            const = literal if not isinstance(value, dict) else None
        out.append({"name": a.name, "decl": f"{ctype} {a.name}{dims}", "value": literal, "const": const})
    return out


def c_literal(type_name: str, value, structs: dict) -> str:
    """A checked attribute value (checks/values.py) as a C initializer."""
    base = type_name.removeprefix("struct ").strip()
    if type_name == "string":
        # Every byte a C string literal can hold: printable ASCII as is, the rest in octal.
        return '"' + "".join("\\" + chr(b) if chr(b) in '\\"' else chr(b) if 32 <= b < 127
                             else f"\\{b:03o}" for b in value.encode("utf-8")) + '"'
    if type_name == "bool":
        return "true" if bool_value(value) else "false"
    if isinstance(value, dict):
        fields = {n.split("[")[0]: t for t, n in structs[base].fields}
        return "{" + ", ".join(f".{k} = " + ("{" + ", ".join(c_literal(fields[k], x, structs) for x in v) + "}"
                                            if isinstance(v, list) else c_literal(fields[k], v, structs))
                               for k, v in value.items()) + "}"
    if isinstance(value, float):
        return repr(value)
    if value > (1 << 63) - 1:
        return f"{value}ULL"
    if value == -(1 << 63):
        return "(-9223372036854775807LL - 1)"
    return repr(value)


def _connect(alloc: Allocation) -> None:
    """Kernel objects and capabilities for every connection, from its connector."""
    for conn in alloc.system.connections:
        to = next(e for e in conn.ends if e.direction == "to")
        froms = [e for e in conn.ends if e.direction == "from"]
        connectors.by_name(conn.connector).allocate(alloc, conn, to, froms)


def _interfaces(alloc: Allocation, inst: dict) -> None:
    """Glue for each interface of one instance, from the connector at its end
    (an unconnected interface gets its kind's default), then its locks."""
    comp = alloc.system.instances[inst["name"]].comp
    name = inst["name"]
    for iface in comp.interfaces:
        end = alloc.ends.get((name, iface.name))
        connector = connectors.by_kind(end["kind"]) if end is not None else connectors.default_for(iface.kind)
        connector.glue(alloc, inst, iface, end)
    conf = alloc.checked.of(name)
    objs = alloc.objs
    for kind, lock, _loc in comp.synchronisation:
        ep = objs.object("ENDPOINT", ("lock", name, lock), f"{name}.{lock} ({kind})")
        objs.cap(name, lock, "ENDPOINT", ep, ["SEND", "RECEIVE"])
        if kind == "mutex":
            inst["mutexes"].append({"name": lock})
        else:
            default = 0 if kind == "binary_semaphore" else 1     # CAmkES's start values
            inst["semaphores"].append({"name": lock, "binary": kind == "binary_semaphore",
                                       "initial": conf.semaphores.get(lock, default)})
    if len(inst["threads"]) > 1:
        ep = objs.object("ENDPOINT", ("init", name), f"{name} start-up")
        objs.cap(name, "_init", "ENDPOINT", ep, ["SEND", "RECEIVE"])


def _kernel_objects(alloc: Allocation, instances: list[dict]) -> dict[str, dict]:
    """What Tessera's kernel settings give each instance's threads: a timer's
    notification, a bound notification, a fault endpoint; and capabilities
    on other instances' control threads (thread_control)."""
    objs = alloc.objs
    control_index, n = {}, 0                    # threads are numbered instance by instance
    for inst in instances:
        control_index[inst["name"]] = n
        n += len(inst["threads"])
    extra: dict[str, dict] = {}
    for inst in instances:
        conf = alloc.checked.of(inst["name"])
        control = extra.setdefault(inst["threads"][0]["name"], {})
        if conf.timer:
            n = objs.object("NOTIFICATION", ("timer", inst["name"]), f"{inst['name']}.timer")
            objs.cap(inst["name"], "timer", "NOTIFICATION", n, ["WAIT"])
            control.update(timer_notification=n, timer_badge=1)
        if conf.bound_notification is not None:
            control["bound_notification"] = objs.find_cap(inst["name"], conf.bound_notification)["object"]
        if conf.fault_handler is not None:
            ep = objs.object("ENDPOINT", ("fault", inst["name"]), f"faults of {inst['name']}")
            objs.cap(conf.fault_handler, f"fault_{inst['name']}", "ENDPOINT", ep, ["RECEIVE"])
            for t in inst["threads"]:
                extra.setdefault(t["name"], {}).update(fault_endpoint=ep, fault_badge=inst["vmid"])
        for target in conf.thread_control:
            objs.cap(inst["name"], f"thread_{target}", "THREAD", control_index[target], ["CONTROL"])
    return extra


NO_KERNEL_OBJECTS = {"timer_notification": None, "timer_badge": 0, "bound_notification": None,
                     "fault_endpoint": None, "fault_badge": 0}


def _threads(alloc: Allocation, instances: list[dict], extra: dict[str, dict]) -> list[dict]:
    """Number every thread; give each its stack, IPC buffer and scheduling
    (the instance's settings, or its interface thread's own)."""
    order = []
    cursor: dict[str, tuple[int, int]] = {}     # address space: (next stack top, threads so far)
    for inst in instances:
        conf = alloc.checked.of(inst["name"])
        space = address_space(inst)
        top, n = cursor.get(space, (STACK_REGION_TOP, 0))
        threads = []
        for t in inst["threads"]:
            own = conf.thread(t["iface"])
            stack = _round_up(own.stack_size, PAGE)
            # A connector may have given a thread kernel objects (seL4TimeServer's timer).
            t = {**NO_KERNEL_OBJECTS, **t, **extra.get(t["name"], {}),
                 "index": len(order), "priority": own.priority, "timeslice_ms": conf.timeslice_ms,
                 "period_us": own.period_us or 0, "budget_us": own.budget_us or 0,
                 "stack_size": stack, "stack_top": top, "ipc_buffer": IPC_BUFFER_BASE + n * 2 * PAGE}
            if "member" in inst:        # the group's glue finds the member from the argument
                t["arg"] |= inst["member"] << GROUP_MEMBER_SHIFT
            top -= stack + PAGE
            n += 1
            threads.append(t)
            order.append(t)
        inst["threads"] = threads
        cursor[space] = (top, n)
        if top < IPC_BUFFER_BASE + n * 2 * PAGE:
            loc = conf.locs.get("stack_size", alloc.system.instances[inst["name"]].loc)
            what = f"group {space} ({n} threads with {inst['name']}'s)" if space != inst["name"] else \
                f"instance {inst['name']}: {len(threads)} threads of {conf.stack_size} bytes of stack"
            raise Diagnostic(loc, f"{what} do not fit below {STACK_REGION_TOP:#x}", "lower its stack_size")
    return order


def allocate(checked: Checked, system_dir: Path, sources: Sources | None = None) -> dict:
    sources = sources or Sources(system_dir)
    system = checked.system
    names = [n for n, i in system.instances.items() if not i.comp.hardware]
    api = abi.load()
    board = checked.board
    spaces: dict[str, int] = {}                     # address space (an instance or a group): its tag
    for n in names:
        spaces.setdefault(system.instances[n].group or n, len(spaces) + 1)
    nvspaces = len(spaces) + len(checked.vms)       # each VM adds its guest's address space
    limit = api["address_space_tags"][board.arch] if board is not None else nvspaces
    if nvspaces > limit:
        guests = f" and {len(checked.vms)} guest" if checked.vms else ""
        what = "address spaces" if system.groups else "instances"
        raise Diagnostic(system.prog.assembly.loc, f"{len(spaces)} component {what}{guests}, but {board.arch} "
                         f"tells at most {limit} address spaces apart",
                         "each instance is an address space with a tag of its own; use fewer instances")
    instances = [_instance(checked, n, spaces[system.instances[n].group or n], sources) for n in names]
    alloc = Allocation(checked, instances, api)
    _connect(alloc)
    for inst in instances:
        _interfaces(alloc, inst)
    extra = _kernel_objects(alloc, instances)
    threads = _threads(alloc, instances, extra)
    for inst in instances:
        inst["nthreads"] = len(inst["threads"])
    if checked.vms and system.groups:
        g = next(iter(system.groups.values()))
        raise Diagnostic(g.loc, "a system with a virtual machine cannot have groups (yet)",
                         "give each instance an address space of its own: take them out of the group")
    vm = next((_vm(alloc, instances, vm, len(threads)) for vm in checked.vms.values()), None)
    groups = {"groups": _groups(alloc, instances)} if system.groups else {}
    return {
        "system": system_dir.name,
        "source": str(system.prog.root),
        "assembly_line": system.prog.assembly.loc.line,
        "instances": instances,
        "nthreads": len(threads) + (1 if vm else 0),
        "nvspaces": nvspaces,
        "vm": vm,
        "budgets": any(t["budget_us"] for t in threads) or bool(vm and vm["vcpu"]["budget_us"]),
        "endpoints": alloc.objs.endpoints,
        "notifications": alloc.objs.notifications,
        "irqs": alloc.objs.irqs,
        "shared": alloc.shared,
        "structs": [{"name": s.name, "fields": [{"type": t, "name": n} for t, n in s.fields]}
                    for s in system.prog.structs.values()],
        **groups,
    }


GROUP_MEMBER_SHIFT = 16     # a group member's thread argument: member << 16 | its thread (templates/group.c.j2)


def _groups(alloc: Allocation, instances: list[dict]) -> list[dict]:
    """Each group's address space: its members in order, one heap for all
    (the sum of theirs), one restart policy (the most any member asks for:
    a restart restarts the whole address space), and the dataports of all
    its members, for dataport_wrap_ptr() in any of them."""
    out = []
    for g in alloc.system.groups.values():
        members = [i for i in instances if i.get("group") == g.name]
        out.append({"name": g.name, "loc": [g.loc.path, g.loc.line], "vmid": members[0]["vmid"],
                    "shift": GROUP_MEMBER_SHIFT,
                    "members": [{"name": m["name"], "main": m["main"], "exports": m["exports"]} for m in members],
                    "heap_size": sum(m["heap_size"] for m in members),
                    "restart_max": max(m["restart_max"] for m in members),
                    "dataports": [{"member": m["name"], **d} for m in members for d in m["dataports"]]})
    return out


VCPU_BADGE = 1          # the badge of the vCPU's exits on the VMM's endpoint
CONSOLE_BADGE = 1       # the notification bit that says "console input"


def _vm(alloc: Allocation, instances: list[dict], vm: VmSettings, vcpu_index: int) -> dict:
    """A virtual machine's kernel objects (docs/virtualization.md): the VMM's
    endpoint for the vCPU's exits, a notification bound to its control thread
    for console input, its THREAD capability on the vCPU, the vCPU thread
    (after every component's, in the guest's address space, which follows
    every component's) and the passed-through devices' interrupts."""
    objs = alloc.objs
    name = vm.instance
    vmm = objs.by_name[name]
    ep = objs.object("ENDPOINT", ("vm", name), f"{name} vCPU exits")
    exits = objs.cap(name, "vm_exits", "ENDPOINT", ep, ["RECEIVE"])
    console = objs.object("NOTIFICATION", ("vm_console", name), f"{name} console input")
    vcpu_cap = objs.cap(name, "vcpu", "THREAD", vcpu_index, ["CONTROL"])
    vmm["threads"][0]["bound_notification"] = console
    vmm["vm"] = True
    conf = alloc.checked.of(name)
    sched = conf.sched()                # the VM instance's period and budget are its vCPU's too
    vcpu = {**NO_KERNEL_OBJECTS, "name": f"{name}.vcpu", "kind": "vcpu", "iface": None, "arg": vm.dtb_ipa,
            "index": vcpu_index, "priority": vm.vcpu_priority, "timeslice_ms": conf.timeslice_ms,
            "period_us": sched.period_us or 0, "budget_us": sched.budget_us or 0,
            "stack_size": 0, "stack_top": 0, "ipc_buffer": 0, "fault_endpoint": ep, "fault_badge": VCPU_BADGE}
    irqs = sorted({i for dev in vm.passthrough for i in dev.irqs})
    for irq in irqs:
        objs.irqs.append({"number": irq, "notification": None, "badge": 0, "vcpu": vcpu_index})
    board = alloc.checked.board
    virt = board.virtualization
    image = lambda img: None if img is None else {"path": img.path, "size": img.size, "ipa": img.ipa}
    return {
        "instance": name, "vmm_vspace": instances.index(vmm), "guest_vspace": len(instances),
        "guest_vmid": len(instances) + 1, "loc": [vm.loc.path, vm.loc.line], "vcpu": vcpu,
        "ram": {"ipa": vm.ram_ipa, "size": vm.ram_size, "pa": vm.ram_pa},
        "kernel": image(vm.kernel), "initrd": image(vm.initrd), "kernel_version": vm.kernel_version,
        "dtb": {"ipa": vm.dtb_ipa, "source": vm.dtb_source, "loc": [vm.dtb_loc.path, vm.dtb_loc.line,
                                                                    vm.dtb_loc.column]},
        "bootargs": vm.bootargs, "stdout_path": vm.stdout_path,
        "gicd_ipa": virt["guest_gicd"], "gicc_ipa": virt["guest_gicc"], "gicv": virt["gicv"],
        "uart_ipa": UART_IPA, "uart_irq": UART_IRQ, "vtimer_irq": virt["vtimer_irq"],
        "passthrough": [{"name": d.name, "base": d.base, "size": d.size, "irqs": list(d.irqs),
                         "dt": dict(d.dt) if d.dt else None} for d in vm.passthrough],
        "passthrough_irqs": irqs,
        "vcpu_cap": vcpu_cap["slot"], "endpoint_cap": exits["slot"], "vcpu_badge": VCPU_BADGE,
        "console": {"vspace": instances.index(vmm), "notification": console, "badge": CONSOLE_BADGE},
    }


def vm_images(vm: dict) -> list[dict]:
    """The VMM's read-only images region (LAYOUT_VM_IMAGES_BASE): the kernel,
    initrd and DTB, each on its own pages, backed by the firmware's copy
    (images.S's vm_image_* symbols)."""
    out, va = [], VM_IMAGES_BASE
    for what in ("kernel", "initrd", "dtb"):
        img = vm[what]
        if img is None:
            continue
        out.append({"what": what, "file": img["path"], "size": img["size"], "ipa": img["ipa"], "va": va,
                    "symbol": f"vm_image_{vm['instance']}_{what}"})
        va += _round_up(img["size"], PAGE)
    return out


def _round_up(value: int, align: int) -> int:
    return (value + align - 1) // align * align
