# SPDX-License-Identifier: BSD-2-Clause
"""Tessera SDK: the system-description tools (parse, check, generate, image) and the CLI."""

VERSION = "0.1.0"
