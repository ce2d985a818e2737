# SPDX-License-Identifier: BSD-2-Clause
"""The x86_64 components' C library: newlib, built once from the source tarball
that Debian's newlib-source package installs, with the host's gcc and the
flags components are compiled with, into a cache folder outside the checkout
(${XDG_CACHE_HOME:-~/.cache}/tessera/newlib-<version>-<key>, the key a hash of
the tarball, the flags, the configure options and gcc's version). Debian has
no bare-metal x86_64 cross toolchain and no prebuilt C library for one, so
newlib is configured for x86_64-elf with the host's gcc, ar and ranlib as the
target tools. Only newlib's libc and libm are built, not libgloss: the system
calls beneath them (write, sbrk, _exit, ...) are the runtime's
(sdk/runtime/lib/newlib/).

`./tessera setup`, `./tessera test` and `./tessera build` for an x86_64
board build it first if it is missing; so does configuring the CMake build
(sdk/runtime/lib/x86_64/libc.cmake runs this module and reads the prefix it
prints). A failure is one line on stderr, naming the log.
Standard library only."""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

from .errors import TesseraError
from pathlib import Path

SOURCE_DIR = Path("/usr/src/newlib")            # Debian's newlib-source
TARGET = "x86_64-elf"

# As components are compiled (cmake/toolchain-x86_64.cmake, the board's
# -march): fixed-address code in the small model, no stack protector, no CET
# notes, no unwind tables; one section per function so --gc-sections keeps
# only what a component uses. -nostdinc keeps the host's glibc headers out;
# gcc's own (stddef.h, stdarg.h, float.h) are added back by -isystem.
CFLAGS = ["-O2", "-g", "-m64", "-march=x86-64", "-fno-pie", "-fno-pic", "-fno-stack-protector",
          "-fcf-protection=none", "-fno-asynchronous-unwind-tables", "-ffunction-sections",
          "-fdata-sections", "-nostdinc"]

# Each thread of a component has its own struct _reent (errno, its own
# stdin/stdout/stderr streams, strtok's state ...), which the runtime's
# __getreent() returns from thread-local storage (sdk/runtime/lib/newlib/reent.c),
# as picolibc keeps errno and its state in TLS on ARM. Defined for newlib's
# build and, through the installed <newlib.h>, for every component.
CONFIG_DEFINES = {"__DYNAMIC_REENT__": "1"}

# No system calls from newlib (the runtime has them), nano-malloc (small heaps),
# and C99 printf formats (%zu, %jd, %hhd, %lld), which the ARM components'
# picolibc has too. "Multithread" only means a struct _reent per thread
# (CONFIG_DEFINES): newlib's locks stay the default no-ops, as picolibc's on
# ARM, so one component's threads must not use the heap at the same moment.
CONFIGURE_OPTIONS = ["--disable-multilib", "--disable-libgloss", "--disable-newlib-supplied-syscalls",
                     "--enable-newlib-nano-malloc", "--enable-newlib-io-c99-formats",
                     "--enable-newlib-io-long-long"]

TOOLS = {"CC_FOR_TARGET": "gcc", "AR_FOR_TARGET": "ar", "AS_FOR_TARGET": "as", "LD_FOR_TARGET": "ld",
         "RANLIB_FOR_TARGET": "ranlib", "NM_FOR_TARGET": "nm", "OBJDUMP_FOR_TARGET": "objdump"}


class NewlibError(TesseraError):
    """Newlib cannot be built or found; the message is one line."""


def tarball() -> Path:
    found = sorted(SOURCE_DIR.glob("newlib-*.tar.*"))
    if not found:
        raise NewlibError(f"no newlib source in {SOURCE_DIR}: install Debian's newlib-source "
                          "(./tessera setup does)")
    return found[-1]


def version(source: Path) -> str:
    return source.name.removeprefix("newlib-").split(".tar")[0]


def _gcc_include() -> str:
    return subprocess.run(["gcc", "-print-file-name=include"], capture_output=True, text=True,
                          check=True).stdout.strip()


def _gcc_version() -> str:
    return subprocess.run(["gcc", "--version"], capture_output=True, text=True, check=True).stdout


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tessera"


def prefix(source: Path) -> Path:
    """The folder this source, these flags and this gcc build into."""
    key = hashlib.sha256()
    key.update(hashlib.sha256(source.read_bytes()).digest())
    for part in (*CFLAGS, *sorted(CONFIG_DEFINES.items()), *CONFIGURE_OPTIONS, *sorted(TOOLS.items()),
                 _gcc_version()):
        key.update(str(part).encode() + b"\0")
    return cache_root() / f"newlib-{version(source)}-{key.hexdigest()[:12]}"


def _built(where: Path) -> bool:
    return (where / "BUILT").is_file()


def _run(cmd: list[str], cwd: Path, log) -> None:
    log.write(f"\n$ {' '.join(cmd)}\n")
    log.flush()
    done = subprocess.run(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise NewlibError(f"{' '.join(cmd[:2])} exited {done.returncode}")


def _build(source: Path, where: Path, log) -> None:
    """Configure, build and install newlib into `where` (a fresh folder)."""
    for stale in where.parent.glob(f"{where.name}.build-*"):    # left by an interrupted build
        shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=f"{where.name}.build-", dir=where.parent))
    try:
        _run(["tar", "xf", str(source), "-C", str(work)], work, log)
        top = next(p for p in work.iterdir() if (p / "newlib").is_dir())
        build = work / "build"
        build.mkdir()
        defines = [f"-D{k}={v}" for k, v in CONFIG_DEFINES.items()]
        cflags = " ".join([*CFLAGS, *defines, "-isystem", _gcc_include()])
        _run([str(top / "configure"), f"--target={TARGET}", f"--prefix={where}", *CONFIGURE_OPTIONS,
              *(f"{k}={v}" for k, v in TOOLS.items()), f"CFLAGS_FOR_TARGET={cflags}"], build, log)
        jobs = str(os.cpu_count() or 1)
        _run(["make", f"-j{jobs}", "all-target-newlib"], build, log)
        _run(["make", "install-target-newlib"], build, log)
        with open(where / TARGET / "include" / "newlib.h", "a") as header:
            header.write("\n/* Added by Tessera (sdk/tessera/newlib.py): as newlib was built. */\n")
            header.writelines(f"#ifndef {k}\n#define {k} {v}\n#endif\n" for k, v in CONFIG_DEFINES.items())
    finally:
        shutil.rmtree(work, ignore_errors=True)


def ensure(quiet: bool = False) -> Path:
    """newlib's install prefix (headers in <prefix>/x86_64-elf/include, libc.a and
    libm.a in <prefix>/x86_64-elf/lib), built first if it is not in the cache.
    Raises NewlibError with one line if it cannot be built."""
    source = tarball()
    try:
        where = prefix(source)
    except (OSError, subprocess.CalledProcessError) as e:
        raise NewlibError(f"cannot read {source} or run gcc: {e}") from None
    if _built(where):
        return where
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        lock = open(where.parent / f"{where.name}.lock", "w")
    except OSError as e:
        raise NewlibError(f"cannot write newlib's cache folder {where.parent}: {e.strerror}") from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)                # another build may be making it now
        if _built(where):
            return where
        log_path = where.parent / f"{where.name}.log"
        if not quiet:
            print(f"tessera: building newlib {version(source)} for x86_64 components into {where} "
                  "(once; about a minute)", file=sys.stderr)
        shutil.rmtree(where, ignore_errors=True)
        try:
            with open(log_path, "w") as log:
                _build(source, where, log)
        except (OSError, NewlibError) as e:
            raise NewlibError(f"building newlib for x86_64 failed: {e} (log: {log_path})") from None
        (where / "BUILT").write_text(f"{TARGET} {' '.join(CFLAGS)} {' '.join(CONFIGURE_OPTIONS)}\n")
    return where


def main() -> int:
    """Print newlib's prefix, building it first if needed (for libc.cmake)."""
    try:
        print(ensure())
    except NewlibError as e:
        print(f"tessera: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
