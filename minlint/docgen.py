"""Rule documentation generated from the rule packs: ``docs/rules.md`` and ``minlint explain``.

Both read the same pack entries, so the page, the terminal and SARIF help never disagree. Run
``python -m minlint.docgen`` to rewrite ``docs/rules.md``; a test fails when it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from minlint.engine.rule import Example, RuleDef
from minlint.vocabulary import SUPPRESSION_CODES

GENERATED_NOTE = "<!-- Generated from the rule packs in rules/ by `python -m minlint.docgen`. Do not edit by hand. -->"
# The accuracy table is measured, not written: tests/accuracy/ computes it and keeps it between
# these marks (``MINLINT_UPDATE_GOLDEN=1`` rewrites it); regenerating the page keeps it as it is.
ACCURACY_START = "<!-- accuracy: measured by tests/accuracy/test_accuracy.py; do not edit by hand -->"
ACCURACY_END = "<!-- /accuracy -->"


def _where(example: Example) -> str:
    places = ", ".join(f"line {line}, column {column}" for line, column in example.expect)
    return f"Fires at {places}." if places else ""


def _example_block(example: Example, heading: str) -> list[str]:
    lines = [f"**{heading}:** {example.title}", "", "```yaml", example.files["spec.yaml"].rstrip("\n"), "```"]
    context = {name: text for name, text in example.files.items() if name != "spec.yaml"}
    for name, text in context.items():
        lines += ["", f"with `{name}`:", "", "```yaml", text.rstrip("\n"), "```"]
    where = _where(example)
    if where:
        lines += ["", where]
    return [*lines, ""]


def rule_markdown(rule: RuleDef, level: int = 2, links: bool = True) -> str:
    """The full documentation of one rule as Markdown, headed at ``level``.

    ``links=False`` leaves out the links to other pages of ``docs/``, which a reader of
    ``minlint explain`` (minlint installed from a wheel) does not have.
    """
    hashes = "#" * level
    targets = ", ".join(rule.targets)
    lines = [
        f"{hashes} {rule.id} `{rule.name}`",
        "",
        f"**Severity:** {rule.severity} · **Applies to:** {targets} · **Pack:** {rule.pack}"
        + ("" if rule.enabled else " · **Off by default** (enable with `select`/`extend-select`)")
        + ("" if rule.jurisdiction == "gdpr" else f" · **Runs when** `jurisdictions` includes `{rule.jurisdiction}`"),
        "",
        rule.summary,
        "",
        f"{hashes}# Why it matters",
        "",
        rule.rationale,
        "",
        f"{hashes}# How to fix it",
        "",
        rule.fix,
        "",
    ]
    bad = [example for example in rule.examples if example.bad]
    good = [example for example in rule.examples if not example.bad]
    if bad or good:
        lines += [f"{hashes}# Examples", ""]
        for example in bad:
            lines += _example_block(example, "Fires")
        for example in good:
            lines += _example_block(example, "Passes")
    lines += _suppression_section(rule, hashes, links)
    return "\n".join(lines).rstrip("\n") + "\n"


def _suppression_section(rule: RuleDef, hashes: str, links: bool) -> list[str]:
    """How to record an exception to this rule (not offered for the rules about suppressions)."""
    if rule.id in SUPPRESSION_CODES:
        return []
    return [
        f"{hashes}# Accepting an exception",
        "",
        "Fix the finding if you can. If the exception is deliberate, record it where the finding is, with",
        "the reason (required) and, for a temporary exception, the date it ends:",
        "",
        "```yaml",
        f"# minlint: ignore {rule.id} -- why this is acceptable, and who decided",
        f"field_name: {{...}}  # minlint: ignore {rule.id} until 2027-03-31 -- vendor contract renegotiation",
        "```",
        "",
        f"The comment goes on the key's line or alone on the line above it, and silences only `{rule.id}`",
        "on that line. `minlint suppressions` lists every exception for review; to turn the rule off for",
        f"a whole project or folder, use `ignore: [{rule.id}]` or `per-path-ignores` in `.minlint.yaml`"
        + ("" if links else "."),
        *(["(see [docs/ci.md](ci.md))."] if links else []),
        "",
    ]


def accuracy_block(page: str) -> str:
    """The measured accuracy table of a rules page, marks included ("" when the page has none)."""
    start = page.find(ACCURACY_START)
    end = page.find(ACCURACY_END, start)
    if start < 0 or end < 0:
        return ""
    return page[start : end + len(ACCURACY_END)]


def rules_page(rules: list[RuleDef] | tuple[RuleDef, ...], accuracy: str = "") -> str:
    """The whole ``docs/rules.md``: an index table, the measured ``accuracy`` block, then every rule in full."""
    lines = [
        "# Rules",
        "",
        GENERATED_NOTE,
        "",
        "Every rule has a stable code and a name; either can be used with `minlint explain`.",
        "",
        "| Code | Name | Severity | Applies to | Summary |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in rules:
        anchor = f"{rule.id}-{rule.name}".lower()
        summary = rule.summary.replace("|", "\\|")
        lines.append(
            f"| [{rule.id}](#{anchor}) | `{rule.name}` | {rule.severity} | {', '.join(rule.targets)} | {summary} |"
        )
    lines.append("")
    if accuracy:
        lines += ["## How often the rules are right", "", accuracy, ""]
    page = "\n".join(lines) + "\n"
    return page + "\n".join(rule_markdown(rule) for rule in rules)


def main() -> None:
    """Rewrite ``docs/rules.md`` from the built-in packs (run from the repository root)."""
    from minlint.engine.packs import builtin_rules
    from minlint.fileio import write_atomic

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/rules.md")
    accuracy = accuracy_block(target.read_text(encoding="utf-8")) if target.is_file() else ""
    write_atomic(target, rules_page(builtin_rules(), accuracy), overwrite=True)
    sys.stdout.write(f"wrote {target}\n")


if __name__ == "__main__":
    main()
