# SPDX-License-Identifier: BSD-2-Clause
"""CAmkES's other RPC connectors, which differ from seL4RPCCall in how CAmkES
moves the message (a shared dataport per client, several shared buffers, no
type tag) and not in what the component code sees: the same stubs and the same
server thread. Tessera gives them seL4RPCCall's implementation."""

from .rpc import RPC


class RPCDataport(RPC):
    kind = "rpc_dataport"
    names = ("seL4RPCDataport", "seL4RPCDataportSignal")


class RPCOverMultiSharedData(RPC):
    kind = "rpc_multi_shared"
    names = ("seL4RPCOverMultiSharedData",)


class RPCCallNoType(RPC):
    kind = "rpc_notype"
    names = ("seL4RPCCallNoType",)


CONNECTORS = (RPCDataport(), RPCOverMultiSharedData(), RPCCallNoType())
