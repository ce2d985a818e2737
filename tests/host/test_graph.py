# SPDX-License-Identifier: BSD-2-Clause
"""`tessera graph`: DOT with every instance and connection, and an SVG from Graphviz."""

import re

import pytest

from conftest import tessera


def test_graph_draws_every_instance_and_connection(tmp_path):
    done = tessera("graph", "examples/pipeline", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    dot = (tmp_path / "pipeline.dot").read_text()
    for node in ("source", "sink", "stage_filter", "stage_math"):
        assert re.search(rf'^\s*"{node}" \[label=', dot, re.M), node
    assert 'subgraph cluster_0' in dot and 'label="stage"' in dot          # the compound component
    edges = re.findall(r'^\s*"(\w+)" -> "(\w+)" \[label="(\w+)\\n(\w+)', dot, re.M)
    assert sorted(edges) == sorted([
        ("stage_filter", "stage_math", "stage_squaring", "seL4RPCCall"),
        ("source", "stage_filter", "raw", "seL4SharedData"),
        ("stage_filter", "sink", "squared", "seL4SharedData"),
        ("source", "stage_filter", "filled", "seL4Notification"),
        ("stage_filter", "sink", "squares_ready", "seL4Notification"),
        ("sink", "source", "reporting", "seL4RPCCall"),
    ])
    svg = (tmp_path / "pipeline.svg").read_text()
    assert "<svg" in svg and "stage_math" in svg


def test_graph_of_a_bad_description_is_a_diagnostic(tmp_path):
    (tmp_path / "bad.camkes").write_text("component A { control; }\nassembly { composition { component B b; } }\n")
    done = tessera("graph", str(tmp_path))
    assert done.returncode == 1
    assert done.stderr.startswith(f"{tmp_path / 'bad.camkes'}:2:36: error: unknown component type 'B'")


def _cases():
    """Every example on every board its test.yaml names (all of them by default)."""
    import yaml
    from conftest import ROOT
    boards = sorted(p.parent.name for p in (ROOT / "boards").glob("*/board.yaml"))
    return [(p.parent.name, board) for p in sorted((ROOT / "examples").glob("*/test.yaml"))
            for board in yaml.safe_load(p.read_text()).get("boards", boards)]


@pytest.mark.parametrize("example, board", _cases())
def test_graph_of_every_example_on_every_board(example, board, tmp_path):
    """Every connector has a graph style: each connection's every 'from' end is an edge."""
    from conftest import ROOT
    from tessera import boards, gen
    checked, _ = gen.load(boards.load(board), ROOT / "examples" / example)
    done = tessera("graph", f"examples/{example}", "--board", board, "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    dot = (tmp_path / f"{example}.dot").read_text()
    edges = re.findall(r'^\s*"\w+" -> "\w+" \[label="(\w+)\\n', dot, re.M)
    want = [c.name for c in checked.system.connections for e in c.ends if e.direction == "from"]
    assert sorted(edges) == sorted(want)
