# SPDX-License-Identifier: BSD-2-Clause
"""The checks, in the order they run; the first failure stops the build with a
Diagnostic that names the offending line and says how to fix it.

  1. declarations   procedures, structs, component types, each on its own
  2. composition    the assembly flattened into instances and connections (compose.py)
  3. connections    connectors, their ends' kinds and types, unconnected `uses`
  4. settings       every `instance.attribute = value;`, interpreted once (model.py)
  5. devices        device windows, interrupts and I/O ports, against the board
  6. vm             a virtual machine's settings, RAM, images and passthrough devices (vm.py)
  7. deadlock       cycles of synchronous calls, thread by thread
  8. schedulability periods and budgets, response-time analysis (docs/realtime.md)

check() returns the Checked system that allocate.py turns into the model.
Without a board, the checks that need one (device windows, interrupt numbers,
board devices) are skipped."""

from ..compose import flatten
from ..model import Checked
from ..resolve import Program
from .connections import check_connections
from .deadlock import check_call_cycles
from .declarations import check_declarations
from .devices import check_devices
from .schedulability import check_schedulability
from .settings import check_settings
from .vm import check_vms


def check(prog: Program, board=None) -> Checked:
    check_declarations(prog)
    system = flatten(prog)
    notes: list = list(system.notes)
    check_connections(system, notes)
    settings = check_settings(system, board, notes)
    check_devices(Checked(system, board, settings))
    vms = check_vms(system, board, settings, notes)
    check_call_cycles(system, notes)
    check_schedulability(system, settings, board, notes)
    return Checked(system, board, settings, tuple(notes), vms)
