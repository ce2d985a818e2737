# SPDX-License-Identifier: BSD-2-Clause
"""The VM-exit benchmark (examples/vmbench) on qemu-virt-a15: its guest
(components/vmbench/guest, built by tessera.vmbench) boots under the VMM,
prints a `vmexit:` line that `tessera profile` parses into plausible, non-zero
figures, and powers off, which ends the system with status 0. The figures
are benchmarks: nothing here bounds their values beyond plausibility."""

from tessera import profile, vmbench

BOARD = "qemu-virt-a15"


def test_vmbench_guest_runs_and_reports(boot):
    vmbench.build_guest()
    b = boot(profile.VM_SYSTEM, BOARD)
    line = b.expect(r"vmexit: [^\r\n]*[\r\n]")     # the whole line, up to its end
    b.expect(r"vm0: guest powered off at [0-9.]+ s")
    status, _ = b.finish()
    assert status == 0
    figures, problem = profile.parse_vmexit(line + "\nvm0: guest powered off\n")
    assert problem == "", (problem, line)
    medians = {name: f["median"] for name, f in figures.items()}
    assert sorted(medians) == sorted(profile.VM_FIGURES)
    # Plausible: an exit to the VMM and back is more than an IPC round trip
    # (~150 instructions) and far less than a millisecond; an interrupt's
    # latency is non-zero and no more than its worst case.
    for name in ("vm_hvc", "vm_mmio"):
        assert 150 < medians[name] < 1_000_000, (name, line)
    assert 0 < medians["vm_virq"] <= medians["vm_virq_max"] < 1_000_000, line


def test_the_boot_benchmark_boots_with_the_profiles_bootargs():
    """examples/vmbench/vmboot.camkes gives the guest the command line the
    profile reports (and boots natively with)."""
    text = (profile.ROOT / profile.VM_BOOT_SYSTEM).read_text()
    assert f'"kernel_bootcmdline": "{profile.VM_BOOT_ARGS}"' in text


def test_a_boot_console_parses():
    console = ("Tessera 0.1.0 on qemu-virt-a15\n  memory: 1024 MiB at 0x40000000, timer 62500000 Hz\n"
               "guest-linux: up\nguest-linux: cntvct=0x000000000c8ada5a\n"
               "[    1.270192] Run /init as init process\n"
               "vm0: guest powered off at 3.373245 s (3.346210 s after its vCPU started)\n"
               "vm0: exits: mmio_gicd=69 mmio_uart=665 hvc=7 smc=0 trap=0 console=0 injected=0\n")
    got = profile.parse_vm_boot(console)
    assert got == {"marker_s": 3.366823, "to_init_s": 1.270192, "power_off_s": 3.373245, "vcpu_start_s": 0.027035,
                   "exits": {"mmio_gicd": 69, "mmio_uart": 665, "hvc": 7, "smc": 0, "trap": 0, "console": 0,
                             "injected": 0}}
