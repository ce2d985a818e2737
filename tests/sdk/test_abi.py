# SPDX-License-Identifier: BSD-2-Clause
"""kernel/api.yaml is the one source of truth: the header and the API doc are
rendered from it, numbers are unique, and the checked-in doc is current."""

from tessera import abi
from tessera.paths import ROOT


def test_numbers_are_unique():
    api = abi.load()
    for section, key in (("syscalls", "number"), ("errors", "value")):
        values = [v[key] for v in api[section].values()]
        assert len(values) == len(set(values)), f"duplicate {key} in {section}"


def test_header_defines_every_call_and_error():
    api = abi.load()
    header = abi.render_header(api)
    for name, call in api["syscalls"].items():
        assert f"#define SYS_{name.upper()} {call['number']}\n" in header
    for name, err in api["errors"].items():
        assert f"#define ERR_{name} {err['value']}\n" in header


def test_kernel_api_doc_is_current():
    doc = (ROOT / "docs" / "kernel-api.md").read_text()
    assert doc == abi.render_markdown(abi.load()), "regenerate: cd sdk && python3 -m tessera.abi"
