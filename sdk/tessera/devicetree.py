# SPDX-License-Identifier: BSD-2-Clause
"""A virtual machine's device tree: rendered from the model (the machine the
VMM presents, the devices passed through, /chosen with the bootargs and the
initrd's real place) through templates/guest.dts.j2, or the user's own
(vm_image_config dtb_name) with /chosen completed, and compiled with dtc
into the build folder."""

import subprocess
from pathlib import Path

from .codegen import environment, render, source_ref
from .errors import Diagnostic, Location, TesseraError
from .formats import require_tool

SPI_BASE = 32                   # GIC INTID of SPI 0
LEVEL_HIGH = 4                  # the GIC binding's trigger flags


def _string(text: str) -> str:
    """`text` inside a DTS string literal."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _strings(items) -> str:
    return ", ".join(f'"{_string(s)}"' for s in items)


def _device(dev: dict) -> dict | None:
    """A passed-through device as a DTS node, when the board describes it (`dt`)."""
    dt = dev["dt"]
    if dt is None:
        return None
    clocks = dt.get("clocks", [])
    return {"name": dev["name"], "node": dt.get("node", dev["name"]), "base": dev["base"], "size": dev["size"],
            "compatible": _strings(dt["compatible"]),
            "interrupts": ", ".join(f"<0 {irq - SPI_BASE} {LEVEL_HIGH}>" for irq in dev["irqs"]),
            "clocks": ", ".join("<&apb_pclk>" for _ in clocks), "clock_names": _strings(clocks)}


def dts_context(vm: dict, include: Path | None) -> dict:
    initrd = vm["initrd"]
    return {
        "include": str(include) if include else None,
        "bootargs": _string(vm["bootargs"]), "stdout_path": _string(vm["stdout_path"]),
        "initrd_start": initrd["ipa"] if initrd else 0,
        "initrd_end": initrd["ipa"] + initrd["size"] if initrd else 0,
        "uart_spi": vm["uart_irq"] - SPI_BASE,
        "devices": [d for d in map(_device, vm["passthrough"]) if d is not None],
    }


def build(vm: dict, out: Path) -> Path:
    """Write <out>/guest.dts and compile it to <out>/guest.dtb; the DTB's path.
    A dtc failure (the user's own device tree) is a Diagnostic quoting dtc."""
    dtc = require_tool("dtc", "device-tree-compiler (run ./tessera setup)")
    out.mkdir(parents=True, exist_ok=True)
    include = None
    source = vm["dtb"]["source"]
    if source is not None and source.endswith(".dtb"):
        include = out / "user.dts"          # decompiled, then included like a .dts
        _dtc(dtc, ["-I", "dtb", "-O", "dts", "-o", str(include), source], vm)
    elif source is not None:
        include = Path(source)
    dts = out / "guest.dts"
    render(environment(), "guest.dts.j2", dts, vm=vm, dts=dts_context(vm, include),
           source=source_ref(*vm["loc"]))
    dtb = out / "guest.dtb"
    _dtc(dtc, ["-I", "dts", "-O", "dtb", "-q", "-o", str(dtb), str(dts)], vm)
    return dtb


def _dtc(dtc: str, args: list[str], vm: dict) -> None:
    try:
        done = subprocess.run([dtc, *args], capture_output=True, text=True, check=False)
    except OSError as e:
        raise TesseraError(f"cannot run dtc: {e.strerror}") from None
    if done.returncode != 0:
        message = next((line for line in done.stderr.splitlines() if "ERROR" in line or "Error" in line),
                       done.stderr.strip().splitlines()[0] if done.stderr.strip() else f"status {done.returncode}")
        path, line, column = vm["dtb"]["loc"]
        raise Diagnostic(Location(path, line, column),
                         f"{vm['instance']}: dtc cannot compile the guest's device tree: {message.strip()}",
                         "fix the device tree named by vm_image_config dtb_name" if vm["dtb"]["source"]
                         else "this is a bug in Tessera's guest.dts.j2; please report it")
