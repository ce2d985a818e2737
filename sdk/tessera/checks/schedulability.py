# SPDX-License-Identifier: BSD-2-Clause
"""Schedulability: the real-time threads of a system (those with a period and
a budget, docs/realtime.md) checked by fixed-priority response-time analysis,
on the one core every thread runs on, with deadline = period and the board's
measured kernel overheads (board.yaml `realtime:`).

The model, for each real-time thread i (C = budget, T = period, p = priority):

    C'  = C + 2 * (irq_entry + context_switch)      a release and a throttle or block, each
                                                    an interrupt or a system call and a switch
    R_i = C'_i + sum over j != i with p_j >= p_i of ceil((R_i + J_j) / T_j) * C'_j
               + ceil(R_i / tick_period) * tick
    J_j = T_j - C_j

The kernel replenishes a budget at a fixed period (kernel/budget.c), so a
thread that suspends itself may use one budget at the end of a period and the
next at the start of the following one: J_j, the release jitter of a
periodically replenished budget, covers that. Equal priorities count as
higher (round robin). Threads without a budget are assumed to leave the
real-time threads alone; a VM above one gets a warning, since a guest's vCPU
runs for as long as the guest does.
"""

import math
from dataclasses import dataclass

from ..compose import System
from ..errors import Diagnostic, Location, Note
from ..model import InstanceSettings, SchedParams

VM_COMPONENT = "VM"             # the component type of a virtual machine (sdk/import/VM/vm.camkes)

# The kernel's overheads when the board does not say (no board: the analysis alone).
NO_OVERHEADS = {"irq_entry_ns": 0, "context_switch_ns": 0, "tick_ns": 0}


@dataclass(frozen=True)
class Task:
    name: str                   # "instance.thread", as the kernel names it
    instance: str
    iface: str | None
    sched: SchedParams
    loc: Location               # its period's setting (or the instance)


def thread_ifaces(system: System, instance: str) -> list[str | None]:
    """The threads of an instance, by the interface each serves (None: the
    control or init thread), as allocate.py creates them."""
    comp = system.instances[instance].comp
    return [None] + [i.name for i in comp.interfaces if i.kind in ("provides", "consumes")]


def thread_name(system: System, instance: str, iface: str | None) -> str:
    comp = system.instances[instance].comp
    return f"{instance}.{iface or ('control' if comp.control else 'init')}"


def _loc(conf: InstanceSettings, iface: str | None, what: str, default: Location) -> Location:
    return conf.locs.get(f"{iface}_{what}") or conf.locs.get(what) or default


def tasks(system: System, settings: dict[str, InstanceSettings]) -> list[Task]:
    """Every thread with a period or a budget, each checked on its own: both
    set, the budget no longer than the period."""
    out = []
    for name, inst in system.instances.items():
        if inst.comp.hardware:
            continue
        conf = settings[name]
        for iface in thread_ifaces(system, name):
            s = conf.sched(iface)
            if s.period_us is None and s.budget_us is None:
                continue
            tname = thread_name(system, name, iface)
            prefix = f"{iface}_" if iface else "_"
            if s.budget_us is None:
                raise Diagnostic(_loc(conf, iface, "period_us", inst.loc),
                                 f"{tname} has a period ({s.period_us} us) but no budget",
                                 f"give it its execution time per period too: `{name}.{prefix}budget = <microseconds>;`")
            if s.period_us is None:
                raise Diagnostic(_loc(conf, iface, "budget_us", inst.loc),
                                 f"{tname} has a budget ({s.budget_us} us) but no period",
                                 f"say how often it is replenished: `{name}.{prefix}period = <microseconds>;`")
            if s.budget_us > s.period_us:
                raise Diagnostic(_loc(conf, iface, "budget_us", inst.loc),
                                 f"{tname}'s budget ({s.budget_us} us) is longer than its period ({s.period_us} us)",
                                 "a budget is execution time per period: make it at most the period")
            out.append(Task(tname, name, iface, s, _loc(conf, iface, "period_us", inst.loc)))
    return out


def overheads(board) -> dict:
    """The board's measured kernel overheads in nanoseconds (board.yaml
    `realtime:`) and its tick period."""
    data = dict(NO_OVERHEADS)
    tick_hz = 1000
    if board is not None:
        data.update(board.data.get("realtime", {}))
        tick_hz = board.data.get("timer", {}).get("tick_hz", 1000)
    data["tick_period_ns"] = 1_000_000_000 // tick_hz
    return data


def response_time(task: Task, others: list[Task], ovh: dict) -> int | None:
    """Task's worst-case response time in ns, or None if it exceeds its period."""
    r = _worst(task, others, ovh)
    return r if r <= task.sched.period_us * 1000 else None


def _worst(task: Task, others: list[Task], ovh: dict) -> int:
    """The response time as far as the iteration goes past the deadline (for the message)."""
    per_job = 2 * (ovh["irq_entry_ns"] + ovh["context_switch_ns"])
    c = task.sched.budget_us * 1000 + per_job
    hp = [t for t in others if t is not task and t.sched.priority >= task.sched.priority]
    r = c
    for _ in range(1000):
        nxt = c + math.ceil(r / ovh["tick_period_ns"]) * ovh["tick_ns"]
        for j in hp:
            cj, tj = j.sched.budget_us * 1000, j.sched.period_us * 1000
            nxt += math.ceil((r + tj - cj) / tj) * (cj + per_job)
        if nxt > task.sched.period_us * 1000 or nxt == r:
            return nxt
        r = nxt
    return r


def check_schedulability(system: System, settings: dict[str, InstanceSettings], board, notes: list) -> None:
    ts = tasks(system, settings)
    _vm_warnings(system, settings, ts, notes)
    if not ts:
        return
    ovh = overheads(board)
    for t in sorted(ts, key=lambda t: -t.sched.priority):
        if response_time(t, ts, ovh) is not None:
            continue
        r = _worst(t, ts, ovh)
        above = [o.name for o in ts if o is not t and o.sched.priority >= t.sched.priority]
        util = sum(o.sched.budget_us / o.sched.period_us for o in ts if o is t or o.name in above)
        where = f" on {board.name}" if board is not None else ""
        raise Diagnostic(t.loc, f"{t.name} can miss its deadline{where}: worst-case response time "
                         f"{math.ceil(r / 1000)} us > deadline {t.sched.period_us} us (its period)",
                         (f"the budgets at or above its priority {t.sched.priority} ({', '.join(above)}) "
                          f"with its own use {util:.0%} of the core; " if above else "") +
                         "lower those budgets, give it a higher priority than theirs, or a longer period "
                         "(docs/realtime.md, \"The analysis\")")


def _vm_warnings(system: System, settings: dict[str, InstanceSettings], ts: list[Task], notes: list) -> None:
    """A VM above a real-time thread: its vCPU can delay the thread for as long as the guest runs."""
    for name, inst in system.instances.items():
        if inst.type != VM_COMPONENT or not ts:
            continue
        conf = settings[name]
        vm = conf.sched(None)
        below = [t for t in ts if t.instance != name and t.sched.priority < vm.priority]
        if not below:
            continue
        t = min(below, key=lambda t: t.sched.priority)
        loc = conf.locs.get("priority") or inst.loc
        hint = ("its budget bounds that, and the analysis counts it" if vm.budget_us is not None else
                f"give {name} a priority below {t.sched.priority}, or a budget "
                f"(`{name}._budget`, `{name}._period`) that the analysis can count")
        notes.append(Note(loc, f"VM {name} (priority {vm.priority}) is above real-time thread {t.name} "
                          f"(priority {t.sched.priority}): the guest can delay it", hint, kind="warning"))
