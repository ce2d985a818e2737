# SPDX-License-Identifier: BSD-2-Clause
"""The firmware formats the build writes beside firmware.elf/.bin (cmake/formats.cmake,
sdk/tessera/formats.py): firmware.itb is a FIT whose default configuration is
conf-1 and whose kernel is firmware.bin at the board's load address;
firmware.uImage has a legacy header with that address; a board the Raspberry
Pi firmware boots (board.yaml `pi_firmware:`) also gets an sdcard/ folder.
Every ARM board in boards/. Builds examples/hello with cmake and ninja into
build/uboot-test-<board>/.

  /usr/bin/python3 -m pytest tests/system/test_formats.py
"""

import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import boards_where, cmake_build, ARM_BOARDS, ROOT

from tessera import boards, formats

UIMAGE_MAGIC = 0x27051956
IH_ARCH_ARM, IH_TYPE_KERNEL, IH_COMP_NONE = 2, 2, 0
PI_BOARDS = boards_where(formats.boots_from_pi_firmware)
PINMUX_BOARDS = boards_where(lambda board: (board.path.parent / "pinmux.c").is_file())


def build(board: str) -> Path:
    """examples/hello for `board`, in the U-Boot tests' own build folder."""
    return cmake_build(board, f"uboot-test-{board}")


@pytest.fixture(scope="module", params=ARM_BOARDS)
def built(request) -> tuple[boards.Board, Path]:
    return boards.load(request.param), build(request.param)


def tool_output(*cmd: str) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_fit_default_configuration_is_conf_1(built):
    board, out = built
    listing = tool_output("mkimage", "-l", str(out / "firmware.itb"))
    addr = f"0x{board.data['kernel']['load_address']:08x}"
    assert f"FIT description: Tessera firmware for {board.name}" in listing
    assert "Default Configuration: 'conf-1'" in listing
    assert re.search(r"Configuration 0 \(conf-1\)\n.*\n\s+Kernel:\s+kernel-1", listing)
    assert re.search(r"Type:\s+Kernel Image", listing)
    assert re.search(rf"Load Address:\s+{addr}\n", listing)
    assert re.search(rf"Entry Point:\s+{addr}\n", listing)
    assert re.search(r"Architecture:\s+ARM", listing)


def test_fit_kernel_is_firmware_bin(built, tmp_path):
    _, out = built
    extracted = tmp_path / "kernel-1.bin"
    tool_output("dumpimage", "-T", "flat_dt", "-p", "0", "-o", str(extracted), str(out / "firmware.itb"))
    assert extracted.read_bytes() == (out / "firmware.bin").read_bytes()


def test_uimage_header(built):
    board, out = built
    data = (out / "firmware.uImage").read_bytes()
    raw = (out / "firmware.bin").read_bytes()
    magic, _hcrc, _time, size, load, entry, dcrc, _os, arch, itype, comp = \
        struct.unpack(">7I4B", data[:32])
    assert magic == UIMAGE_MAGIC
    assert load == entry == board.data["kernel"]["load_address"]
    assert (arch, itype, comp) == (IH_ARCH_ARM, IH_TYPE_KERNEL, IH_COMP_NONE)
    assert size == len(raw) and data[64:] == raw
    assert dcrc == zlib.crc32(raw)
    assert f"Load Address: {board.data['kernel']['load_address']:08x}" in \
        tool_output("mkimage", "-l", str(out / "firmware.uImage"))


def test_sdcard_only_for_the_pi(built):
    board, out = built
    assert (out / "sdcard").is_dir() == (board.name in PI_BOARDS)


@pytest.mark.parametrize("name", PI_BOARDS)
def test_pi_sdcard(name):
    board, out = boards.load(name), build(name)
    kernel = board.data["pi_firmware"]["kernel"]
    card = out / "sdcard"
    assert sorted(p.name for p in card.iterdir()) == sorted(["README.txt", "config.txt", kernel])
    assert (card / kernel).read_bytes() == (out / "firmware.bin").read_bytes()
    settings = [line for line in (card / "config.txt").read_text().splitlines()
                if line and not line.startswith("#")]
    assert settings == [f"kernel={kernel}", f"kernel_address=0x{board.data['kernel']['load_address']:x}",
                        "enable_uart=1", f"init_uart_clock={board.data['console']['clock_hz']}",
                        f"init_uart_baud={board.data['console']['baud']}"]
    assert board.data["console"]["clock_hz"] > 0
    readme = (card / "README.txt").read_text()
    for words in ("bootcode.bin", "start.elf", "fixup.dat", "raspberrypi/firmware", "3.3 V",
                  "GPIO 14", "GPIO 15", "115200 baud, 8N1", "FAT"):
        assert words in readme, words


@pytest.mark.parametrize("name", PINMUX_BOARDS)
def test_kernel_sets_the_uart_pins(name):
    out = build(name)
    symbols = tool_output("arm-none-eabi-nm", str(out / "firmware.elf"))
    # T, or t: the kernel is linked with link-time optimisation, which makes it local
    assert re.search(r"^[0-9a-f]+ [Tt] uart_pinmux$", symbols, re.M)


def test_missing_firmware_bin_is_one_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "tessera.formats", "--board", ARM_BOARDS[0],
                           "--build-dir", str(tmp_path)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "sdk")}, timeout=60)
    assert done.returncode == 1
    assert done.stderr == f"tessera: error: {tmp_path / 'firmware.bin'} not found: build the firmware first\n"
    assert not any(tmp_path.iterdir())
