"""What a spec that cannot be read does to the findings of the others.

A plan that does not parse defines nothing the run can see, so a campaign's reference into it looks
"not defined" (ML201), and a plan field that only a broken campaign uses looks unused (ML204). Those
findings would blame the wrong file for the broken one: they are folded into one finding per
campaign saying which files could not be read, and ML204 waits until every spec can be read.
"""

from __future__ import annotations

from collections.abc import Iterable

from minlint.findings import Finding
from minlint.model.project import ProjectIndex

UNRESOLVED = "ML201"
UNUSED_FIELD = "ML204"


def fold_cascades(findings: list[Finding], broken: Iterable[str], index: ProjectIndex) -> list[Finding]:
    """``findings`` with those that exist only because the ``broken`` files could not be read folded away."""
    unreadable = sorted(set(broken))
    if not unreadable:
        return findings
    kept: list[Finding] = []
    uncertain: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.rule == UNUSED_FIELD:
            continue  # a campaign that cannot be read may use the field
        if finding.rule == UNRESOLVED and _may_be_in_a_broken_file(finding, index):
            uncertain.setdefault(finding.path, []).append(finding)
            continue
        kept.append(finding)
    shown = ", ".join(unreadable[:3]) + (f" and {len(unreadable) - 3} more" if len(unreadable) > 3 else "")
    for path, folded in uncertain.items():
        first = min(folded, key=lambda finding: (finding.line, finding.column))
        count = len(folded)
        message = (
            f"{count} reference{'s' if count != 1 else ''} of this campaign could not be checked: "
            f"{shown} cannot be read as a spec, and may define {'them' if count != 1 else 'it'}; "
            "fix that file first"
        )
        kept.append(
            Finding(path, first.line, first.column, UNRESOLVED, message, first.name, first.severity, "", first.scope)
        )
    return kept


def _may_be_in_a_broken_file(finding: Finding, index: ProjectIndex) -> bool:
    """Whether an unresolved reference could be defined by a file that cannot be read: it is not
    defined anywhere readable, and it names no plan, or a plan the run does not know."""
    reference = finding.target.removeprefix("uses.")
    if index.by_ref.get(reference.partition(":")[2] or reference):
        return False  # defined (more than once, or in another plan): ambiguous, whatever else exists
    prefix, colon, _ = reference.partition(":")
    return not (colon and "." not in prefix and prefix in index.plans)
