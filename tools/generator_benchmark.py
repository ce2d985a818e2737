#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Generator speed benchmark: make a synthetic system of N component instances
and about 2.5 N connections, then time checking and generating it (parse, resolve,
check, allocate, render every instance's glue) — what `tessera build` does
before it compiles anything.

    /usr/bin/python3 tools/generator_benchmark.py [--instances 1000] [--repeat 3]

The system: a chain of N instances of one component type. Stage i calls stage
i+1's server over RPC (the last stage calls nobody: no cycle) and signals it
with an event: 2(N-1) connections, plus N/2 dataports shared between
neighbours, about 2.5 N in all. Every instance has two threads.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sdk"))

from tessera import gen          # noqa: E402
from tessera.allocate import Sources, allocate          # noqa: E402
from tessera.codegen import generate_glue                # noqa: E402

HEADER = """import <std_connector.camkes>;
procedure Work { int step(in int x, out int y); string name(in string s); };
component Stage {
    control;
    maybe uses Work next;           /* the last stage calls nobody */
    maybe uses Work spare;
    provides Work work;
    emits Kick kick;
    consumes Kick kicked;
    dataport Buf(8192) left;
    dataport Buf(8192) right;
    has mutex lock;
    attribute int index;
}
"""


def make_system(folder: Path, n: int) -> int:
    lines = [HEADER, "assembly {", "    composition {"]
    for i in range(n):
        lines.append(f"        component Stage s{i};")
    conns = 0
    for i in range(n - 1):
        lines.append(f"        connection seL4RPCCall call{i}(from s{i}.next, to s{i + 1}.work);")
        lines.append(f"        connection seL4Notification kick{i}(from s{i}.kick, to s{i + 1}.kicked);")
        conns += 2
    for i in range(0, n - 1, 2):
        lines.append(f"        connection seL4SharedData buf{i}(from s{i}.right, to s{i + 1}.left);")
        conns += 1
    lines += ["    }", "    configuration {"]
    lines += [f"        s{i}.index = {i};\n        s{i}.priority = {100 + i % 100};" for i in range(n)]
    lines += ["    }", "}"]
    (folder / "bench.camkes").write_text("\n".join(lines) + "\n")
    src = folder / "components" / "Stage" / "src"
    src.mkdir(parents=True)
    (src / "stage.c").write_text("int run(void) { return 0; }\n")
    return conns


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--instances", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bench"
        folder.mkdir()
        conns = make_system(folder, args.instances)
        board = gen.boards.load("qemu-virt-a15")
        times = []
        for _ in range(args.repeat):
            out = Path(tmp) / "out"
            t0 = time.perf_counter()
            system, _ = gen.load(board, folder)
            model = allocate(system, folder, Sources(folder))
            generate_glue(model, out)
            times.append(time.perf_counter() - t0)
        print(f"{args.instances} instances, {conns} connections, {model['nthreads']} threads: "
              f"check + generate best {min(times):.2f} s, worst {max(times):.2f} s over {args.repeat} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
