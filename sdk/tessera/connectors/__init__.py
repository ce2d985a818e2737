# SPDX-License-Identifier: BSD-2-Clause
"""The connector registry: every module in this package that defines
CONNECTOR (or CONNECTORS, several) is a connector kind (base.py says what one is). Adding a connector
is one module here, one template piece in templates/connectors/, its
declaration in sdk/import/std_connector.camkes, its fixtures and its section
in docs/adl.md."""

import importlib
import pkgutil

from .base import Connector

_BY_KIND: dict[str, Connector] = {}
_BY_NAME: dict[str, Connector] = {}

# The connector whose glue an unconnected interface of each kind gets.
DEFAULT_FOR = {"uses": "rpc", "provides": "rpc", "emits": "notification", "consumes": "notification",
               "dataport": "shared"}


def _load() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found = getattr(module, "CONNECTORS", ())
        if getattr(module, "CONNECTOR", None) is not None:
            found = (module.CONNECTOR, *found)
        for conn in found:
            if conn.kind in _BY_KIND:
                raise RuntimeError(f"connector kind '{conn.kind}' is defined twice")
            _BY_KIND[conn.kind] = conn
            for name in conn.names:
                _BY_NAME[name] = conn


def by_name(name: str) -> Connector | None:
    """The connector a connection names (CAmkES's name or Tessera's alias)."""
    return _BY_NAME.get(name)


def by_kind(kind: str) -> Connector:
    return _BY_KIND[kind]


def default_for(iface_kind: str) -> Connector:
    return _BY_KIND[DEFAULT_FOR[iface_kind]]


def names() -> list[str]:
    return sorted(_BY_NAME)


def kinds() -> list[Connector]:
    return [_BY_KIND[k] for k in sorted(_BY_KIND)]


_load()
