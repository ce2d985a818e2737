# SPDX-License-Identifier: BSD-2-Clause
"""The default Linux guest of a virtual machine (docs/virtualization.md):
Debian's armhf kernel and an initramfs around Debian's static busybox, made
once into a cache folder outside the checkout
(${XDG_CACHE_HOME:-~/.cache}/tessera/guest/<key>, the key the kernel package,
its version, busybox's version and the initramfs recipe's version).

The packages come through apt with a private configuration (package lists,
cache and an empty dpkg status under the cache folder, the architecture
armhf, the system's own sources), so neither root nor `dpkg
--add-architecture` is needed, and they are unpacked with `dpkg-deb -x`, not
installed. The kernel is whatever the metapackage `linux-image-armmp` depends
on now: its ABI number changes with Debian's point releases and is never
written down here. The initramfs is written in Python in cpio's newc format,
so it needs no root, mknod or cpio(1).

`default_images()` reuses the newest cached images without touching the
network; with `refresh=True` (`./tessera setup`) it first updates the package
lists, so a new point release is fetched, and falls back to the cached images
when the lists cannot be reached. A failure is one line (GuestError).
Standard library only."""

import fcntl
import gzip
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import TesseraError
from .newlib import cache_root

KERNEL_METAPACKAGE = "linux-image-armmp"
BUSYBOX_PACKAGE = "busybox-static"
ARCH = "armhf"
RECIPE = 4                      # bump when the initramfs's contents change: a new cache key
MARKER = "guest-linux: up"
BENCH_ARG = "tessera.bench=boot"     # on the kernel's command line: /init times itself and powers off
RT_ARG = "tessera.rt="               # tessera profile --rt's conditions: boot (reboot at once), load
LOAD_MARKER = "guest-linux: load started"
COUNTER_LINE = "guest-linux: cntvct=0x"   # what /bin/cntvct prints, then 16 hex digits

# /init: mount proc and sysfs, link busybox's applets, say so, then a shell
# with job control on the console (setsid: a session of its own; cttyhack:
# the console's real device, e.g. /dev/ttyAMA0, as its controlling terminal).
# The kernel mounts no devtmpfs for init (the archive's /dev/console and
# /dev/null are enough to start), so /init mounts one for cttyhack, or lets
# mdev fill /dev from sysfs if the kernel has no devtmpfs.
# With `tessera.bench=boot` on the kernel's command line (the boot-time
# benchmark, docs/profiling.md) it prints the virtual counter right after the
# marker (/bin/cntvct) and the kernel's own line "[ T] Run /init as init
# process" (T: its clock, which starts when its timer does; printed even
# under `quiet`), then powers off at once instead of starting a shell.
# `tessera.rt=boot` (tessera profile --rt, docs/realtime.md) reboots at once
# after the marker, so the guest boots again and again; `tessera.rt=load`
# starts a CPU loop and a console flood in the background before the shell.
INIT_SCRIPT = f"""#!/bin/sh
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
/bin/busybox --install -s
mount -t devtmpfs devtmpfs /dev 2>/dev/null || mdev -s
cmdline=" $(cat /proc/cmdline) "
case "$cmdline" in *" {BENCH_ARG} "*) bench=1 ;; esac
echo "{MARKER}"
if [ -n "$bench" ]; then /bin/cntvct; dmesg | grep -m 1 "Run /init"; poweroff -f; fi
case "$cmdline" in
*" {RT_ARG}boot "*) reboot -f ;;
*" {RT_ARG}load "*)
    echo "{LOAD_MARKER}: while :; do :; done & yes > /dev/console &"
    (while :; do :; done) &
    yes > /dev/console & ;;
esac
exec setsid cttyhack /bin/sh
"""

# /bin/cntvct: a static ARM Linux program (EABI5, ARM state) that prints the
# virtual counter, CNTVCT, which Linux lets user mode read (CNTKCTL.PL0VCTEN),
# as "guest-linux: cntvct=0x<16 hex digits>" and exits. Under QEMU the counter
# starts at 0 with the machine and runs at 62.5 MHz, so natively and under
# Tessera the line tells the same virtual time. Its words, from arm-none-eabi-as:
CNTVCT_CODE = [
    0xf57ff06f,     # isb
    0xec554f1e,     # mrrc p15, 1, r4, r5, c14      @ r5:r4 = CNTVCT
    0xe28f106e,     # adr r1, digits_end            @ = .text + 0x7e
    0xe3a02010,     # mov r2, #16
    0xe204300f,     # 1: and r3, r4, #15
    0xe353000a,     # cmp r3, #10
    0x32833030,     # addlo r3, r3, #'0'
    0x22833057,     # addhs r3, r3, #'a' - 10
    0xe5613001,     # strb r3, [r1, #-1]!
    0xe1a04224,     # lsr r4, r4, #4
    0xe1844e05,     # orr r4, r4, r5, lsl #28
    0xe1a05225,     # lsr r5, r5, #4
    0xe2522001,     # subs r2, r2, #1
    0x1afffff5,     # bne 1b
    0xe2411016,     # sub r1, r1, #22               @ the prefix
    0xe3a00001,     # mov r0, #1                    @ stdout
    0xe3a02027,     # mov r2, #39                   @ prefix, digits, newline
    0xe3a07004,     # mov r7, #4                    @ write
    0xef000000,     # svc #0
    0xe3a00000,     # mov r0, #0
    0xe3a07001,     # mov r7, #1                    @ exit
    0xef000000,     # svc #0
]


def cntvct_program() -> bytes:
    """/bin/cntvct as an ELF file: one read-write-execute segment (it writes
    its digits into itself) at 0x10000, headers included."""
    import struct
    base, header = 0x10000, 52 + 32
    body = b"".join(struct.pack("<I", w) for w in CNTVCT_CODE) + COUNTER_LINE.encode() + b"\0" * 16 + b"\n"
    assert len(body) == 0x7f                    # digits_end at 0x7e, as the adr above says
    size = header + len(body)
    ident = b"\x7fELF" + bytes([1, 1, 1, 0]) + b"\0" * 8     # 32-bit, little-endian, SysV
    elf = ident + struct.pack("<HHIIIIIHHHHHH", 2, 40, 1, base + header, 52, 0, 0x05000200,
                              52, 32, 1, 0, 0, 0)     # EXEC, ARM, EABI5 soft-float; one program header
    phdr = struct.pack("<IIIIIIII", 1, 0, base, base, size, size, 7, 0x1000)   # PT_LOAD, RWX
    return elf + phdr + body


class GuestError(TesseraError):
    """The guest images cannot be fetched or built; the message is one line."""


@dataclass(frozen=True)
class GuestImages:
    kernel: Path                # the zImage (vmlinuz-<kernel_version>)
    initrd: Path                # the gzipped newc initramfs
    kernel_version: str         # as the guest's `uname -r` prints it, e.g. 6.1.0-57-armmp


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# ---- newc ----------------------------------------------------------------

@dataclass(frozen=True)
class CpioEntry:
    """One member of an archive: `mode` has the file type bits (stat.S_IF*);
    a symlink's `data` is its target; `rdev` is (major, minor) of a device."""
    name: str
    mode: int
    data: bytes = b""
    rdev: tuple[int, int] = field(default=(0, 0))


def _pad4(n: int) -> bytes:
    return b"\0" * (-n % 4)


def _newc_member(ino: int, mode: int, nlink: int, rdev: tuple[int, int], name: str, data: bytes) -> bytes:
    encoded = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1], len(encoded), 0]
    header = b"070701" + b"".join(b"%08X" % f for f in fields)
    head = header + encoded
    return head + _pad4(len(head)) + data + _pad4(len(data))


def newc_archive(entries: list[CpioEntry]) -> bytes:
    """The entries as a newc ("070701") archive: owner root, mtime 0, inodes
    from 1, then the TRAILER!!! member. A parent folder must come before what
    it holds."""
    out = []
    for ino, e in enumerate(entries, start=1):
        nlink = 2 if stat.S_ISDIR(e.mode) else 1
        out.append(_newc_member(ino, e.mode, nlink, e.rdev, e.name, e.data))
    out.append(_newc_member(0, 0, 1, (0, 0), "TRAILER!!!", b""))
    return b"".join(out)


def initramfs_entries(busybox: bytes, init: str = INIT_SCRIPT) -> list[CpioEntry]:
    """The guest's root file system: busybox, /bin/sh, the console and null
    devices, the folders busybox --install and the shell need, and /init."""
    folders = ["bin", "dev", "etc", "proc", "root", "sbin", "sys", "tmp", "usr", "usr/bin", "usr/sbin"]
    entries = [CpioEntry(name, stat.S_IFDIR | 0o755) for name in folders]
    entries[folders.index("tmp")] = CpioEntry("tmp", stat.S_IFDIR | 0o1777)
    entries[folders.index("root")] = CpioEntry("root", stat.S_IFDIR | 0o700)
    entries += [
        CpioEntry("bin/busybox", stat.S_IFREG | 0o755, busybox),
        CpioEntry("bin/sh", stat.S_IFLNK | 0o777, b"busybox"),
        CpioEntry("bin/cntvct", stat.S_IFREG | 0o755, cntvct_program()),
        CpioEntry("dev/console", stat.S_IFCHR | 0o600, rdev=(5, 1)),
        CpioEntry("dev/null", stat.S_IFCHR | 0o666, rdev=(1, 3)),
        CpioEntry("init", stat.S_IFREG | 0o755, init.encode()),
    ]
    return entries


def newc_member(archive: bytes, wanted: str) -> bytes | None:
    """The data of member `wanted` of a newc archive, or None."""
    at = 0
    while archive[at:at + 6] == b"070701":
        size, namesize = int(archive[at + 54:at + 62], 16), int(archive[at + 94:at + 102], 16)
        name = archive[at + 110:at + 110 + namesize - 1].decode(errors="replace")
        start = at + 110 + namesize
        start += -start % 4
        if name == wanted:
            return archive[start:start + size]
        if name == "TRAILER!!!":
            break
        at = start + size + (-(start + size) % 4)
    return None


def build_initramfs(busybox: bytes, out: Path) -> None:
    """Write the gzipped initramfs around `busybox` (a static binary) to `out`."""
    archive = newc_archive(initramfs_entries(busybox))
    out.write_bytes(gzip.compress(archive, compresslevel=9, mtime=0))


# ---- apt, privately ------------------------------------------------------

class PrivateApt:
    """apt-get and apt-cache for armhf packages, with their own lists, cache
    and (empty) dpkg status under `where`: the system is not changed."""

    def __init__(self, where: Path):
        self.where = where
        for sub in ("lists/partial", "cache/archives/partial"):
            (where / sub).mkdir(parents=True, exist_ok=True)
        (where / "status").touch()
        self.options = [
            "-o", f"Dir::State={where}", "-o", f"Dir::State::Lists={where / 'lists'}",
            "-o", f"Dir::State::status={where / 'status'}", "-o", f"Dir::Cache={where / 'cache'}",
            "-o", f"APT::Architecture={ARCH}", "-o", f"APT::Architectures={ARCH}",
        ]
        if os.geteuid() == 0:       # the private folders may be closed to apt's _apt user
            self.options += ["-o", "APT::Sandbox::User=root"]

    def _run(self, tool: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        try:
            return subprocess.run([tool, *self.options, *args], cwd=cwd, capture_output=True, text=True,
                                  env=dict(os.environ, LC_ALL="C"))
        except FileNotFoundError:
            raise GuestError(f"{tool} not found: the guest's kernel and busybox come from Debian's "
                             f"{ARCH} packages through apt") from None

    def update(self) -> str | None:
        """Update the package lists; None, or the last error line. One index
        may fail mid-sync while the others are fine, so callers check the
        packages they need rather than this."""
        done = self._run("apt-get", "-q", "update")
        errors = [line for line in done.stderr.splitlines() if line.startswith(("E:", "W:", "Err"))]
        if done.returncode != 0 or any(line.startswith("E:") for line in errors):
            return (errors or done.stderr.strip().splitlines() or ["unknown error"])[-1]
        return None

    def field(self, package: str, name: str) -> str | None:
        """A field of the package's candidate version, or None if there is none."""
        done = self._run("apt-cache", "show", "--no-all-versions", package)
        if done.returncode != 0:
            return None
        found = re.search(rf"^{re.escape(name)}: (.*)$", done.stdout, re.M)
        return found[1].strip() if found else None

    def download(self, package: str, version: str, into: Path) -> Path:
        done = self._run("apt-get", "-q", "download", f"{package}={version}", cwd=into)
        debs = sorted(into.glob(f"{package}_*.deb"))
        if done.returncode != 0 or not debs:
            last = (done.stderr.strip().splitlines() or ["no .deb"])[-1]
            raise GuestError(f"cannot download {package} {version} ({ARCH}): {last}")
        return debs[-1]


def resolve_kernel(apt: PrivateApt) -> str:
    """The kernel package the metapackage depends on now, e.g.
    linux-image-6.1.0-57-armmp."""
    depends = apt.field(KERNEL_METAPACKAGE, "Depends")
    if depends is None:
        raise GuestError(f"Debian package {KERNEL_METAPACKAGE} ({ARCH}) not found in apt's lists "
                         "(is a Debian mirror in /etc/apt/sources.list*?)")
    for alternative in re.split(r"[,|]", depends):
        name = alternative.split("(")[0].strip()
        if name.startswith("linux-image-"):
            return name
    raise GuestError(f"{KERNEL_METAPACKAGE} ({ARCH}) depends on no linux-image package: {depends}")


# ---- the cache -----------------------------------------------------------

def cache_dir() -> Path:
    return cache_root() / "guest"


def _key(kernel_package: str, kernel_version: str, busybox_version: str) -> str:
    raw = f"{kernel_package}_{kernel_version}+busybox_{busybox_version}+r{RECIPE}"
    return re.sub(r"[^A-Za-z0-9._+-]", "_", raw)


def _complete(folder: Path) -> GuestImages | None:
    """The images in `folder`, if it was finished (its DONE names the kernel)."""
    try:
        version = (folder / "DONE").read_text().strip()
    except OSError:
        return None
    images = GuestImages(folder / f"vmlinuz-{version}", folder / "initramfs.cpio.gz", version)
    return images if images.kernel.is_file() and images.initrd.is_file() else None


def _cached(root: Path) -> GuestImages | None:
    try:
        return _complete(root / (root / "current").read_text().strip())
    except OSError:
        return None


def _unpack(deb: Path, into: Path) -> None:
    try:
        done = subprocess.run(["dpkg-deb", "-x", str(deb), str(into)], capture_output=True, text=True)
    except FileNotFoundError:
        raise GuestError("dpkg-deb not found: it unpacks the guest's Debian packages") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise GuestError(f"dpkg-deb -x {deb.name} failed: {last}")


def _make(apt: PrivateApt, folder: Path, packages: dict[str, str], log: Callable[[str], None]) -> GuestImages:
    """Download and unpack the packages, then put the kernel and the initramfs in `folder`."""
    for stale in folder.parent.glob(f"{folder.name}.build-*"):     # left by an interrupted run
        shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=f"{folder.name}.build-", dir=folder.parent))
    try:
        root = work / "root"
        for package, version in packages.items():
            log(f"tessera: fetching {package} {version} ({ARCH}) for the guest")
            _unpack(apt.download(package, version, work), root)
        kernels = sorted((root / "boot").glob("vmlinuz-*"))
        busybox = root / "bin" / "busybox"
        if not kernels or not busybox.is_file():
            raise GuestError("the packages hold no /boot/vmlinuz-* or no /bin/busybox")
        kernel_version = kernels[-1].name.removeprefix("vmlinuz-")
        out = work / "out"
        out.mkdir()
        shutil.copyfile(kernels[-1], out / kernels[-1].name)
        log(f"tessera: building the guest's initramfs (busybox {packages[BUSYBOX_PACKAGE]}) into {folder}")
        build_initramfs(busybox.read_bytes(), out / "initramfs.cpio.gz")
        (out / "DONE").write_text(kernel_version + "\n")
        shutil.rmtree(folder, ignore_errors=True)
        out.rename(folder)
    except OSError as e:
        raise GuestError(f"cannot write the guest images into {folder.parent}: {e.strerror or e}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    images = _complete(folder)
    assert images is not None
    return images


def _remake(root: Path, old: GuestImages, log: Callable[[str], None]) -> GuestImages | None:
    """The cached images of an older recipe, remade offline under this
    recipe's key: the same kernel, a new initramfs around the old one's
    busybox. None (keep the old ones) if the old initramfs has no busybox."""
    try:
        busybox = newc_member(gzip.decompress(old.initrd.read_bytes()), "bin/busybox")
        if busybox is None:
            return None
        folder = root / re.sub(r"\+r\d+$", f"+r{RECIPE}", old.kernel.parent.name)
        log(f"tessera: rebuilding the guest's initramfs (recipe {RECIPE}) into {folder}")
        work = Path(tempfile.mkdtemp(prefix=f"{folder.name}.build-", dir=root))
        try:
            shutil.copyfile(old.kernel, work / old.kernel.name)
            build_initramfs(busybox, work / "initramfs.cpio.gz")
            (work / "DONE").write_text(old.kernel_version + "\n")
            shutil.rmtree(folder, ignore_errors=True)
            work.rename(folder)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        (root / "current").write_text(folder.name + "\n")
        shutil.rmtree(old.kernel.parent, ignore_errors=True)
    except (OSError, EOFError, ValueError) as e:
        raise GuestError(f"cannot rebuild the guest's initramfs in {root}: {e}") from None
    return _complete(folder)


def _fetch(root: Path, log: Callable[[str], None], cached: GuestImages | None) -> GuestImages:
    apt = PrivateApt(root / "apt")
    log(f"tessera: updating Debian's {ARCH} package lists for the guest")
    problem = apt.update()
    try:
        kernel_package = resolve_kernel(apt)
        versions = {kernel_package: apt.field(kernel_package, "Version"),
                    BUSYBOX_PACKAGE: apt.field(BUSYBOX_PACKAGE, "Version")}
        missing = [name for name, version in versions.items() if version is None]
        if missing:
            raise GuestError(f"Debian package {missing[0]} ({ARCH}) not found in apt's lists")
    except GuestError as e:
        if cached is not None:
            log(f"tessera: cannot refresh the guest packages ({problem or e}); "
                f"using the cached guest images (Linux {cached.kernel_version})")
            return cached
        raise GuestError(f"{e}; apt-get update said: {problem}" if problem else str(e)) from None
    folder = root / _key(kernel_package, versions[kernel_package], versions[BUSYBOX_PACKAGE])
    try:
        images = _complete(folder) or _make(apt, folder, versions, log)
    except GuestError as e:
        if cached is None:
            raise
        log(f"tessera: cannot fetch the new guest packages ({e}); "
            f"using the cached guest images (Linux {cached.kernel_version})")
        return cached
    (root / "current").write_text(folder.name + "\n")
    for old in root.iterdir():                  # images of older releases and recipes
        if old != folder and (old / "DONE").is_file():
            shutil.rmtree(old, ignore_errors=True)
    return images


def default_images(log: Callable[[str], None] = _stderr, refresh: bool = False) -> GuestImages:
    """The default guest's kernel and initramfs, fetched and built first if
    the cache has none (or, with `refresh`, if Debian has a newer kernel or
    busybox). `log` gets one line per thing fetched or built. Raises
    GuestError with one line if there are no images and they cannot be made."""
    root = cache_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
        lock = open(root / "lock", "w")
    except OSError as e:
        raise GuestError(f"cannot write the guest's cache folder {root}: {e.strerror}") from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)            # another tessera may be fetching now
        cached = _cached(root)
        recipe = re.search(r"\+r(\d+)$", cached.kernel.parent.name) if cached is not None else None
        if recipe and int(recipe[1]) != RECIPE:
            try:
                cached = _remake(root, cached, log) or cached
            except GuestError as e:
                log(f"tessera: {e}; using the cached guest images of recipe {recipe[1]}")
        if cached is not None and not refresh:
            return cached
        return _fetch(root, log, cached)


def main() -> int:
    """Print the images' paths, fetching or building them first if needed."""
    try:
        images = default_images(refresh="--refresh" in sys.argv[1:])
    except GuestError as e:
        print(f"tessera: error: {e}", file=sys.stderr)
        return 1
    print(f"kernel {images.kernel}\ninitrd {images.initrd}\nversion {images.kernel_version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
