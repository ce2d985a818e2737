# SPDX-License-Identifier: BSD-2-Clause
"""Endpoint (Tessera only): a bare endpoint for code that speaks the kernel's
IPC itself (kernel tests, benchmarks). The same capabilities as an RPC
connection and nothing else: no stubs, no server thread, and the deadlock
check does not follow it (the protocol is the author's)."""

from .base import Ends
from .rpc import RPC


class Endpoint(RPC):
    kind = "endpoint"
    names = ("Endpoint",)
    ends = Ends("uses", "provides")
    calls = False
    style = 'color="#1f4e79", style=dashed'
    template = None

    def glue(self, alloc, inst: dict, iface, end: dict | None) -> bool:
        return True                     # the capability is all


CONNECTOR = Endpoint()
