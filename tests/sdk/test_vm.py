# SPDX-License-Identifier: BSD-2-Clause
"""A virtual machine from the description to the spec (docs/virtualization.md):
examples/linux-guest generated with small fake images in place of Debian's and
a stub in place of the VMM's sources, then checked for what the kernel, the
VMM and Linux are promised: the guest's stage-2 map and vCPU, the VMM's view,
tessera_vm, the device tree and the page-table count."""

import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from frontend import generate
from tessera import allocate, boards, gen
from tessera.abi import VM_IMAGES_BASE

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "linux-guest"
BOARD = "qemu-virt-a15"
KERNEL_SIZE, INITRD_SIZE = 5_000_000, 3_000_000


@pytest.fixture
def fake_guest(tmp_path, monkeypatch):
    """Fake Debian images (tessera.guest.default_images) and a stub VMM."""
    images = tmp_path / "images"
    images.mkdir()
    (images / "zImage").write_bytes(b"\x01" * KERNEL_SIZE)
    (images / "initrd.cpio.gz").write_bytes(b"\x02" * INITRD_SIZE)
    guest = types.ModuleType("tessera.guest")
    guest.default_images = lambda log: types.SimpleNamespace(
        kernel=images / "zImage", initrd=images / "initrd.cpio.gz", kernel_version="6.1.0-test")
    monkeypatch.setitem(sys.modules, "tessera.guest", guest)
    monkeypatch.setattr("tessera.guest", guest, raising=False)
    vmm = tmp_path / "vmm"
    (vmm / "src").mkdir(parents=True)
    (vmm / "src" / "stub.c").write_text("int run(void) { return 0; }\n")
    shutil.copytree(ROOT / "components" / "vmm" / "include", vmm / "include")
    monkeypatch.setitem(allocate.LIBRARY_SOURCES, "VM", vmm)
    return images


@pytest.fixture
def configured(fake_guest, tmp_path):
    out = tmp_path / "gen"
    model = gen.configure(BOARD, EXAMPLE, out)
    return model, out


def test_model_places_the_guest(configured):
    model, _ = configured
    vm = model["vm"]
    assert vm["ram"] == {"ipa": 0x40000000, "size": 0x08000000, "pa": 0x78000000}     # the top of 1 GiB
    assert vm["kernel"]["ipa"] == 0x42000000                                         # RAM + 32 MiB
    assert vm["dtb"]["ipa"] == 0x42600000                                            # above the zImage
    assert vm["initrd"]["ipa"] == 0x42700000                                         # after the DTB's 1 MiB
    assert vm["vcpu"]["arg"] == vm["dtb"]["ipa"]
    assert vm["vcpu"]["priority"] == 199                                             # below the VMM's 200
    assert [i["va"] for i in vm["images"]] == [VM_IMAGES_BASE, VM_IMAGES_BASE + 0x4c5000,
                                               VM_IMAGES_BASE + 0x4c5000 + 0x2dd000]
    assert model["nvspaces"] == 3 and model["nthreads"] == 3


def test_device_tree(configured):
    model, out = configured
    dts = (out / "vm" / "guest.dts").read_text()
    assert (out / "vm" / "guest.dtb").stat().st_size == model["vm"]["dtb"]["size"]
    for line in ['bootargs = "console=ttyAMA0";', 'stdout-path = "/pl011@9000000";',
                 "linux,initrd-start = <0x42700000>;", f"linux,initrd-end = <0x{0x42700000 + INITRD_SIZE:08x}>;",
                 "reg = <0x40000000 0x08000000>;", 'method = "hvc";', "reg = <0x08000000 0x1000>,",
                 "<0x08010000 0x2000>;", "interrupts = <0 1 4>;", 'clock-names = "uartclk", "apb_pclk";']:
        assert line in dts, line
    start = subprocess.run(["fdtget", "-t", "x", str(out / "vm" / "guest.dtb"), "/chosen", "linux,initrd-start"],
                           capture_output=True, text=True, check=True).stdout
    assert start.strip() == "42700000"


def test_vmm_configuration(configured):
    _, out = configured
    c = (out / "glue" / "vm0" / "vm_config.c").read_text()
    for line in [".ram_ipa = 0x40000000,", ".ram_size = 0x08000000,", ".ram = (uint8_t *)0x40000000,",
                 f".kernel = {{ .data = (const uint8_t *)0x{VM_IMAGES_BASE:08x}, .size = {KERNEL_SIZE}, "
                 ".ipa = 0x42000000 },", ".gicd_ipa = 0x08000000,", ".uart_ipa = 0x09000000,", ".uart_irq = 33,",
                 ".vcpu_cap = 2,", ".endpoint_cap = 1,", ".vcpu_badge = 1,", ".console_badge = 1,",
                 ".num_passthrough_irqs = 0,", ".passthrough_irqs = NULL,"]:
        assert line in c, line
    caps = (out / "glue" / "vm0" / "include" / "tessera_caps.h").read_text()
    assert "#define CAP_vm_exits 1" in caps and "#define CAP_vcpu 2" in caps
    cmake = (out / "components.cmake").read_text()
    assert str(out / "glue" / "vm0" / "vm_config.c") in cmake
    gcc = shutil.which("arm-none-eabi-gcc")
    if gcc:
        subprocess.run([gcc, "-fsyntax-only", "-Wall", "-Werror", "-I", str(ROOT / "components/vmm/include"),
                        str(out / "glue" / "vm0" / "vm_config.c")], check=True)


def _elf(tmp_path: Path) -> Path:
    gcc = shutil.which("arm-none-eabi-gcc")
    if gcc is None:
        pytest.skip("arm-none-eabi-gcc is needed for a component ELF")
    src = tmp_path / "a.c"
    src.write_text("void _start(void) { for (;;) ; }\n")
    elf = tmp_path / "a.elf"
    subprocess.run([gcc, "-nostdlib", "-o", str(elf), str(src), "-Wl,-Ttext=0x10000"], check=True)
    return elf


def test_spec(configured, tmp_path):
    model, out = configured
    elf = _elf(tmp_path)
    gen.main(["image", "--out", str(out), *(f"{i['name']}={elf}" for i in model["instances"])])
    spec = (out / "system_spec.c").read_text()
    # The guest: RAM (R|W|X|SHARED at the carve-out), GICV at the guest's GICC, no caps.
    assert "{ .va = 0x40000000, .memsz = 0x08000000, .filesz = 0, .mem_offset = 0, .rights = 23, .src = 0,\n" \
           "      .pa = 0x78000000 }, /* RAM */" in spec
    assert ".va = 0x08010000, .memsz = 0x00002000, .filesz = 0, .mem_offset = 0, .rights = 11, .src = 0,\n" \
           "      .pa = 0x08040000 }" in spec
    assert '{ .name = "vm0.guest", .id = 3, .segments = segments_vm0_guest,' in spec
    assert ".caps = NULL, .ncaps = 0,\n      .ioports = NULL, .nioports = 0, .guest = 1 }," in spec
    # The VMM: guest RAM at VA = IPA (R|W|SHARED), the images read-only from the firmware.
    assert "{ .va = 0x40000000, .memsz = 0x08000000, .filesz = 0x00000000,\n      .mem_offset = 0x00000000, " \
           ".rights = 19, .src = 0,\n      .pa = 0x78000000 }, /* guest RAM */" in spec
    assert ".pa = (uintptr_t)vm_image_vm0_kernel }" in spec
    # The vCPU: entry = kernel IPA, arg = DTB IPA, no stack or IPC buffer, exits to the VMM.
    assert '{ .name = "vm0.vcpu", .vspace = 2, .entry = 0x42000000, .stack_top = 0x00000000,\n' \
           "      .arg = 1113587712, .ipc_buffer = 0x00000000, .priority = 199, .control = 0," in spec
    assert "spec_console_input = { .vspace = 0, .notification = 1, .badge = 1 };" in spec
    images = (out / "images.S").read_text()
    assert '.incbin "' + str(tmp_path / "images" / "zImage") + '"' in images
    assert "vm_image_vm0_dtb:" in images
    gcc = shutil.which("arm-none-eabi-gcc")
    subprocess.run([gcc, "-fsyntax-only", "-Wall", "-Werror", "-I", str(ROOT / "kernel/include"),
                    "-I", str(out / "include"), str(out / "system_spec.c")], check=True)


def test_page_tables_count_blocks_for_guest_ram(configured, tmp_path):
    """Guest RAM is mapped in 2 MiB blocks: one level-2 table per GiB, no level-3 tables."""
    from tessera.image import guest_vspace, page_tables
    vm = configured[0]["vm"]
    # RAM (one GiB: one level-2 table) and GICV (one level-2 and one level-3 table).
    assert page_tables(guest_vspace(vm)) == 3


def test_passthrough(fake_guest, tmp_path):
    """The RTC by name: mapped at its address, its interrupt forwarded to the
    vCPU, described in the guest's device tree."""
    system = tmp_path / "pt"
    system.mkdir()
    (system / "pt.camkes").write_text(
        "import <VM/vm.camkes>;\n"
        "assembly { composition { component VM vm0; }\n"
        '  configuration { vm0.dtb = dtb([{"path": "/pl031@9010000"}]); } }\n')
    out = tmp_path / "gen"
    model = gen.configure(BOARD, system, out)
    vm = model["vm"]
    assert vm["passthrough"][0]["name"] == "rtc" and vm["passthrough_irqs"] == [34]
    assert {"number": 34, "notification": None, "badge": 0, "vcpu": 1} in model["irqs"]
    dts = (out / "vm" / "guest.dts").read_text()
    assert "pl031@9010000 {" in dts and "interrupts = <0 2 4>;" in dts
    assert ".num_passthrough_irqs = 1," in (out / "glue" / "vm0" / "vm_config.c").read_text()


def test_no_vm_without_a_board(fake_guest):
    """The generator's own tests run without a board: a VM instance is then a plain component."""
    model = generate(EXAMPLE / "linux-guest.camkes", None)
    assert model["vm"] is None


def _system(tmp_path: Path, configuration: str, extra: str = "") -> Path:
    system = tmp_path / "sys"
    system.mkdir(exist_ok=True)
    (system / "sys.camkes").write_text(
        f"import <std_connector.camkes>;\nimport <VM/vm.camkes>;\n{extra}\n"
        f"assembly {{ composition {{ component VM vm0; }}\n  configuration {{ {configuration} }} }}\n")
    return system


def test_passthrough_by_name_and_untyped_mmios(fake_guest, tmp_path):
    system = _system(tmp_path, 'vm0.passthrough = ["rtc"]; '
                               'vm0.untyped_mmios = ["0x08040000:12", "0x09010000:12"];')
    with pytest.raises(Exception, match="device 'rtc' is passed through twice"):
        gen.configure(BOARD, system, tmp_path / "gen")
    system = _system(tmp_path, 'vm0.untyped_mmios = ["0x08040000:12", "0x09010000:12"];')
    vm = gen.configure(BOARD, system, tmp_path / "gen")["vm"]
    # GICV is every guest's already; the RTC's page is mapped, with no interrupt and no node.
    assert vm["passthrough"] == [{"name": "rtc", "base": 0x09010000, "size": 0x1000, "irqs": [], "dt": None}]
    assert "pl031" not in (tmp_path / "gen" / "vm" / "guest.dts").read_text()


def test_without_initrd_and_with_more_ram(fake_guest, tmp_path):
    system = _system(tmp_path, 'vm0.vm_address_config = {"ram_size": "0x10000000"}; '
                               'vm0.vm_image_config = {"provide_initrd": false};')
    vm = gen.configure(BOARD, system, tmp_path / "gen")["vm"]
    assert vm["initrd"] is None and vm["dtb"]["ipa"] == 0x48000000         # at RAM + 128 MiB
    assert vm["ram"]["pa"] == 0x70000000
    assert "linux,initrd" not in (tmp_path / "gen" / "vm" / "guest.dts").read_text()
    assert ".initrd = { .data = NULL, .size = 0, .ipa = 0 }," in \
        (tmp_path / "gen" / "glue" / "vm0" / "vm_config.c").read_text()


def test_a_call_is_no_value_for_an_attribute(tmp_path):
    from tessera.errors import Diagnostic
    system = _system(tmp_path, "c.x = dtb([]);", "component C { control; attribute int x; }")
    (system / "sys.camkes").write_text((system / "sys.camkes").read_text().replace(
        "component VM vm0;", "component C c;"))
    with pytest.raises(Diagnostic, match=r"c.x has type int; dtb\(\[\]\) is not a number"):
        generate(system / "sys.camkes", boards.load(BOARD))
