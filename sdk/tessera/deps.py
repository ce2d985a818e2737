# SPDX-License-Identifier: BSD-2-Clause
"""The Debian packages Tessera needs, how to tell whether each is there, and
installing the missing ones (apt-get, as root or through sudo). Standard library
only: this runs before the SDK's own dependencies exist."""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .errors import TesseraError

# package: (what it provides, how to check it is there)
PACKAGES = {
    "cmake": ("build system", ("cmd", "cmake")),
    "ninja-build": ("build tool", ("cmd", "ninja")),
    "gcc": ("host compiler, C preprocessor", ("cmd", "gcc")),
    "gcc-arm-none-eabi": ("ARM cross compiler", ("cmd", "arm-none-eabi-gcc")),
    "binutils-arm-none-eabi": ("ARM binutils", ("cmd", "arm-none-eabi-objcopy")),
    "picolibc-arm-none-eabi": ("C library for ARM components",
                               ("file", "/usr/lib/picolibc/arm-none-eabi/picolibc.specs")),
    "newlib-source": ("C library for x86_64 components (built once, sdk/tessera/newlib.py)",
                      ("file", "/usr/src/newlib")),
    "make": ("building newlib", ("cmd", "make")),
    "xz-utils": ("unpacking newlib's source", ("cmd", "xz")),
    "qemu-system-arm": ("QEMU for virt and raspi2b", ("cmd", "qemu-system-arm")),
    "qemu-system-x86": ("QEMU for pc-x86_64", ("cmd", "qemu-system-x86_64")),
    "gdb-multiarch": ("debugger", ("cmd", "gdb-multiarch")),
    "libcmocka-dev": ("kernel unit tests", ("file", "/usr/include/cmocka.h")),
    "python3-jinja2": ("generator templates", ("py", "jinja2")),
    "python3-yaml": ("board and ABI data", ("py", "yaml")),
    "python3-lark": ("description parser", ("py", "lark")),
    "python3-pytest": ("test runner", ("py", "pytest")),
    "python3-hypothesis": ("fuzz tests of the generator", ("py", "hypothesis")),
    "python3-pexpect": ("console tests", ("py", "pexpect")),
    "python3-matplotlib": ("tessera profile's chart", ("py", "matplotlib")),
    "u-boot-qemu": ("U-Boot for QEMU", ("file", "/usr/lib/u-boot/qemu_arm/u-boot.bin")),
    "u-boot-tools": ("mkimage", ("cmd", "mkimage")),
    "device-tree-compiler": ("dtc: FIT images (mkimage) and guest DTBs", ("cmd", "dtc")),
    "mtools": ("FAT images without root", ("cmd", "mcopy")),
    "fdisk": ("partition tables (sfdisk)", ("cmd", "sfdisk")),
    "dosfstools": ("mkfs.vfat", ("cmd", "mkfs.vfat")),
    "graphviz": ("tessera graph (dot)", ("cmd", "dot")),
}


def _present(check: tuple[str, str]) -> bool:
    kind, what = check
    if kind == "cmd":
        return shutil.which(what) is not None or Path("/usr/sbin", what).exists() or Path("/sbin", what).exists()
    if kind == "file":
        return Path(what).exists()
    return importlib.util.find_spec(what) is not None


def missing() -> list[str]:
    return [name for name, (_, check) in PACKAGES.items() if not _present(check)]


def _privilege() -> list[str] | None:
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo"):
        return ["sudo"]
    return None


def ensure(quiet: bool = False) -> None:
    """Install whatever is missing; say what. Raises TesseraError (one line) on failure."""
    need = missing()
    if not need:
        if not quiet:
            print("tessera: every package Tessera needs is installed")
        return
    print(f"tessera: installing Debian packages: {' '.join(need)}", file=sys.stderr)
    if shutil.which("apt-get") is None:
        raise TesseraError(f"apt-get not found; install these yourself: {' '.join(need)}")
    prefix = _privilege()
    if prefix is None:
        raise TesseraError(f"need root or sudo to install: {' '.join(need)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *need]):
        proc = subprocess.run(prefix + cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["unknown error"])[-1]
            raise TesseraError(f"{' '.join(cmd[:2])} failed: {last}")
    still = missing()
    if still:
        raise TesseraError(f"still missing after apt-get: {' '.join(still)}")
    importlib.invalidate_caches()
