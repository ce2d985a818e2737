# SPDX-License-Identifier: BSD-2-Clause
"""The default Linux guest (sdk/tessera/guest.py): the newc writer, read back
by an independent parser; the initramfs's contents; the cache (reused
offline, refreshed on a new release, one-line errors); and a native boot of
the real images on QEMU to the marker, a shell with job control, `uname -r`
and `poweroff -f`."""

import gzip
import shutil
import stat
import time

import pytest

from tessera import guest


def parse_newc(data: bytes) -> list[dict]:
    """Every member of a newc archive up to and including its trailer, checking
    the alignment rules on the way."""
    members, at = [], 0
    while True:
        header = data[at:at + 110]
        assert header[:6] == b"070701", f"bad magic at {at}: {header[:6]!r}"
        names = ["ino", "mode", "uid", "gid", "nlink", "mtime", "filesize", "devmajor", "devminor",
                 "rdevmajor", "rdevminor", "namesize", "check"]
        m = {n: int(header[6 + 8 * i:14 + 8 * i], 16) for i, n in enumerate(names)}
        name_end = at + 110 + m["namesize"]
        assert data[name_end - 1] == 0, "the name is NUL-terminated"
        m["name"] = data[at + 110:name_end - 1].decode()
        assert data[name_end:name_end + (-name_end % 4)].strip(b"\0") == b"", "name padding is NULs"
        start = name_end + (-name_end % 4)
        assert start % 4 == 0
        m["data"] = data[start:start + m["filesize"]]
        end = start + m["filesize"]
        assert data[end:end + (-end % 4)].strip(b"\0") == b"", "data padding is NULs"
        at = end + (-end % 4)
        members.append(m)
        if m["name"] == "TRAILER!!!":
            assert at == len(data), "nothing after the trailer"
            return members


def test_newc_headers_padding_and_trailer():
    entries = [guest.CpioEntry("d", stat.S_IFDIR | 0o755),
               guest.CpioEntry("d/abc", stat.S_IFREG | 0o644, b"12345"),    # 5 bytes: 3 of padding
               guest.CpioEntry("d/link", stat.S_IFLNK | 0o777, b"abc"),
               guest.CpioEntry("d/tty", stat.S_IFCHR | 0o600, rdev=(5, 1))]
    members = parse_newc(guest.newc_archive(entries))
    assert [m["name"] for m in members] == ["d", "d/abc", "d/link", "d/tty", "TRAILER!!!"]
    d, f, link, tty, trailer = members
    assert stat.S_ISDIR(d["mode"]) and d["nlink"] == 2 and d["filesize"] == 0
    assert f["mode"] == stat.S_IFREG | 0o644 and f["data"] == b"12345" and f["nlink"] == 1
    assert stat.S_ISLNK(link["mode"]) and link["data"] == b"abc"
    assert tty["mode"] == stat.S_IFCHR | 0o600 and (tty["rdevmajor"], tty["rdevminor"]) == (5, 1)
    assert all(m["uid"] == m["gid"] == m["mtime"] == m["check"] == 0 for m in members)
    assert len({m["ino"] for m in members[:-1]}) == 4 and 0 not in {m["ino"] for m in members[:-1]}
    assert trailer["filesize"] == 0 and trailer["mode"] == 0


@pytest.mark.parametrize("length", range(8))
def test_newc_pads_every_name_and_data_length(length):
    name = "n" * (length + 1)
    archive = guest.newc_archive([guest.CpioEntry(name, stat.S_IFREG | 0o600, b"x" * length)])
    assert len(archive) % 4 == 0
    first = parse_newc(archive)[0]
    assert first["name"] == name and first["namesize"] == len(name) + 1 and first["data"] == b"x" * length


def test_the_initramfs_has_what_linux_and_busybox_need(tmp_path):
    out = tmp_path / "initramfs.cpio.gz"
    guest.build_initramfs(b"\x7fELF-busybox", out)
    members = {m["name"]: m for m in parse_newc(gzip.decompress(out.read_bytes()))}
    assert members["bin/busybox"]["data"] == b"\x7fELF-busybox"
    assert members["bin/busybox"]["mode"] == stat.S_IFREG | 0o755
    assert members["bin/sh"]["mode"] == stat.S_IFLNK | 0o777 and members["bin/sh"]["data"] == b"busybox"
    console, null = members["dev/console"], members["dev/null"]
    assert console["mode"] == stat.S_IFCHR | 0o600 and (console["rdevmajor"], console["rdevminor"]) == (5, 1)
    assert stat.S_ISCHR(null["mode"]) and (null["rdevmajor"], null["rdevminor"]) == (1, 3)
    for folder in ("proc", "sys", "tmp", "sbin", "dev", "etc", "root", "usr/bin", "usr/sbin"):
        assert stat.S_ISDIR(members[folder]["mode"]), folder
    init = members["init"]
    assert init["mode"] == stat.S_IFREG | 0o755
    script = init["data"].decode()
    assert script.startswith("#!/bin/sh\n")
    assert f'echo "{guest.MARKER}"' in script and "--install -s" in script
    assert script.rstrip().endswith("exec setsid cttyhack /bin/sh")
    names = list(members)
    assert names.index("bin") < names.index("bin/busybox") < names.index("bin/sh")
    # The boot-time benchmark: tessera.bench=boot prints the counter and powers off.
    assert f'*" {guest.BENCH_ARG} "*) bench=1' in script
    assert "/bin/cntvct" in script and "poweroff -f" in script
    cntvct = members["bin/cntvct"]
    assert cntvct["mode"] == stat.S_IFREG | 0o755
    elf = cntvct["data"]
    assert elf[:4] == b"\x7fELF" and elf[4:6] == bytes([1, 1])          # ELF32, little-endian
    assert int.from_bytes(elf[18:20], "little") == 40                     # EM_ARM
    assert int.from_bytes(elf[24:28], "little") == 0x10000 + 84           # entry: the first word
    assert elf[84:88] == (0xf57ff06f).to_bytes(4, "little")                # isb
    assert guest.COUNTER_LINE.encode() in elf and elf.endswith(b"\n")


def test_newc_member_reads_back_a_file():
    archive = guest.newc_archive(guest.initramfs_entries(b"BB"))
    assert guest.newc_member(archive, "bin/busybox") == b"BB"
    assert guest.newc_member(archive, "bin/nothing") is None


# ---- the cache --------------------------------------------------------------

@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "tessera" / "guest"


def fake_images(cache, name: str, version: str):
    folder = cache / name
    folder.mkdir(parents=True)
    (folder / f"vmlinuz-{version}").write_bytes(b"zImage")
    (folder / "initramfs.cpio.gz").write_bytes(b"gz")
    (folder / "DONE").write_text(version + "\n")
    (cache / "current").write_text(name + "\n")
    return folder


class FakeApt:
    """PrivateApt with a package index in a dict and downloads that make .debs
    nobody unpacks (guest._unpack is replaced too)."""
    index: dict = {}
    update_error = None
    downloads: list = []

    def __init__(self, where):
        self.where = where

    def update(self):
        return self.update_error

    def field(self, package, name):
        return self.index.get(package, {}).get(name)

    def download(self, package, version, into):
        FakeApt.downloads.append((package, version))
        deb = into / f"{package}_{version}.deb"
        deb.write_text(package)
        return deb


@pytest.fixture
def apt(monkeypatch):
    FakeApt.index = {"linux-image-armmp": {"Depends": "linux-image-6.1.0-99-armmp (= 6.1.300-1)"},
                     "linux-image-6.1.0-99-armmp": {"Version": "6.1.300-1"},
                     "busybox-static": {"Version": "1:1.35.0-4"}}
    FakeApt.update_error = None
    FakeApt.downloads = []
    monkeypatch.setattr(guest, "PrivateApt", FakeApt)

    def unpack(deb, into):
        if deb.read_text().startswith("linux-image-"):
            (into / "boot").mkdir(parents=True, exist_ok=True)
            (into / "boot" / "vmlinuz-6.1.0-99-armmp").write_bytes(b"zImage")
        else:
            (into / "bin").mkdir(parents=True, exist_ok=True)
            (into / "bin" / "busybox").write_bytes(b"busybox")
    monkeypatch.setattr(guest, "_unpack", unpack)
    return FakeApt


def test_cached_images_are_used_without_apt(cache, monkeypatch):
    fake_images(cache, "old", "6.1.0-50-armmp")

    def no_apt(where):
        raise AssertionError("apt was used")
    monkeypatch.setattr(guest, "PrivateApt", no_apt)
    images = guest.default_images(log=lambda line: pytest.fail(line))
    assert images.kernel_version == "6.1.0-50-armmp"
    assert images.kernel == cache / "old" / "vmlinuz-6.1.0-50-armmp"


def test_an_older_recipe_is_remade_offline(cache, monkeypatch):
    old = fake_images(cache, "linux-image-x_1+busybox_2+r1", "6.1.0-50-armmp")
    (old / "initramfs.cpio.gz").write_bytes(gzip.compress(guest.newc_archive(guest.initramfs_entries(b"BB"))))

    def no_apt(where):
        raise AssertionError("apt was used")
    monkeypatch.setattr(guest, "PrivateApt", no_apt)
    images = guest.default_images(log=lambda line: None)
    assert images.kernel == cache / f"linux-image-x_1+busybox_2+r{guest.RECIPE}" / "vmlinuz-6.1.0-50-armmp"
    assert images.kernel.read_bytes() == b"zImage" and not old.exists()
    members = {m["name"]: m for m in parse_newc(gzip.decompress(images.initrd.read_bytes()))}
    assert members["bin/busybox"]["data"] == b"BB" and "bin/cntvct" in members


def test_a_refresh_fetches_a_new_release_and_drops_the_old(cache, apt):
    fake_images(cache, "old", "6.1.0-50-armmp")
    lines = []
    images = guest.default_images(log=lines.append, refresh=True)
    assert images.kernel_version == "6.1.0-99-armmp"
    assert images.kernel.read_bytes() == b"zImage"
    assert apt.downloads == [("linux-image-6.1.0-99-armmp", "6.1.300-1"), ("busybox-static", "1:1.35.0-4")]
    assert lines[1:3] == ["tessera: fetching linux-image-6.1.0-99-armmp 6.1.300-1 (armhf) for the guest",
                          "tessera: fetching busybox-static 1:1.35.0-4 (armhf) for the guest"]
    assert lines[3].startswith("tessera: building the guest's initramfs (busybox 1:1.35.0-4) into ")
    assert not (cache / "old").exists()
    assert [p.name for p in cache.iterdir() if ".build-" in p.name] == []
    # The same release again: nothing is fetched.
    apt.downloads.clear()
    assert guest.default_images(log=lambda line: None, refresh=True) == images
    assert apt.downloads == []


def test_offline_refresh_falls_back_to_the_cache(cache, apt):
    fake_images(cache, "old", "6.1.0-50-armmp")
    apt.update_error = "E: Failed to fetch http://deb.example/dists/bookworm/InRelease"
    apt.index = {}
    lines = []
    images = guest.default_images(log=lines.append, refresh=True)
    assert images.kernel_version == "6.1.0-50-armmp"
    assert lines[-1] == ("tessera: cannot refresh the guest packages (E: Failed to fetch "
                         "http://deb.example/dists/bookworm/InRelease); using the cached guest images "
                         "(Linux 6.1.0-50-armmp)")


def test_a_failed_download_keeps_the_cached_images(cache, apt, monkeypatch):
    fake_images(cache, "old", "6.1.0-50-armmp")

    def fail(self, package, version, into):
        raise guest.GuestError(f"cannot download {package} {version} (armhf): E: 404 Not Found")
    monkeypatch.setattr(FakeApt, "download", fail)
    lines = []
    images = guest.default_images(log=lines.append, refresh=True)
    assert images.kernel_version == "6.1.0-50-armmp" and (cache / "old").is_dir()
    assert lines[-1] == ("tessera: cannot fetch the new guest packages (cannot download "
                         "linux-image-6.1.0-99-armmp 6.1.300-1 (armhf): E: 404 Not Found); using the cached "
                         "guest images (Linux 6.1.0-50-armmp)")
    assert (cache / "current").read_text() == "old\n"
    with pytest.raises(guest.GuestError):              # and without a cache, the error is the caller's
        (cache / "current").unlink()
        guest.default_images(log=lambda line: None, refresh=True)


def test_missing_packages_without_a_cache_are_one_line(cache, apt):
    apt.index = {}
    with pytest.raises(guest.GuestError) as e:
        guest.default_images(log=lambda line: None)
    assert str(e.value) == ("Debian package linux-image-armmp (armhf) not found in apt's lists "
                            "(is a Debian mirror in /etc/apt/sources.list*?)")
    del apt.index
    FakeApt.index = {"linux-image-armmp": {"Depends": "linux-image-6.1.0-99-armmp"}}
    with pytest.raises(guest.GuestError) as e:
        guest.default_images(log=lambda line: None)
    assert str(e.value) == "Debian package linux-image-6.1.0-99-armmp (armhf) not found in apt's lists"


def test_no_apt_is_one_line(cache, monkeypatch):
    monkeypatch.setenv("PATH", str(cache))
    with pytest.raises(guest.GuestError) as e:
        guest.default_images(log=lambda line: None)
    assert str(e.value) == ("apt-get not found: the guest's kernel and busybox come from Debian's armhf "
                            "packages through apt")


def test_the_kernel_comes_from_the_metapackage():
    class Apt:
        def field(self, package, name):
            assert (package, name) == ("linux-image-armmp", "Depends")
            return "linux-image-6.1.0-57-armmp (= 6.1.192-3), firmware-foo | other"
    assert guest.resolve_kernel(Apt()) == "linux-image-6.1.0-57-armmp"


# ---- the real images, booted natively -----------------------------------------

@pytest.fixture(scope="module")
def images():
    try:
        return guest.default_images()
    except guest.GuestError as e:
        pytest.skip(f"the guest images cannot be fetched here: {e}")


def test_the_guest_boots_natively_to_a_shell(images):
    pexpect = pytest.importorskip("pexpect")
    assert shutil.which("qemu-system-arm"), "qemu-system-arm is missing (./tessera setup)"
    cmd = ["-M", "virt", "-cpu", "cortex-a15", "-m", "256", "-nographic", "-no-reboot",
           "-kernel", str(images.kernel), "-initrd", str(images.initrd), "-append", "console=ttyAMA0 quiet"]
    child = pexpect.spawn("qemu-system-arm", cmd, timeout=60, encoding="utf-8", codec_errors="replace")
    try:
        start = time.monotonic()
        child.expect_exact(guest.MARKER)
        child.expect_exact("/ # ")                    # the prompt
        assert "job control turned off" not in child.before, child.before
        child.sendline("uname -r")
        child.expect(r"\r\n(\S+)\r\r?\n")
        assert child.match.group(1) == images.kernel_version
        child.expect_exact("/ # ")
        child.sendline("poweroff -f")
        child.expect(pexpect.EOF)
        assert time.monotonic() - start < 60
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
