# SPDX-License-Identifier: BSD-2-Clause
"""The checked system: what the checks hand to allocation. Every setting of the
description is interpreted here once, into typed, frozen values with their
defaults filled in; allocation reads these and never the raw settings."""

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .abi import PAGE_SIZE as PAGE
from .compose import System
from .errors import Location

DEFAULT_PRIORITY = 254          # CAmkES's default
DEFAULT_STACK_SIZE = 16 * 1024
DEFAULT_HEAP_SIZE = 16 * 1024
DEFAULT_TIMESLICE_MS = 10

# A restart policy as the kernel's spec holds it (spec_vspace.restart_max):
# 0 never (the default), N at most N restarts, RESTART_ALWAYS without limit.
RESTART_ALWAYS = 0xffff         # SPEC_RESTART_ALWAYS in kernel/include/kernel/spec.h
RESTART_MAX_LIMIT = RESTART_ALWAYS - 1


def frozen(d: dict) -> Mapping:
    return MappingProxyType(dict(d))


@dataclass(frozen=True)
class Hardware:
    """One interface of a hardware instance: a register window (dataport), an
    interrupt (emits) or an I/O-port range (provides IOPort). `locs` says where
    each value was set, for the diagnostics that name it."""
    paddr: int | None = None
    size: int | None = None
    irq_number: int | None = None
    ports: tuple[int, int] | None = None
    locs: Mapping[str, Location] = field(default_factory=lambda: frozen({}))


@dataclass(frozen=True)
class ThreadSettings:
    """A thread's own settings (CAmkES's `<instance>.<interface>_priority`,
    `_stack_size`, `_period` and `_budget`), for the thread of a provided or
    consumed interface; None: the instance's. Period and budget are in
    microseconds, as CAmkES has them (docs/realtime.md)."""
    priority: int | None = None
    stack_size: int | None = None
    period_us: int | None = None
    budget_us: int | None = None


@dataclass(frozen=True)
class SchedParams:
    """What the scheduler gets for one thread: its priority and, for a
    real-time thread, its budget per period (microseconds; None: no budget,
    the thread runs by priority alone)."""
    priority: int
    period_us: int | None = None
    budget_us: int | None = None


@dataclass(frozen=True)
class InstanceSettings:
    """An instance's settings, resolved: the built-in scheduling and memory
    settings, Tessera's kernel settings, semaphore start values, attribute
    values and, for a hardware instance, its devices."""
    priority: int = DEFAULT_PRIORITY
    stack_size: int = DEFAULT_STACK_SIZE
    heap_size: int = DEFAULT_HEAP_SIZE
    timeslice_ms: int = DEFAULT_TIMESLICE_MS
    period_us: int | None = None            # `_period` / `period`: every thread's
    budget_us: int | None = None            # `_budget` / `budget`
    timer: bool = False
    fault_handler: str | None = None
    thread_control: tuple[str, ...] = ()
    bound_notification: str | None = None
    restart_max: int = 0            # restart policy: 0, N or RESTART_ALWAYS (docs/reliability.md)
    cycle_counter: bool = False     # its threads may read the cycle counter (docs/reliability.md)
    semaphores: Mapping[str, int] = field(default_factory=lambda: frozen({}))
    attributes: Mapping[str, object] = field(default_factory=lambda: frozen({}))
    hardware: Mapping[str, Hardware] = field(default_factory=lambda: frozen({}))
    threads: Mapping[str, ThreadSettings] = field(default_factory=lambda: frozen({}))
    dataport_access: Mapping[str, str] = field(default_factory=lambda: frozen({}))   # "R", "RW", ...
    locs: Mapping[str, Location] = field(default_factory=lambda: frozen({}))

    def thread(self, iface: str | None) -> ThreadSettings:
        """The settings of the thread that serves `iface` (None: the control or init thread)."""
        own = self.threads.get(iface, ThreadSettings()) if iface else ThreadSettings()
        return ThreadSettings(self.priority if own.priority is None else own.priority,
                              self.stack_size if own.stack_size is None else own.stack_size,
                              self.period_us if own.period_us is None else own.period_us,
                              self.budget_us if own.budget_us is None else own.budget_us)

    def sched(self, iface: str | None = None) -> SchedParams:
        """The scheduling of the thread that serves `iface` (None: the control
        or init thread). The one place a thread's priority, period and budget
        come from: a VM's vCPU takes its VM instance's `sched()`."""
        t = self.thread(iface)
        return SchedParams(t.priority, t.period_us, t.budget_us)


@dataclass(frozen=True)
class GuestImage:
    """One image a virtual machine boots from: its file, size and place in
    the guest (the intermediate physical address where the VMM loads it)."""
    path: str
    size: int
    ipa: int


@dataclass(frozen=True)
class Passthrough:
    """A board device given to a virtual machine: mapped at its own address,
    its interrupts forwarded to the vCPU, described in the guest's device
    tree when the board says how (`dt`)."""
    name: str
    base: int
    size: int
    irqs: tuple[int, ...] = ()
    dt: Mapping | None = None


@dataclass(frozen=True)
class VmSettings:
    """A virtual machine (an instance of the import library's VM component),
    with every default filled in and its placement decided (checks/vm.py)."""
    instance: str
    ram_ipa: int
    ram_size: int
    ram_pa: int                     # the carve-out at the top of the board's RAM
    kernel: GuestImage
    initrd: GuestImage | None
    dtb_ipa: int
    dtb_source: str | None          # the user's own .dts/.dtb (vm_image_config dtb_name), or None: generated
    bootargs: str
    stdout_path: str
    kernel_version: str
    passthrough: tuple[Passthrough, ...]
    vcpu_priority: int
    loc: Location                   # the instance, for diagnostics about the whole VM
    dtb_loc: Location


@dataclass(frozen=True)
class Checked:
    """A system that passed every check, for one board (None: board checks skipped)."""
    system: System
    board: object
    settings: Mapping[str, InstanceSettings]
    notes: tuple = ()               # errors.Note: accepted, but worth saying
    vms: Mapping[str, VmSettings] = field(default_factory=lambda: frozen({}))   # checks/vm.py

    def of(self, instance: str) -> InstanceSettings:
        return self.settings[instance]

    def hardware(self, instance: str, iface: str) -> Hardware:
        return self.settings[instance].hardware.get(iface, Hardware())
