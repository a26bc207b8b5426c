"""``minlint explain RULE``: a rule's rationale, fix and examples, from its pack.

Built-in rules and those of the project's own packs (the configuration's ``rules`` and ``--rules``)
are explained alike, so a custom rule's code in a finding can be looked up like any other.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Sequence

from minlint.commands.common import EXIT_CLEAN, EXIT_ERROR, SETUP_ERRORS, error
from minlint.docgen import rule_markdown
from minlint.engine.rule import RuleDef
from minlint.run.request import Request


def find_rule(rules: Sequence[RuleDef], wanted: str) -> RuleDef | None:
    """The rule whose code (any case) or name is ``wanted``."""
    for rule in rules:
        if wanted.upper() == rule.id or wanted.lower() == rule.name:
            return rule
    return None


def known_rules(request: Request) -> tuple[RuleDef, ...]:
    """Every rule ``request`` knows: the built-in packs, the configuration's ``rules`` and ``--rules``.

    Raises the setup errors of :data:`minlint.commands.common.SETUP_ERRORS` (bad configuration, a
    pack that cannot be read …).
    """
    from minlint.run.rules import rule_set
    from minlint.run.workspace import Workspace

    return rule_set(Workspace(request), request).known


def run_explain(wanted: str, color: bool, request: Request | None = None) -> int:
    """Print the documentation of one rule; exit 2 with suggestions when there is no such rule."""
    try:
        rules = known_rules(request or Request())
    except SETUP_ERRORS as failure:
        error(str(failure))
        return EXIT_ERROR
    rule = find_rule(rules, wanted)
    if rule is None:
        names = [r.id for r in rules] + [r.name for r in rules]
        close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `minlint rules` lists them all"
        error(f"no rule `{wanted}`{hint}")
        return EXIT_ERROR
    text = rule_markdown(rule, level=1, links=False)
    if color:
        from rich.console import Console
        from rich.markdown import Markdown

        Console(highlight=False).print(Markdown(text))
    else:
        sys.stdout.write(text)
    return EXIT_CLEAN
