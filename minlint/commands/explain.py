"""``minlint explain RULE``: a rule's rationale, fix and examples, from its pack."""

from __future__ import annotations

import difflib
import sys

from minlint.commands.common import EXIT_CLEAN, EXIT_ERROR, error
from minlint.docgen import rule_markdown
from minlint.engine.packs import PackError, builtin_rules
from minlint.engine.rule import RuleDef


def find_rule(rules: tuple[RuleDef, ...] | list[RuleDef], wanted: str) -> RuleDef | None:
    """The rule whose code (any case) or name is ``wanted``."""
    for rule in rules:
        if wanted.upper() == rule.id or wanted.lower() == rule.name:
            return rule
    return None


def run_explain(wanted: str, color: bool) -> int:
    """Print the documentation of one rule; exit 2 with suggestions when there is no such rule."""
    try:
        rules = builtin_rules()
    except PackError as failure:
        error(str(failure))
        return EXIT_ERROR
    rule = find_rule(rules, wanted)
    if rule is None:
        names = [r.id for r in rules] + [r.name for r in rules]
        close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `minlint rules` lists them all"
        error(f"no rule `{wanted}`{hint}")
        return EXIT_ERROR
    text = rule_markdown(rule, level=1)
    if color:
        from rich.console import Console
        from rich.markdown import Markdown

        Console(highlight=False).print(Markdown(text))
    else:
        sys.stdout.write(text)
    return EXIT_CLEAN
