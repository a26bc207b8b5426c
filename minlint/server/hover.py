"""Hover on a finding: what ``minlint explain`` says of its rule, under the finding's own message.

The rule's summary, why it matters and how to fix it come from its pack entry, the one source of
``explain``, ``docs/rules.md`` and SARIF's rule help; rules of the project's own packs are explained
alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from minlint.engine.rule import RuleDef
from minlint.findings import Finding
from minlint.formatters.sarif import help_uri, plain_text


def rule_link(rule: RuleDef | None) -> str | None:
    """The rule's section of the documentation (built-in rules only)."""
    return help_uri(rule) if rule is not None else None


def finding_markdown(finding: Finding, rule: RuleDef | None) -> str:
    """One finding explained: code, name and severity, its message, then the rule's summary,
    rationale and fix."""
    lines = [f"**{finding.rule}** `{finding.name}` ({finding.severity})", "", finding.message, ""]
    if rule is not None:
        lines += [rule.summary, "", "**Why it matters**", "", rule.rationale, "", "**How to fix it**", "", rule.fix, ""]
    link = rule_link(rule)
    more = f"[{finding.rule} in the rules reference]({link}) · " if link else ""
    lines.append(f"{more}`minlint explain {finding.rule}`")
    return "\n".join(lines)


def hover_text(findings: Sequence[tuple[Finding, RuleDef | None]], markdown: bool = True) -> str:
    """Every finding under the cursor explained, separated by rules; plain text when the client
    shows no Markdown."""
    text = "\n\n---\n\n".join(finding_markdown(finding, rule) for finding, rule in findings)
    return text if markdown else plain_text(text)
