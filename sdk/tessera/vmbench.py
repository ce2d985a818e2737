# SPDX-License-Identifier: BSD-2-Clause
"""The VM-exit benchmark guest (components/vmbench/guest): a bare-metal PL1
program booted like a zImage, built with arm-none-eabi-gcc into a raw binary
that examples/vmbench's VM names as its kernel image. It is linked at the
VM's kernel IPA (vm0's `kernel_entry_addr`, LOAD_ADDRESS below).

The binary lands in build/vmbench-guest/vmbench.bin (GUEST_BIN), the path
examples/vmbench/vmbench.camkes names relative to its folder; it is rebuilt
only when a source, the flags or the compiler changed (a stamp beside it
holds their hash), and rewritten only when its bytes change, so the
firmware's build (which depends on the image file) stays up to date.

`python3 sdk/tessera/vmbench.py` builds it and prints its path. Standard
library only."""

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):                   # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "tessera"

from .errors import TesseraError                # noqa: E402
from .paths import ROOT                         # noqa: E402

SOURCE = ROOT / "components" / "vmbench" / "guest"
GUEST_BIN = ROOT / "build" / "vmbench-guest" / "vmbench.bin"
SYSTEM = "examples/vmbench"
LOAD_ADDRESS = 0x42000000       # vm0's kernel_entry_addr in examples/vmbench (RAM + 32 MiB, the default)
CC = "arm-none-eabi-gcc"
OBJCOPY = "arm-none-eabi-objcopy"
CFLAGS = ["-mcpu=cortex-a15", "-marm", "-mfloat-abi=soft", "-O2", "-ffreestanding", "-nostdlib",
          "-Wall", "-Wextra", "-Werror"]
SOURCES = ("start.S", "bench.c", "guest.ld")


def _run(cmd: list[str]) -> None:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        raise TesseraError(f"{cmd[0]} not found: the VM benchmark guest needs the ARM toolchain "
                           "(./tessera setup)") from None
    if done.returncode != 0:
        raise TesseraError(f"building the VM benchmark guest failed: {' '.join(cmd)}\n{done.stderr.rstrip()}")


def _key(load_address: int) -> str:
    h = hashlib.sha256()
    for name in SOURCES:
        h.update(name.encode() + b"\0" + (SOURCE / name).read_bytes())
    h.update(" ".join(CFLAGS + [hex(load_address)]).encode())
    try:
        h.update(subprocess.run([CC, "--version"], capture_output=True).stdout)
    except FileNotFoundError:
        pass
    return h.hexdigest()


def build_guest(out: Path = GUEST_BIN, load_address: int = LOAD_ADDRESS) -> Path:
    """The guest's raw binary at `out`, linked at `load_address`, built unless
    up to date. Raises TesseraError with the compiler's output if it fails."""
    stamp = out.with_name(out.name + ".key")
    key = _key(load_address)
    try:
        if out.is_file() and stamp.read_text().strip() == key:
            return out
    except OSError:
        pass
    out.parent.mkdir(parents=True, exist_ok=True)
    flags = CFLAGS + [f"-DLOAD_ADDRESS={load_address:#x}"]
    with tempfile.TemporaryDirectory(prefix="vmbench-", dir=out.parent) as tmp:
        tmp = Path(tmp)
        _run([CC, *flags, "-x", "assembler-with-cpp", "-E", str(SOURCE / "guest.ld"), "-P",
              "-o", str(tmp / "guest.lds")])
        _run([CC, *flags, "-T", str(tmp / "guest.lds"), str(SOURCE / "start.S"), str(SOURCE / "bench.c"),
              "-o", str(tmp / "vmbench.elf"), "-lgcc"])
        _run([OBJCOPY, "-O", "binary", str(tmp / "vmbench.elf"), str(tmp / "vmbench.bin")])
        new = (tmp / "vmbench.bin").read_bytes()
        shutil.copyfile(tmp / "vmbench.elf", out.with_suffix(".elf"))     # for gdb and objdump
        if not out.is_file() or out.read_bytes() != new:
            (tmp / "vmbench.bin").replace(out)
    stamp.write_text(key + "\n")
    return out


def main() -> int:
    try:
        print(build_guest())
    except TesseraError as e:
        print(f"tessera: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
