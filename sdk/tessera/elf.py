# SPDX-License-Identifier: BSD-2-Clause
"""Just enough ELF reading for the image step: the entry point and the loadable
segments of a component (ELF32 for ARM, ELF64 for x86_64, little-endian)."""

import struct
from dataclasses import dataclass
from pathlib import Path

from .errors import TesseraError

PT_LOAD = 1
PF_X, PF_W, PF_R = 1, 2, 4


@dataclass(frozen=True)
class Segment:
    offset: int
    vaddr: int
    filesz: int
    memsz: int
    flags: int


@dataclass(frozen=True)
class Elf:
    path: Path
    entry: int
    segments: list[Segment]


def read(path: Path) -> Elf:
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[5] != 1:
        raise TesseraError(f"{path}: not a little-endian ELF file")
    is64 = data[4] == 2
    if is64:
        entry, phoff = struct.unpack_from("<QQ", data, 24)
        phentsize, phnum = struct.unpack_from("<HH", data, 54)
        fmt = "<IIQQQQQQ"
    else:
        entry, phoff = struct.unpack_from("<II", data, 24)
        phentsize, phnum = struct.unpack_from("<HH", data, 42)
        fmt = "<IIIIIIII"
    segments = []
    for i in range(phnum):
        fields = struct.unpack_from(fmt, data, phoff + i * phentsize)
        if is64:
            p_type, flags, offset, vaddr, _paddr, filesz, memsz, _align = fields
        else:
            p_type, offset, vaddr, _paddr, filesz, memsz, flags, _align = fields
        if p_type == PT_LOAD and memsz > 0:
            segments.append(Segment(offset, vaddr, filesz, memsz, flags))
    return Elf(path, entry, segments)
