# SPDX-License-Identifier: BSD-2-Clause
"""The CAmkES-compatible description language: grammar, AST and parser."""
