"""One finding for an object and the fields nested in it, when they share one cause.

A field with no purpose passes that lack on to every field nested in it: without folding, an
object of twelve properties declaring nothing is thirteen ML001 findings, all fixed by one line at
the object. Rules marked ``folds_nested`` in their pack report the outermost field only, and say
how many nested fields share the finding; fixing it there fixes them all (a nested field that
declares what it needs has no finding to fold).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from minlint.findings import Finding
from minlint.model.spec import Spec


def fold_nested(findings: list[Finding], spec: Spec, rules: Iterable[str]) -> list[Finding]:
    """``findings`` of one spec with those of ``rules`` on nested fields folded into their outermost field's."""
    folding = frozenset(rules)
    if not any(finding.rule in folding for finding in findings):
        return findings
    parents: dict[str, str] = {}
    for target in spec.targets:
        parent = target.attrs.get("parent") if target.kind == "field" else None
        if isinstance(parent, str):
            parents[target.ref] = parent
    found = {(finding.rule, finding.target) for finding in findings if finding.rule in folding}
    nested: Counter[tuple[str, str]] = Counter()
    kept: list[Finding] = []
    for finding in findings:
        outer = _outermost(finding, parents, found) if finding.rule in folding else None
        if outer is None:
            kept.append(finding)
        else:
            nested[finding.rule, outer] += 1
    if not nested:
        return findings
    return [_with_nested(finding, nested[finding.rule, finding.target]) for finding in kept]


def _outermost(finding: Finding, parents: dict[str, str], found: set[tuple[str, str]]) -> str | None:
    """The outermost field above ``finding``'s target that has the same finding, if any."""
    outer: str | None = None
    ref = parents.get(finding.target)
    seen = 0
    while ref is not None and seen < 1000:  # bounded: the loader bounds nesting far below this
        if (finding.rule, ref) in found:
            outer = ref
        ref = parents.get(ref)
        seen += 1
    return outer


def _with_nested(finding: Finding, count: int) -> Finding:
    if not count:
        return finding
    fields = "field" if count == 1 else "fields"
    return Finding(
        finding.path,
        finding.line,
        finding.column,
        finding.rule,
        f"{finding.message} (and so do its {count} nested {fields})",
        finding.name,
        finding.severity,
        finding.target,
        finding.scope,
    )
