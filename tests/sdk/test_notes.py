# SPDX-License-Identifier: BSD-2-Clause
"""What the generator accepts with a note or a warning instead of an error,
where CAmkES is lenient: each is printed as `file:line:col: warning: ...` (or
`note:`) with the line and a hint, and the build goes on."""

from tessera.checks import check
from tessera.resolve import resolve


def _notes(tmp_path, text: str) -> list[str]:
    top = tmp_path / "app.camkes"
    top.write_text(text)
    return [n.render() for n in check(resolve(top)).notes]


def test_a_setting_for_an_unknown_instance_is_a_warning(tmp_path):
    notes = _notes(tmp_path, "component A { control; }\nassembly { composition { component A a; }\n"
                             "    configuration { b.priority = 3; } }\n")
    assert len(notes) == 1
    first, source, caret, hint = notes[0].split("\n")
    assert first == f"{tmp_path}/app.camkes:3:21: warning: 'b.priority' sets an attribute of unknown instance " \
                    "'b'; it is ignored"
    assert source == "        configuration { b.priority = 3; } }"
    assert caret == "    " + " " * 20 + "^"
    assert hint == "  hint: the instances are: a"


def test_settings_camkes_knows_are_notes(tmp_path):
    notes = _notes(tmp_path, "procedure P { void f(); };\ncomponent A { control; provides P p; }\n"
                             "assembly { composition { component A a; }\n"
                             "    configuration { a._domain = 1; a.p_affinity = 0; a.integrity_label = \"x\"; } }\n")
    assert [n.split("\n")[0].split(": ", 1)[1] for n in notes] == [
        "note: a._domain is accepted and ignored",
        "note: a.p_affinity is accepted and ignored",
        "note: a.integrity_label is accepted and ignored"]


def test_assemblies_are_merged(tmp_path):
    top = tmp_path / "app.camkes"
    top.write_text("component A { control; }\nassembly { composition { component A a; } }\n"
                   "assembly { composition { component A b; } configuration { b.priority = 7; } }\n")
    checked = check(resolve(top))
    assert list(checked.system.instances) == ["a", "b"]
    assert checked.of("b").priority == 7 and checked.of("a").priority == 254


def test_a_cycle_through_another_thread_of_a_component_is_a_warning(tmp_path):
    """a's control thread calls b, whose handler calls back into a's own server
    thread: no deadlock unless that thread calls b in turn, which the
    description cannot tell."""
    notes = _notes(tmp_path, "import <std_connector.camkes>;\nprocedure P { void f(); };\n"
                             "component A { control; uses P out; provides P back; }\n"
                             "component B { uses P back; provides P in; }\n"
                             "assembly { composition { component A a; component B b;\n"
                             "    connection seL4RPCCall ab(from a.out, to b.in);\n"
                             "    connection seL4RPCCall ba(from b.back, to a.back); } }\n")
    assert len(notes) == 1
    assert notes[0].split("\n")[0].endswith(
        "app.camkes:6:28: warning: a cycle of synchronous calls may deadlock: a (ab) -> b (ba) -> a")


def test_more_instances_than_the_architecture_tags_are_refused(tmp_path):
    """ARMv7 VMIDs are 8 bits: 256 instances cannot each have one; x86-64's
    12-bit PCIDs take them."""
    import pytest
    from tessera import boards
    from tessera.allocate import Sources, allocate
    from tessera.errors import Diagnostic
    top = tmp_path / "many.camkes"
    instances = "".join(f"component A a{i}; " for i in range(256))
    top.write_text(f"component A {{ control; }}\nassembly {{ composition {{ {instances}}} }}\n")
    no_sources = {"A": {"sources": [], "includes": []}}
    with pytest.raises(Diagnostic, match=r"^256 component instances, but arm tells at most 255 address spaces apart"):
        allocate(check(resolve(top), boards.load("qemu-virt-a15")), tmp_path, Sources(tmp_path, no_sources))
    model = allocate(check(resolve(top), boards.load("pc-x86_64")), tmp_path, Sources(tmp_path, no_sources))
    assert len(model["instances"]) == 256


def test_a_vm_above_a_real_time_thread_is_a_warning(tmp_path):
    """A VM (an instance of the component `VM`) given a priority above a
    real-time thread: its vCPU runs for as long as the guest does."""
    notes = _notes(tmp_path, "component VM { control; }\ncomponent Ctl { control; }\n"
                             "assembly { composition { component VM vm0; component Ctl ctl; }\n"
                             "    configuration { vm0.priority = 150;\n"
                             "        ctl._priority = 100; ctl._period = 1000; ctl._budget = 200; } }\n")
    assert len(notes) == 1
    first, source, caret, hint = notes[0].split("\n")
    assert first == f"{tmp_path}/app.camkes:4:21: warning: VM vm0 (priority 150) is above real-time thread " \
                    "ctl.control (priority 100): the guest can delay it"
    assert hint == "  hint: give vm0 a priority below 100, or a budget (`vm0._budget`, `vm0._period`) " \
                   "that the analysis can count"


def test_a_vm_below_its_real_time_threads_is_quiet(tmp_path):
    assert _notes(tmp_path, "component VM { control; }\ncomponent Ctl { control; }\n"
                            "assembly { composition { component VM vm0; component Ctl ctl; }\n"
                            "    configuration { vm0.priority = 50;\n"
                            "        ctl._priority = 100; ctl._period = 1000; ctl._budget = 200; } }\n") == []


def test_camkes_mcs_attributes_are_used_not_noted(tmp_path):
    """CAmkES's MCS settings: `_period`/`_budget` (every thread of the
    instance), `<iface>_period`/`_budget` (that interface's thread), in
    microseconds; `_data`, `_sc_size_bits` and `<iface>_passive` are noted."""
    top = tmp_path / "app.camkes"
    top.write_text("procedure P { void f(); };\ncomponent A { control; provides P p; }\n"
                   "assembly { composition { component A a; }\n"
                   "    configuration { a._period = 10000; a._budget = 2000; a.p_period = 5000; a.p_budget = 500;\n"
                   "        a._data = 1; a.p_passive = true; } }\n")
    checked = check(resolve(top))
    conf = checked.of("a")
    assert (conf.sched(None).period_us, conf.sched(None).budget_us) == (10000, 2000)
    assert (conf.sched("p").period_us, conf.sched("p").budget_us, conf.sched("p").priority) == (5000, 500, 254)
    assert [n.render().split("\n")[0].split(": ", 1)[1] for n in checked.notes] == [
        "note: a._data is accepted and ignored", "note: a.p_passive is accepted and ignored"]
