"""``minlint check``: check specs and report findings; the exit code says whether the gate passes."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from minlint.checker import Settings, check_sources
from minlint.discovery import discover
from minlint.engine.engine import RuleCompileError
from minlint.engine.packs import PackError, builtin_packs, combine, load_pack
from minlint.engine.rule import RuleDef
from minlint.formatters import FormatOptions, get_formatter

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What ``minlint check`` was asked to do, as parsed from the command line."""

    paths: tuple[str, ...]
    output_format: str = "text"
    fail_on: str = "error"
    no_color: bool = False
    quiet: bool = False
    rule_packs: tuple[str, ...] = ()


def use_color(no_color: bool) -> bool:
    """Colour only on a terminal, unless ``--no-color`` or ``NO_COLOR``; ``FORCE_COLOR`` forces it."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def error(message: str) -> None:
    """Print one ``minlint: error:`` line on stderr."""
    sys.stderr.write(f"minlint: error: {message}\n")


def load_rules(extra_packs: tuple[str, ...]) -> list[RuleDef]:
    """The built-in rules plus those of the packs named with ``--rules`` (raises PackError)."""
    packs = list(builtin_packs())
    for given in extra_packs:
        packs.append(load_pack(Path(given), given))
    return sorted(combine(packs), key=lambda rule: (rule.source.startswith("rules/") is False, rule.id))


def run_check(options: CheckOptions) -> int:
    """Run ``minlint check``; returns the exit code (0 clean, 1 findings at ``fail_on``, 2 error)."""
    try:
        rules = tuple(rule for rule in load_rules(options.rule_packs) if rule.enabled)
        settings = Settings(rules=rules)
        sources, problems = discover(list(options.paths) or ["."], Path.cwd())
        report = check_sources(sources, settings, problems)
    except (PackError, RuleCompileError) as failure:
        error(str(failure))
        return EXIT_ERROR
    formatter = get_formatter(options.output_format)
    color = options.output_format == "text" and use_color(options.no_color)
    sys.stdout.write(formatter(report, FormatOptions(color=color, quiet=options.quiet)))
    sys.stdout.flush()
    for problem in report.path_problems:
        error(f"{problem.path}: {problem.message}")
    if report.path_problems:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(finding.reaches(options.fail_on) for finding in report.findings) else EXIT_CLEAN
