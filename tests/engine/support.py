"""What the end-to-end rule tests share: write a small project, check it as a whole, read one rule's findings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from textwrap import dedent

from minlint.engine.packs import builtin_rules
from minlint.engine.rule import RuleDef
from minlint.findings import Finding
from tests.helpers import check_folder

RULES = builtin_rules()

# The defaults of a plan() that does not say otherwise: nothing in them is worth a finding.
ESSENTIAL = "{purpose: essential.service, basis: contract, retention: P1Y}"


def check(folder: Path, files: Mapping[str, str], rules: Iterable[RuleDef] = RULES) -> list[Finding]:
    """Write ``files`` (dedented) under ``folder``, check them as one project, return every finding."""
    for name, text in files.items():
        (folder / name).write_text(dedent(text), encoding="utf-8")
    return list(check_folder(folder, rules).findings)


def places(findings: Iterable[Finding], rule: str) -> list[tuple[str, int, int]]:
    """``(path, line, column)`` of each finding of ``rule``."""
    return [(f.path, f.line, f.column) for f in findings if f.rule == rule]


def messages(findings: Iterable[Finding], rule: str) -> list[str]:
    """The message of each finding of ``rule``."""
    return [f.message for f in findings if f.rule == rule]


def plan(body: str, defaults: str = ESSENTIAL, name: str = "web") -> str:
    """A tracking plan called ``name``: ``body`` (dedented) starts on line 5, after ``defaults`` on line 4."""
    return f"minlint: 1\nkind: tracking-plan\nname: {name}\ndefaults: {defaults}\n{dedent(body)}"


def check_plan(
    folder: Path, body: str, defaults: str = ESSENTIAL, others: Mapping[str, str] | None = None
) -> list[Finding]:
    """:func:`check` a project of ``plan.yaml``, the plan of ``body`` and ``defaults``, beside the files ``others``."""
    return check(folder, {**(others or {}), "plan.yaml": plan(body, defaults)})
