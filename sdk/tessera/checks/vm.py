# SPDX-License-Identifier: BSD-2-Clause
"""Virtual machines: the settings of an instance of the import library's `VM`
component (`import <VM/vm.camkes>;`), in camkes-vm's ARM vocabulary, checked
against the board and interpreted once into a model.VmSettings: the guest's
RAM and its physical carve-out, its images and where the VMM loads them, its
device tree's source, the devices passed through and the vCPU's priority.
docs/adl.md, "Virtual machines", lists every setting; docs/virtualization.md
is the contract this fills in."""

import sys
from pathlib import Path

from ..abi import VM_IMAGES_BASE
from ..adl import ast
from ..compose import System
from ..errors import Diagnostic, Location, Note
from ..model import GuestImage, InstanceSettings, Passthrough, VmSettings, frozen
from ..paths import ADL_INCLUDE
from ..resolve import did_you_mean
from .values import bool_value, show

MIB = 1 << 20
BLOCK = 2 * MIB                     # guest RAM is mapped in 2 MiB blocks
DEFAULT_RAM_IPA = 0x40000000        # as QEMU virt
DEFAULT_RAM_SIZE = 128 * MIB
MIN_RAM_SIZE = 64 * MIB             # what Debian's armmp kernel needs to boot
LOWEST_RAM_IPA = 0x40000000         # the VMM maps guest RAM at VA = IPA, above its own layout
KERNEL_OFFSET = 32 * MIB            # zImage: in the first 128 MiB, above 32 MiB (no relocation)
DTB_BOUNDARY = 128 * MIB            # Linux's safe place for the DTB when RAM reaches past it
DTB_SLOT = 1 * MIB                  # the room the DTB is given; the initrd follows it
FIRMWARE_RESERVE = 32 * MIB         # kernel, components and page tables, beside the images
DEFAULT_BOOTARGS = "console=ttyAMA0"
UART_IPA, UART_IRQ = 0x09000000, 33  # the PL011 the VMM emulates (QEMU virt's)
DEFAULT_STDOUT = f"/pl011@{UART_IPA:x}"

ADDRESS_KEYS = ("ram_base", "ram_paddr_base", "ram_size", "dtb_addr", "initrd_addr", "kernel_entry_addr")
IMAGE_KEYS = ("kernel_name", "initrd_name", "dtb_name", "dtb_base_name", "kernel_bootcmdline", "kernel_stdout",
              "generate_dtb", "provide_dtb", "provide_initrd", "map_one_to_one", "clean_cache")
# Every setting of a VM instance besides the built-in ones (priority, ...).
VM_SETTINGS = ("vm_address_config", "vm_image_config", "num_vcpus", "dtb", "untyped_mmios", "passthrough",
               "vcpu_priority", "linux_address_config", "linux_image_config")

VM_TYPE = "VM"


def is_vm(comp: ast.Component) -> bool:
    """Whether `comp` is the import library's VM component (sdk/import/VM/vm.camkes)."""
    return comp.name == VM_TYPE and comp.loc.path is not None and \
        Path(comp.loc.path).resolve().parent == (ADL_INCLUDE / "VM").resolve()


def check_vms(system: System, board, settings: dict[str, InstanceSettings], notes: list) -> dict[str, VmSettings]:
    """Each VM instance's settings, checked and placed. Without a board (the
    generator's own tests) nothing is checked and no VM is made."""
    names = [n for n, i in system.instances.items() if is_vm(i.comp)]
    if not names or board is None:
        return frozen({})
    first = system.instances[names[0]]
    if board.virtualization is None:
        raise Diagnostic(first.loc, f"{board.name} has no GIC virtualization extensions, so it cannot run "
                         f"virtual machine '{names[0]}'",
                         "build it for a board with `virtualization:` in its board.yaml, such as qemu-virt-a15")
    if len(names) > 1:
        raise Diagnostic(system.instances[names[1]].loc, f"a second virtual machine '{names[1]}': Tessera runs "
                         "one VM per system", f"keep one; the first is '{names[0]}' at {first.loc}")
    for s in system.settings:
        if s.instance == names[0] and s.attr in ("restart", "restart_max") and settings[names[0]].restart_max:
            raise Diagnostic(s.loc, f"{names[0]}.{s.attr}: a virtual machine has no restart policy in Tessera",
                             "a guest restarts itself with PSCI SYSTEM_RESET (its VMM reloads it); "
                             "leave the setting out")
    return frozen({names[0]: _vm(system, board, settings, names[0], notes)})


class _Raw:
    """A VM instance's settings as written: value and location by name."""

    def __init__(self, system: System, name: str):
        self.values = {s.attr: (s.value, s.loc) for s in system.settings
                       if s.instance == name and s.attr in VM_SETTINGS}
        self.name = name

    def get(self, attr: str):
        return self.values.get(attr, (None, None))

    def config(self, attr: str, keys: tuple[str, ...]) -> tuple[dict, Location | None]:
        value, loc = self.get(attr)
        if value is None:
            return {}, None
        if not isinstance(value, dict):
            raise Diagnostic(loc, f"{self.name}.{attr} must be a struct value, not {show(value)}",
                             f'write `{self.name}.{attr} = {{"{keys[0]}": ...}};`')
        unknown = next((k for k in value if k not in keys), None)
        if unknown is not None:
            raise Diagnostic(loc, f"{self.name}.{attr} has no field '{unknown}'",
                             did_you_mean(unknown, keys) or f"its fields are: {', '.join(keys)}")
        return value, loc


def _vm(system: System, board, settings, name: str, notes: list) -> VmSettings:
    inst = system.instances[name]
    raw = _Raw(system, name)
    for old, new in (("linux_address_config", "vm_address_config"), ("linux_image_config", "vm_image_config")):
        value, loc = raw.get(old)
        if loc is not None:
            raise Diagnostic(loc, f"{name}.{old} is camkes-vm's older spelling, which Tessera does not read",
                             f"write `{name}.{new}` (docs/adl.md, \"Virtual machines\")")
    _vcpus(raw)
    addr, addr_loc = raw.config("vm_address_config", ADDRESS_KEYS)
    image, image_loc = raw.config("vm_image_config", IMAGE_KEYS)
    _refused_image_settings(raw, image, image_loc, notes)
    if "ram_paddr_base" in addr:
        notes.append(Note(addr_loc, f"{name}.vm_address_config ram_paddr_base is accepted and ignored",
                          "Tessera places guest RAM at the top of the board's RAM"))
    ram_ipa = _number(raw, addr, "ram_base", addr_loc, DEFAULT_RAM_IPA)
    ram_size = _number(raw, addr, "ram_size", addr_loc, DEFAULT_RAM_SIZE)
    _check_ram(board, name, ram_ipa, ram_size, addr_loc or inst.loc)
    system_dir = Path(system.prog.root).parent
    kernel_path, initrd_path, version = _images(raw, image, image_loc or inst.loc, system_dir)
    kernel = GuestImage(str(kernel_path), kernel_path.stat().st_size,
                        _number(raw, addr, "kernel_entry_addr", addr_loc, ram_ipa + KERNEL_OFFSET))
    default_dtb = ram_ipa + DTB_BOUNDARY if ram_size >= DTB_BOUNDARY + 2 * DTB_SLOT else \
        _round_up(kernel.ipa + kernel.size + MIB, MIB)     # just above the zImage, room for its stack and heap
    dtb_ipa = _number(raw, addr, "dtb_addr", addr_loc, default_dtb)
    initrd = None if initrd_path is None else GuestImage(
        str(initrd_path), initrd_path.stat().st_size, _number(raw, addr, "initrd_addr", addr_loc, dtb_ipa + DTB_SLOT))
    _check_placement(name, ram_ipa, ram_size, kernel, dtb_ipa, initrd, addr_loc or inst.loc)
    ram_pa = _carve_out(board, name, ram_size, kernel, initrd, addr_loc or inst.loc)
    dtb_name, dtb_loc = _dtb_source(raw, image, image_loc, system_dir)
    priority = settings[name].priority
    vcpu_priority, loc = raw.get("vcpu_priority")
    if loc is not None and (not isinstance(vcpu_priority, int) or isinstance(vcpu_priority, bool)
                            or not 0 <= vcpu_priority <= 255):
        raise Diagnostic(loc, f"{name}.vcpu_priority = {show(vcpu_priority)} is not a priority",
                         "a priority is a whole number from 0 to 255")
    return VmSettings(
        instance=name, ram_ipa=ram_ipa, ram_size=ram_size, ram_pa=ram_pa, kernel=kernel, initrd=initrd,
        dtb_ipa=dtb_ipa, dtb_source=dtb_name,
        bootargs=_string(raw, image, "kernel_bootcmdline", image_loc, DEFAULT_BOOTARGS),
        stdout_path=_string(raw, image, "kernel_stdout", image_loc, DEFAULT_STDOUT),
        kernel_version=version, passthrough=tuple(_passthrough(system, board, settings, raw)),
        vcpu_priority=max(priority - 1, 0) if vcpu_priority is None else vcpu_priority,
        loc=inst.loc, dtb_loc=dtb_loc or inst.loc)


def _vcpus(raw: _Raw) -> None:
    value, loc = raw.get("num_vcpus")
    if loc is not None and value != 1:
        raise Diagnostic(loc, f"{raw.name}.num_vcpus = {show(value)}: Tessera runs one vCPU per VM",
                         f"write `{raw.name}.num_vcpus = 1;` or leave it out")


def _refused_image_settings(raw: _Raw, image: dict, loc, notes: list) -> None:
    if bool_value(image.get("map_one_to_one", 0)):
        raise Diagnostic(loc, f"{raw.name}.vm_image_config map_one_to_one: Tessera does not map guest RAM "
                         "at its physical address", "leave it false: guest RAM is a carve-out at the top of the "
                         "board's RAM, mapped at ram_base")
    if image.get("dtb_base_name"):
        raise Diagnostic(loc, f"{raw.name}.vm_image_config dtb_base_name: Tessera has no board device tree "
                         "to start from", "give your whole device tree with dtb_name, or let Tessera generate one")
    for key in ("clean_cache", "provide_dtb"):
        if key in image:
            notes.append(Note(loc, f"{raw.name}.vm_image_config {key} is accepted and ignored",
                              "the VMM always cleans the images it loads to the point of coherency and "
                              "always gives the guest a DTB"))


def _number(raw: _Raw, config: dict, key: str, loc, default: int) -> int:
    """A vm_address_config value: a number, or a string of one (camkes-vm's VAR_STRINGIZE)."""
    if key not in config:
        return default
    value = config[key]
    if isinstance(value, str):
        try:
            value = int(value.strip(), 0)
        except ValueError:
            pass
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 1 << 32:
        raise Diagnostic(loc, f"{raw.name}.vm_address_config {key} = {show(config[key])} is not an address",
                         f'write a 32-bit number, e.g. "{key}": 0x40000000')
    return value


def _string(raw: _Raw, config: dict, key: str, loc, default: str) -> str:
    value = config.get(key, default)
    if not isinstance(value, str):
        raise Diagnostic(loc, f"{raw.name}.vm_image_config {key} must be a string, not {show(value)}",
                         f'write it in double quotes: "{key}": "{default}"')
    return value


def _check_ram(board, name: str, ipa: int, size: int, loc) -> None:
    span = f"[{ipa:#x}, {ipa + size:#x})"
    if ipa % BLOCK or size % BLOCK or size == 0:
        raise Diagnostic(loc, f"{name}: guest RAM {span} is not 2 MiB aligned and sized",
                         "the kernel maps guest RAM in 2 MiB blocks: align ram_base and round ram_size to 2 MiB")
    if size < MIN_RAM_SIZE:
        raise Diagnostic(loc, f"{name}: {size >> 20} MiB of guest RAM is less than Linux needs",
                         f"give it at least {MIN_RAM_SIZE >> 20} MiB (ram_size = {MIN_RAM_SIZE:#x})")
    if ipa < LOWEST_RAM_IPA or ipa + size > 1 << 32:
        raise Diagnostic(loc, f"{name}: guest RAM {span} overlaps the VMM's own layout or leaves 4 GiB",
                         f"the VMM maps guest RAM at its guest address: put it between {LOWEST_RAM_IPA:#x} and 4 GiB")
    if size > board.data["ram"]["size"]:
        raise Diagnostic(loc, f"{name}: {size >> 20} MiB of guest RAM is more than {board.name} has "
                         f"({board.data['ram']['size'] >> 20} MiB)", "give the guest less RAM")


def _images(raw: _Raw, image: dict, loc, system_dir: Path) -> tuple[Path, Path | None, str]:
    """The kernel and initrd files: the user's (a path from the system's
    folder), else the Debian images tessera.guest provides."""
    provide_initrd = bool_value(image.get("provide_initrd", 1))
    if provide_initrd is None:
        raise Diagnostic(loc, f"{raw.name}.vm_image_config provide_initrd must be true or false",
                         '"provide_initrd": false boots without an initrd')
    kernel = _string(raw, image, "kernel_name", loc, "")
    initrd = _string(raw, image, "initrd_name", loc, "") if provide_initrd else ""
    version = "custom"
    if not kernel or (provide_initrd and not initrd):
        debian = _default_images(raw, loc)
        version = debian.kernel_version if not kernel else version
        kernel = kernel or str(debian.kernel)
        initrd = initrd or (str(debian.initrd) if provide_initrd else "")
    paths = []
    for what, name in (("kernel", kernel), ("initrd", initrd)):
        if not name:
            paths.append(None)
            continue
        path = (system_dir / name).resolve()
        if not path.is_file():
            problem = "is not a regular file" if path.exists() else "does not exist"
            raise Diagnostic(loc, f"{raw.name}: the guest's {what} image '{name}' {problem}",
                             f"put the image at {path}, or name another with vm_image_config {what}_name")
        paths.append(path)
    return paths[0], paths[1], version


def _default_images(raw: _Raw, loc):
    try:
        from .. import guest         # fetches and caches Debian's armhf kernel and initramfs
    except ImportError:
        raise Diagnostic(loc, f"{raw.name}: this checkout has no default guest images (tessera.guest)",
                         f'name your own: `{raw.name}.vm_image_config = {{"kernel_name": "zImage", '
                         f'"initrd_name": "initrd.cpio.gz"}};`') from None
    return guest.default_images(lambda message: print(message, file=sys.stderr))


def _check_placement(name: str, ram_ipa: int, ram_size: int, kernel: GuestImage, dtb_ipa: int,
                     initrd: GuestImage | None, loc) -> None:
    """Linux's booting rules: every image in RAM, none over another, the
    kernel and initrd on pages and the DTB on 8 bytes."""
    spans = [("kernel", kernel.ipa, kernel.size, 4096, "kernel_entry_addr"),
             ("DTB", dtb_ipa, DTB_SLOT, 8, "dtb_addr")]
    if initrd is not None:
        spans.append(("initrd", initrd.ipa, initrd.size, 4096, "initrd_addr"))
    ram = f"[{ram_ipa:#x}, {ram_ipa + ram_size:#x})"
    for what, ipa, size, align, key in spans:
        if ipa % align:
            raise Diagnostic(loc, f"{name}: the {what} at {ipa:#x} is not aligned to {align} bytes",
                             f"align vm_address_config {key}, or leave it to Tessera")
        if not (ram_ipa <= ipa and ipa + size <= ram_ipa + ram_size):
            raise Diagnostic(loc, f"{name}: the {what} [{ipa:#x}, {ipa + size:#x}) does not fit in the "
                             f"guest's RAM {ram}", f"move it with vm_address_config {key}, or give the guest more "
                             "RAM with ram_size")
    for i, (a, a0, asize, _, akey) in enumerate(spans):
        for b, b0, bsize, _, bkey in spans[i + 1:]:
            if a0 < b0 + bsize and b0 < a0 + asize:
                raise Diagnostic(loc, f"{name}: the {b} [{b0:#x}, {b0 + bsize:#x}) overlaps the {a} "
                                 f"[{a0:#x}, {a0 + asize:#x})",
                                 f"move one with vm_address_config {bkey} or {akey}, or leave both to Tessera")


def _carve_out(board, name: str, ram_size: int, kernel: GuestImage, initrd: GuestImage | None, loc) -> int:
    """The guest RAM's physical home: the top of the board's RAM, 2 MiB
    aligned, above the firmware (which holds the images as well)."""
    ram = board.data["ram"]
    top = (ram["base"] + ram["size"]) & ~(BLOCK - 1)
    pa = top - ram_size
    images = kernel.size + (initrd.size if initrd else 0) + DTB_SLOT
    if images > LOWEST_RAM_IPA - VM_IMAGES_BASE:
        raise Diagnostic(loc, f"{name}: the guest's images ({images >> 20} MiB) do not fit in the VMM's "
                         f"images region [{VM_IMAGES_BASE:#x}, {LOWEST_RAM_IPA:#x})", "use smaller images")
    firmware_end = _round_up(board.data["kernel"]["load_address"] + images + FIRMWARE_RESERVE, BLOCK)
    if pa < firmware_end:
        room = max(0, (top - firmware_end) >> 20)
        raise Diagnostic(loc, f"{name}: {ram_size >> 20} MiB of guest RAM does not fit in {board.name}'s RAM "
                         f"beside the firmware, which needs up to about {firmware_end:#x}",
                         f"give the guest at most {room} MiB")
    return pa


def _dtb_source(raw: _Raw, image: dict, loc, system_dir: Path) -> tuple[str | None, Location | None]:
    generate = bool_value(image.get("generate_dtb", 1))
    name = _string(raw, image, "dtb_name", loc, "")
    if generate is None:
        raise Diagnostic(loc, f"{raw.name}.vm_image_config generate_dtb must be true or false", "write true or false")
    if not name:
        if not generate:
            raise Diagnostic(loc, f"{raw.name}.vm_image_config generate_dtb is false but no dtb_name is given",
                             'name your device tree ("dtb_name": "guest.dts"), or let Tessera generate it')
        return None, None
    path = (system_dir / name).resolve()
    if not path.is_file():
        problem = "is not a regular file" if path.exists() else "does not exist"
        raise Diagnostic(loc, f"{raw.name}: the guest's device tree '{name}' {problem}",
                         f"put it at {path}, or leave dtb_name out to have Tessera generate one")
    return str(path), loc


def _passthrough(system: System, board, settings, raw: _Raw) -> list[Passthrough]:
    """The devices given to the guest: `passthrough` (board device names or
    addresses), camkes-vm's dtb([{"path": "/node@addr"}]) (by unit address)
    and untyped_mmios ("paddr:bits", mapped only)."""
    wanted: list[tuple[object, Location, bool, int | None]] = []    # (name or address, loc, whole device, bits)
    value, loc = raw.get("passthrough")
    if loc is not None:
        for item in value if isinstance(value, list) else [value]:
            wanted.append((item, loc, True, None))
    value, loc = raw.get("dtb")
    if loc is not None:
        if not (isinstance(value, ast.Call) and value.name == "dtb" and len(value.args) == 1
                and isinstance(value.args[0], list)):
            raise Diagnostic(loc, f"{raw.name}.dtb must be dtb([...]), not {show(value)}",
                             f'write `{raw.name}.dtb = dtb([{{"path": "/pl031@9010000"}}]);`')
        for node in value.args[0]:
            path = node.get("path") if isinstance(node, dict) else None
            unit = path.rsplit("@", 1)[1] if isinstance(path, str) and "@" in path else None
            try:
                wanted.append((int(unit, 16), loc, True, None))
            except (TypeError, ValueError):
                raise Diagnostic(loc, f"{raw.name}.dtb: {show(node)} names no device by its address",
                                 'name a node with its unit address: {"path": "/pl031@9010000"}') from None
    value, loc = raw.get("untyped_mmios")
    if loc is not None:
        for item in value if isinstance(value, list) else [value]:
            parts = item.split(":") if isinstance(item, str) else []
            try:
                base, bits = int(parts[0], 0), int(parts[1], 0)
            except (IndexError, ValueError):
                raise Diagnostic(loc, f"{raw.name}.untyped_mmios: {show(item)} is not \"paddr:size_bits\"",
                                 'write e.g. "0x09010000:12"') from None
            if board.virtualization["gicv"] <= base < board.virtualization["gicv"] + 0x2000:
                continue        # the GIC's virtual CPU interface: every guest has it
            wanted.append((base, loc, False, bits))
    owners = _native_owners(system, settings)
    console = board.data["console"].get("base")
    out: list[Passthrough] = []
    for item, loc, whole, bits in wanted:
        dev = _board_device(board, item, loc, raw.name)
        base, size = (dev["base"], dev["size"]) if whole else (item, 1 << bits)
        if not whole and not (dev["base"] <= base and base + size <= dev["base"] + dev["size"]):
            raise Diagnostic(loc, f"{raw.name}.untyped_mmios: [{base:#x}, {base + size:#x}) is not inside "
                             f"{board.name}'s device '{dev['name']}'", "map a window the board lists")
        if console is not None and base <= console < base + size:
            raise Diagnostic(loc, f"{raw.name}: device '{dev['name']}' is the kernel's console, which no "
                             "guest may own", "the guest's console is the VMM's emulated PL011")
        for other in out:
            if other.base < base + size and base < other.base + other.size:
                raise Diagnostic(loc, f"{raw.name}: device '{dev['name']}' is passed through twice",
                                 "name each device once")
        irqs = tuple(dev.get("irqs", [])) if whole else ()
        for owner, obase, osize, oirqs in owners:
            if (obase is not None and obase < base + size and base < obase + osize) or set(irqs) & oirqs:
                raise Diagnostic(loc, f"{raw.name}: device '{dev['name']}' is also used by component "
                                 f"instance '{owner}'", "a device has one owner: give it to the guest or "
                                 "to the component")
        out.append(Passthrough(dev["name"], base, size, irqs, frozen(dev["dt"]) if whole and "dt" in dev else None))
    return out


def _board_device(board, item, loc, name: str) -> dict:
    if isinstance(item, str):
        try:
            item = int(item, 0)
        except ValueError:
            dev = board.user_device(item)
            if dev is None:
                raise Diagnostic(loc, f"{name}: {board.name} has no device '{item}' to pass through",
                                 did_you_mean(item, board.device_names()) or
                                 f"the board's devices are: {', '.join(board.device_names())}") from None
            return dev
    if not isinstance(item, int) or isinstance(item, bool):
        raise Diagnostic(loc, f"{name}: {show(item)} names no device", 'name a board device ("rtc") or its address')
    dev = board.device_window(item, 1)
    if dev is None:
        raise Diagnostic(loc, f"{name}: {item:#x} is in no device {board.name} gives to components",
                         "the devices are: " + ", ".join(f"{d['name']} at {d['base']:#x}"
                                                         for d in board.device_windows()))
    return dev


def _native_owners(system: System, settings) -> list[tuple[str, int | None, int, set[int]]]:
    """What each hardware instance's windows and interrupts claim: (instance, base, size, interrupts)."""
    out = []
    for name, inst in system.instances.items():
        if inst.comp.hardware:
            for hw in settings[name].hardware.values():
                out.append((name, hw.paddr, hw.size or 0, {hw.irq_number} - {None}))
    return out


def _round_up(value: int, align: int) -> int:
    return (value + align - 1) // align * align
