# SPDX-License-Identifier: BSD-2-Clause
"""Hostile input as a standing test (docs/reliability.md, "Hostile input"):
tests/system/systems/hostile's `hostile` issues random system calls from a
fixed seed, every call number but thread_exit and numbers beyond the last,
with random capability indices, message infos and pointers, and checks each
result against its capability table; the heartbeat above it must keep
beating. At least 10^5 calls per board; TESSERA_SOAK=1 makes it 10^7 (the soak
mode), TESSERA_SOAK=<n> (more than 1) n calls."""

import os
import re
import shutil

import pytest

from conftest import BOARDS, ROOT

SYSTEM = ROOT / "tests/system/systems/hostile"
CALLS = 100_000
SOAK_CALLS = 10_000_000
ERRORS = ["OK", "INVALID_CALL", "INVALID_ARGUMENT", "BAD_ADDRESS", "MESSAGE_TOO_LONG", "INVALID_CAP",
          "MISSING_RIGHT", "WRONG_TYPE", "WOULD_BLOCK", "NO_REPLY", "ILLEGAL_OPERATION", "PEER_DEAD", "other"]
# Results the model predicts for some of the calls; none of the others may come back.
EXPECTED = {"OK", "INVALID_CALL", "BAD_ADDRESS", "MESSAGE_TOO_LONG", "INVALID_CAP", "MISSING_RIGHT",
            "WRONG_TYPE", "WOULD_BLOCK", "NO_REPLY", "ILLEGAL_OPERATION"}


def soak_calls() -> int:
    soak = os.environ.get("TESSERA_SOAK", "")
    if not soak or soak == "0":
        return CALLS
    n = int(soak)
    return SOAK_CALLS if n == 1 else n


@pytest.mark.parametrize("board", BOARDS)
def test_hostile_calls_are_refused_and_the_heartbeat_goes_on(boot, board, tmp_path):
    calls = soak_calls()
    system = SYSTEM
    if calls != CALLS:
        system = tmp_path / "hostile"
        shutil.copytree(SYSTEM, system)
        desc = system / "hostile.camkes"
        text = desc.read_text()
        assert f"calls = {CALLS};" in text
        desc.write_text(text.replace(f"calls = {CALLS};", f"calls = {calls};"))
    timeout = 240 + calls // 1000                # the soak: about 10^7 calls in an hour or so
    b = boot(str(system), board, timeout=timeout)
    b.expect(rf"hostile: {calls} random system calls, seed 0x[0-9a-f]+, 6 capabilities")
    b.expect(r"heartbeat: beat 50\b")            # beating while the hostile runs
    per_call = [int(x) for x in b.expect(r"hostile: per call:( \d+){21}").split(":")[2].split()]
    per_result = dict(zip(ERRORS, (int(x) for x in b.expect(r"hostile: per result:( \d+){13}").split(":")[2].split())))
    beats = int(b.expect(r"heartbeat beat (\d+) times meanwhile").split()[2])
    summary = b.expect(r"hostile: calls=\d+ wrong=\d+")
    status, rest = b.finish()
    log = "".join(b.log) + rest
    assert "WRONG" not in log, log
    issued, wrong = (int(x) for x in re.findall(r"\d+", summary))
    assert wrong == 0
    assert calls <= issued <= calls + 1 and issued >= CALLS      # tls_set counts its restore too
    # Every call number was issued but thread_exit (1); so were numbers beyond the last.
    assert per_call[1] == 0 and all(n > 0 for i, n in enumerate(per_call) if i != 1), per_call
    assert sum(per_call) >= calls
    # Every refusal the model knows came back, and nothing else.
    assert all(per_result[e] > 0 for e in EXPECTED), per_result
    assert all(per_result[e] == 0 for e in ERRORS if e not in EXPECTED), per_result
    assert beats >= 50, beats
    for line in ("echoer: answered", "victim: still here", "heartbeat: stopped after",
                 "system: all control threads finished, status 0"):
        assert line in log, line
    assert status == 0
