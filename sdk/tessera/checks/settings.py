# SPDX-License-Identifier: BSD-2-Clause
"""Settings: each `instance.attribute = value;` is checked and interpreted
here, once, into the instance's typed InstanceSettings (model.py)."""

from ..adl import ast
from ..compose import System
from ..errors import Diagnostic, Location, Note
from ..model import PAGE, RESTART_ALWAYS, RESTART_MAX_LIMIT, Hardware, InstanceSettings, ThreadSettings, frozen
from ..resolve import did_you_mean
from . import connection_settings, ioapic
from .vm import VM_SETTINGS, is_vm
from .values import check_value, show as _show

# The longest period (and budget): 10 s, well inside the spec's 32 bits of microseconds.
MAX_PERIOD_US = 10_000_000

# Per-instance settings every component understands (CAmkES spells them with a
# leading underscore; Tessera accepts both). name: (minimum, maximum, field)
BUILTIN_SETTINGS = {
    "priority": (0, 255, "priority"),
    "stack_size": (4096, 1 << 20, "stack_size"),
    "heap_size": (0, 16 << 20, "heap_size"),
    "timeslice": (1, 1000, "timeslice_ms"),     # milliseconds
    "period": (1, MAX_PERIOD_US, "period_us"),  # microseconds, as CAmkES (MCS) has them
    "budget": (1, MAX_PERIOD_US, "budget_us"),  # microseconds of execution per period
}

# Tessera's kernel settings, per instance (docs/adl.md):
#   x.timer = true;                    x's control thread gets a timer (CAP_timer to wait on)
#   x.fault_handler = "y";             faults of x's threads go to y (CAP_fault_x in y)
#   y.thread_control = ["x", ...];     y may suspend/resume x's control thread (CAP_thread_x)
#   x.bound_notification = "iface";    a consumed event that x's endpoint receive also returns
#   x.restart = "always";              after an unhandled fault the kernel restarts x ("never": the default)
#   x.restart_max = 3;                 ... at most 3 times (docs/reliability.md)
#   x.cycle_counter = true;            x's threads may read the cycle counter (ARM's PMU; docs/reliability.md)
KERNEL_SETTINGS = {"timer", "fault_handler", "thread_control", "bound_notification", "restart", "restart_max",
                   "cycle_counter"}
RESTART_POLICIES = ("never", "always")

# Tessera's setting for a hardware instance: dev.board_device = "uart"; takes
# its register window, interrupt and I/O ports from the board's device of that
# name (board.yaml user_devices, by name or alias).
BOARD_DEVICE = "board_device"

# Per-thread settings CAmkES accepts for an interface's thread:
# x.<iface>_priority, x.<iface>_stack_size (the provided or consumed interface's thread).
THREAD_SETTINGS = {"priority": "priority", "stack_size": "stack_size", "period": "period_us", "budget": "budget_us"}

# Settings CAmkES accepts that Tessera has no use for: accepted with a note.
# name (without its leading `_` or `<iface>_`): why Tessera ignores it
IGNORED_SETTINGS = {
    "integrity_label": "Tessera has no information-flow labels",
    "domain": "Tessera has no scheduling domains; threads share one fixed-priority scheduler",
    "affinity": "Tessera runs every thread on one core",
    "max_priority": "a thread cannot change its priority in Tessera, so no limit is needed",
    "mcp": "a thread cannot change its priority in Tessera, so no limit is needed",
    "data": "a budget's timeout has no handler in Tessera: the thread is throttled until its period ends",
    "size_bits": "Tessera has no scheduling-context objects",
    "passive": "Tessera has no passive servers: every thread runs on its own budget or none",
    "sched_context": "Tessera has no scheduling-context objects",
    "cnode_size_bits": "capability tables are sized from the description",
    "simple": "Tessera has no seL4 `simple` interface",
    "simple_untyped20_pool": "Tessera allocates nothing after boot; there are no untypeds",
    "simple_untyped21_pool": "Tessera allocates nothing after boot; there are no untypeds",
    "simple_untyped24_pool": "Tessera allocates nothing after boot; there are no untypeds",
    "untyped_mmios": "device memory reaches components through seL4HardwareMMIO",
    "dma_pool": "Tessera has no DMA pool; share memory with a dataport",
    "asid_pool": "address spaces are tagged from the description",
    "fault_handler_priority": "faults go to the `fault_handler` instance's threads",
}

HARDWARE_EXAMPLES = {"paddr": "0x09000000", "size": "0x1000", "irq_number": "33", "attributes": '"0x3f8:0x3ff"'}


def builtin_name(attr: str) -> str | None:
    name = attr[1:] if attr.startswith("_") else attr
    return name if name in BUILTIN_SETTINGS else None


def check_settings(system: System, board, notes: list) -> dict[str, InstanceSettings]:
    """Every setting checked in the order written; then each instance's typed
    settings. Settings accepted but not used are added to `notes`."""
    values: dict[str, dict] = {name: {"locs": {}, "hardware": {}, "threads": {}} for name in system.instances}
    for s in system.settings:
        _setting(system, board, s, values[s.instance], notes)
    for name, v in values.items():
        _restart_policy(name, v)
        for iface, entry in v["hardware"].items():
            explicit = entry.pop("explicit", False)
            ioapic.resolve(name, iface, entry, board, explicit)
            for field in set(ioapic.SETTINGS.values()):
                entry.pop(field, None)
    return {name: _resolve(system, name, v) for name, v in values.items()}


def _setting(system: System, board, s, out: dict, notes: list) -> None:
    inst = system.instances[s.instance]
    comp = inst.comp
    name = builtin_name(s.attr)
    if comp.hardware and (name is not None or s.attr in KERNEL_SETTINGS):
        raise Diagnostic(s.loc, f"{s.instance}.{s.attr}: {s.instance} is a hardware component and has no threads",
                         "set it on the component that drives the device")
    if name is not None:
        low, high, field = BUILTIN_SETTINGS[name]
        _check_whole(s, f"{name} is a whole number from {low} to {high}")
        if not low <= s.value <= high:
            raise Diagnostic(s.loc, f"{s.instance}.{s.attr} = {_show(s.value)} is out of range",
                             f"{name} is a whole number from {low} to {high}")
        out[field] = s.value
        out["locs"][field] = s.loc
        return
    if is_vm(comp) and s.attr in VM_SETTINGS:
        return                                  # a virtual machine's: checks/vm.py reads them
    if s.attr in KERNEL_SETTINGS:
        _kernel_setting(system, inst, s.attr, s, out)
        out["locs"][s.attr] = s.loc
        return
    if comp.hardware and s.attr == BOARD_DEVICE:
        _board_device(comp, board, s, out)
        return
    hw = hardware_setting(comp, s.attr)
    if hw is not None:
        _hardware_setting(s, hw, out)
        return
    if connection_settings.setting(comp, s):       # <iface>_shmem_size, <iface>_attributes
        return
    sem = next((n for k, n, _ in comp.synchronisation if k != "mutex" and s.attr == f"{n}_value"), None)
    if sem is not None:
        _check_whole(s, "a semaphore starts at a whole number from 0 to 65535")
        if not 0 <= s.value <= 0xffff:
            raise Diagnostic(s.loc, f"{s.instance}.{s.attr} = {_show(s.value)} is out of range",
                             "a semaphore starts at a whole number from 0 to 65535")
        out.setdefault("semaphores", {})[sem] = s.value
        return
    attr = next((a for a in comp.attributes if a.name == s.attr), None)
    if attr is None and _thread_setting(comp, s, out):
        return
    if attr is None and _access_setting(comp, s, out):
        return
    if attr is None and _ignored_setting(comp, s, notes):
        return
    if attr is None:
        raise Diagnostic(s.loc, f"component {inst.type} has no attribute '{s.attr}'",
                         did_you_mean(s.attr, [a.name for a in comp.attributes]) or
                         f"declare `attribute <type> {s.attr};` in component {inst.type}")
    check_value(attr, s.value, s.loc, f"{s.instance}.{s.attr}", system.prog.structs)
    out.setdefault("attributes", {})[s.attr] = s.value


def _thread_setting(comp: ast.Component, s, out: dict) -> bool:
    """x.<iface>_priority / _stack_size for the thread of a provided or consumed interface."""
    for iface in comp.interfaces:
        if iface.kind not in ("provides", "consumes"):
            continue
        for name, field in THREAD_SETTINGS.items():
            if s.attr == f"{iface.name}_{name}":
                low, high, _ = BUILTIN_SETTINGS[name]
                _check_whole(s, f"{name} is a whole number from {low} to {high}")
                if not low <= s.value <= high:
                    raise Diagnostic(s.loc, f"{s.instance}.{s.attr} = {_show(s.value)} is out of range",
                                     f"{name} is a whole number from {low} to {high}")
                out["threads"].setdefault(iface.name, {})[field] = s.value
                out["locs"][f"{iface.name}_{field}"] = s.loc
                return True
    return False


def _access_setting(comp: ast.Component, s, out: dict) -> bool:
    """x.<dataport>_access = "R" (any of R, W, X): the instance's rights on that dataport."""
    iface = next((i for i in comp.interfaces if i.kind == "dataport" and s.attr == f"{i.name}_access"), None)
    if iface is None:
        return False
    if not isinstance(s.value, str) or not s.value or set(s.value.upper()) - set("RWX"):
        raise Diagnostic(s.loc, f"{s.instance}.{s.attr} must be a string of the letters R, W and X, "
                         f"not {_show(s.value)}", f'write e.g. `{s.instance}.{s.attr} = "R";` for read-only')
    out.setdefault("dataport_access", {})[iface.name] = "".join(r for r in "RWX" if r in s.value.upper())
    return True


def _ignored_setting(comp: ast.Component, s, notes: list) -> bool:
    """A setting CAmkES knows and Tessera does not use: `_x`, `x` or `<iface>_x`."""
    names = {s.attr.removeprefix("_")}
    names |= {s.attr.removeprefix(f"{i.name}_") for i in comp.interfaces if s.attr.startswith(f"{i.name}_")}
    if comp.control:
        names.add(s.attr.removeprefix("_control_").removeprefix("control_"))
    why = next((IGNORED_SETTINGS[n] for n in sorted(names) if n in IGNORED_SETTINGS), None)
    if why is None:
        return False
    notes.append(Note(s.loc, f"{s.instance}.{s.attr} is accepted and ignored", why))
    return True


def _resolve(system: System, name: str, v: dict) -> InstanceSettings:
    comp = system.component(name)
    attributes = {a.name: v.get("attributes", {}).get(a.name, a.default) for a in comp.attributes}
    hardware = {iface: Hardware(**{k: x for k, x in fields.items() if k != "locs"}, locs=frozen(fields["locs"]))
                for iface, fields in v["hardware"].items()}
    plain = {k: x for k, x in v.items() if k in ("priority", "stack_size", "heap_size", "timeslice_ms", "timer",
                                                 "period_us", "budget_us",
                                                 "fault_handler", "thread_control", "bound_notification",
                                                 "restart_max", "cycle_counter")}
    threads = {iface: ThreadSettings(**fields) for iface, fields in v["threads"].items()}
    return InstanceSettings(**plain, semaphores=frozen(v.get("semaphores", {})), attributes=frozen(attributes),
                            dataport_access=frozen(v.get("dataport_access", {})),
                            hardware=frozen(hardware), threads=frozen(threads), locs=frozen(v["locs"]))


# ---- Hardware settings -------------------------------------------------------------

def hardware_setting(comp: ast.Component, attr: str) -> tuple[str, str] | None:
    """('regs', 'paddr') for `regs_paddr` of a hardware component's dataport, etc."""
    if not comp.hardware:
        return None
    for iface in comp.interfaces:
        whats = {"dataport": ("paddr", "size"), "provides": ("attributes",)}.get(
            iface.kind, ("irq_number", *ioapic.SETTINGS))
        for what in whats:
            if attr == f"{iface.name}_{what}":
                return iface.name, what
    return None


def _hardware_setting(s, hw: tuple[str, str], out: dict) -> None:
    iface, what = hw
    if what in ioapic.SETTINGS:         # CAmkES's x86 interrupt settings (checks/ioapic.py)
        ioapic.setting(s, what, out["hardware"].setdefault(iface, {"locs": {}}))
        return
    example = f"write e.g. `{s.instance}.{s.attr} = {HARDWARE_EXAMPLES[what]};`"
    entry = out["hardware"].setdefault(iface, {"locs": {}})
    if what == "attributes":
        ports = port_range(s.value)
        if ports is None:
            raise Diagnostic(s.loc, f"{s.instance}.{s.attr} must be a port range \"first:last\", "
                             f"not {_show(s.value)}", f"{example}, with first <= last <= 0xffff")
        entry["ports"] = ports
    else:
        _check_whole(s, example)
        if s.value < 0:
            raise Diagnostic(s.loc, f"{s.instance}.{s.attr} = {_show(s.value)} is negative", example)
        if what in ("paddr", "size") and s.value % PAGE:
            raise Diagnostic(s.loc, f"{s.instance}.{s.attr} = {s.value:#x} is not a multiple of 4 KiB",
                             "device regions are mapped in whole pages: align the address and round the size up")
        entry[what] = s.value
        entry["explicit"] = entry.get("explicit", False) or what == "irq_number"
    entry["locs"][what] = s.loc


def _board_device(comp: ast.Component, board, s, out: dict) -> None:
    """dev.board_device = "uart": the board's device fills in what the
    description does not set itself (an explicit setting wins)."""
    if not isinstance(s.value, str):
        raise Diagnostic(s.loc, f"{s.instance}.{BOARD_DEVICE} must name a device of the board, not {_show(s.value)}",
                         f'write e.g. `{s.instance}.{BOARD_DEVICE} = "uart";`')
    out["locs"][BOARD_DEVICE] = s.loc
    if board is None:
        return
    dev = board.user_device(s.value)
    if dev is None:
        raise Diagnostic(s.loc, f"{board.name} has no device '{s.value}' for components",
                         did_you_mean(s.value, board.device_names()) or
                         f"the board's devices are: {', '.join(board.device_names()) or 'none'}")
    irqs = iter(dev.get("irqs", []))
    for iface in comp.interfaces:
        entry = out["hardware"].setdefault(iface.name, {"locs": {}})
        if iface.kind == "dataport":
            if "base" not in dev:
                _lacks(s, board, dev, "register window", "reach it through its I/O ports (seL4HardwareIOPort)")
            _fill(entry, s.loc, paddr=dev["base"], **({} if iface.size else {"size": dev["size"]}))
        elif iface.kind == "emits":
            irq = next(irqs, None)
            if irq is None:
                _lacks(s, board, dev, "interrupt for each emits", "set `<iface>_irq_number` yourself")
            _fill(entry, s.loc, irq_number=irq)
        elif iface.kind == "provides":
            if "io_ports" not in dev:
                _lacks(s, board, dev, "I/O ports", "reach its registers through seL4HardwareMMIO")
            _fill(entry, s.loc, ports=tuple(dev["io_ports"]))


def _fill(entry: dict, loc: Location, **values) -> None:
    what = {"ports": "attributes"}
    for key, value in values.items():
        if key not in entry:
            entry[key] = value
            entry["locs"].setdefault(what.get(key, key), loc)


def _lacks(s, board, dev: dict, what: str, hint: str) -> None:
    raise Diagnostic(s.loc, f"{board.name}'s device '{dev['name']}' has no {what} for {s.instance}", hint)


def port_range(value) -> tuple[int, int] | None:
    """(first, last) of a CAmkES I/O-port setting "0x3f8:0x3ff" (both inclusive), or None."""
    if not isinstance(value, str) or value.count(":") != 1:
        return None
    try:
        first, last = (int(p.strip(), 0) for p in value.split(":"))
    except ValueError:
        return None
    return (first, last) if 0 <= first <= last <= 0xffff else None


# ---- Kernel settings ---------------------------------------------------------------

def setting_names(value) -> list[str]:
    """A setting naming one thing ("x" or x) or several (["x", "y"])."""
    items = value if isinstance(value, list) else [value]
    return [".".join(v.path) if isinstance(v, ast.Reference) else v for v in items]


def _kernel_setting(system: System, inst, attr, s, out: dict) -> None:
    comp = inst.comp
    instances = system.instances
    if attr == "timer":
        if not (isinstance(s.value, ast.Reference) and s.value.path in (["true"], ["false"])):
            raise Diagnostic(s.loc, f"{inst.name}.timer must be true or false", "write `x.timer = true;`")
    if attr == "cycle_counter":
        if not (isinstance(s.value, ast.Reference) and s.value.path in (["true"], ["false"])):
            raise Diagnostic(s.loc, f"{inst.name}.cycle_counter must be true or false, not {_show(s.value)}",
                             f"write `{inst.name}.cycle_counter = true;` to let its threads read the cycle "
                             "counter (it is off by default)")
        out["cycle_counter"] = s.value.path == ["true"]
    if attr in ("timer", "bound_notification") and not comp.control:
        raise Diagnostic(s.loc, f"{inst.name}.{attr}: component {inst.type} has no control thread",
                         "timers and bound notifications belong to the control thread; add `control;`")
    if attr == "timer":
        out["timer"] = s.value.path == ["true"]
    if attr in ("fault_handler", "thread_control"):
        names = setting_names(s.value)
        one = attr == "fault_handler"
        example = '"y"' if one else '["y", "z"]'
        if not all(isinstance(n, str) for n in names) or (one and len(names) != 1):
            raise Diagnostic(s.loc, f"{inst.name}.{attr} must name {'one instance' if one else 'instances'}, "
                             f"not {_show(s.value)}", f"write `{inst.name}.{attr} = {example};`")
        for name in names:
            if name not in instances:
                raise Diagnostic(s.loc, f"{inst.name}.{attr} names unknown instance '{name}'",
                                 did_you_mean(name, instances) or f"the instances are: {', '.join(instances)}")
            if attr == "thread_control" and not instances[name].comp.control:
                raise Diagnostic(s.loc, f"{inst.name}.thread_control: '{name}' has no control thread",
                                 "thread control acts on a control thread")
            if attr == "fault_handler" and instances[name].comp.hardware:
                raise Diagnostic(s.loc, f"{inst.name}.fault_handler: '{name}' is a hardware component",
                                 "faults go to a software component, which receives them on CAP_fault_<instance>")
            if attr == "fault_handler" and name == inst.name and _threads(comp) == 1:
                raise Diagnostic(s.loc, f"{inst.name}.fault_handler: {inst.name} has one thread, which cannot "
                                 "handle its own faults", "name another instance, or give this one a thread "
                                 "to receive its faults (e.g. a provided interface)")
        twice = next((n for i, n in enumerate(names) if n in names[:i]), None)
        if twice is not None:
            raise Diagnostic(s.loc, f"{inst.name}.thread_control names '{twice}' twice", "name each instance once")
        if one:
            out["fault_handler"] = names[0]
        else:
            out["thread_control"] = tuple(names)
    if attr == "restart":
        if s.value not in RESTART_POLICIES or not isinstance(s.value, str):
            raise Diagnostic(s.loc, f'{inst.name}.restart must be "never" or "always", not {_show(s.value)}',
                             f'write `{inst.name}.restart = "always";`, or `{inst.name}.restart_max = 3;` '
                             "for at most 3 restarts")
        out["restart"] = s.value
    if attr == "restart_max":
        hint = f"restart_max is a whole number from 1 to {RESTART_MAX_LIMIT}; for no restart leave it out " \
               '(restart = "never" is the default)'
        _check_whole(s, hint)
        if not 1 <= s.value <= RESTART_MAX_LIMIT:
            raise Diagnostic(s.loc, f"{inst.name}.restart_max = {_show(s.value)} is out of range", hint)
        out["restart_max"] = s.value
    if attr == "bound_notification":
        names = setting_names(s.value)
        if len(names) != 1 or not any(i.name == names[0] and i.kind == "consumes" for i in comp.interfaces):
            raise Diagnostic(s.loc, f"{inst.name}.bound_notification must name one 'consumes' interface of {inst.type}",
                             (did_you_mean(str(names[0]), [i.name for i in comp.interfaces if i.kind == "consumes"])
                              if names else "") or
                             "declare `consumes <Event> <name>;` and bind that")
        out["bound_notification"] = names[0]


def _restart_policy(name: str, v: dict) -> None:
    """`restart` and `restart_max` together: one restart_max for the kernel
    (0 never, N at most N, RESTART_ALWAYS)."""
    locs = v["locs"]
    policy = v.pop("restart", None)
    if "restart_max" in v and policy is not None:
        raise Diagnostic(locs["restart_max"], f'{name}.restart_max contradicts {name}.restart = "{policy}"',
                         f'"{policy}" says how often already; keep one: `{name}.restart_max = N;` alone '
                         "restarts at most N times")
    if policy == "always":
        v["restart_max"] = RESTART_ALWAYS
    restarts = v.get("restart_max", 0) != 0
    if restarts and "fault_handler" in v:
        loc = locs.get("restart_max", locs.get("restart"))
        raise Diagnostic(loc, f"{name} has a restart policy and a fault_handler ({v['fault_handler']})",
                         "the fault handler decides what becomes of a faulted thread; the restart policy is "
                         "for faults nobody handles: keep one")


def _threads(comp: ast.Component) -> int:
    return 1 + sum(1 for i in comp.interfaces if i.kind in ("provides", "consumes"))


# ---- Values ------------------------------------------------------------------------

def _check_whole(s, hint: str) -> None:
    if not isinstance(s.value, int) or isinstance(s.value, bool):
        raise Diagnostic(s.loc, f"{s.instance}.{s.attr} must be a whole number, not {_show(s.value)}", hint)
