"""What the format tests share: findings and reports built against a few rules, and the golden-file run."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from minlint.engine.rule import RuleDef
from minlint.findings import Finding, Summary
from minlint.report import Report, Suppressed
from tests.conftest import REPO, RunMinlint
from tests.helpers import assert_matches_golden

GOLDEN = REPO / "tests" / "golden"

# One rule of each severity; a format whose tests need other rule texts declares its own.
RULES = (
    RuleDef("ML001", "missing-purpose", "error", ("field",), "No purpose.", "Why.", "Add `purpose:`.", pack="core"),
    RuleDef("ML104", "free-text-field", "warning", ("field",), "Free text.", "Why.", "Use enum.", pack="sensitive"),
    RuleDef("ML300", "note-only", "info", ("field",), "A note.", "Why.", "Fix it.", pack="org"),
)


@dataclass(frozen=True)
class Reports:
    """Findings and reports against ``rules``; a finding of a code none of them has is a custom error rule's."""

    rules: tuple[RuleDef, ...]

    def finding(self, rule: str = "ML001", line: int = 3, column: int = 5, **fields: Any) -> Finding:
        """A finding of ``rule`` about ``traits.email`` in ``plans/web.yaml``; ``fields`` replace any of its values."""
        names = {item.id: (item.name, item.severity) for item in self.rules}
        name, severity = names.get(rule, ("custom-rule", "error"))
        values: dict[str, Any] = {"path": "plans/web.yaml", "message": "field `traits.email` declares no purpose"}
        values |= {"name": name, "severity": severity, "target": "traits.email", "scope": "web"} | fields
        return Finding(line=line, column=column, rule=rule, **values)

    def report(self, *findings: Finding, suppressed: tuple[Suppressed, ...] = (), **fields: Any) -> Report:
        """A report of ``findings`` (sorted) over 2 spec files and 7 fields."""
        ordered = sorted(findings)
        return Report(tuple(ordered), Summary.of(ordered, 2, 7), self.rules, suppressed=suppressed, **fields)


# Findings and reports against RULES.
EXAMPLES = Reports(RULES)
finding = EXAMPLES.finding
report = EXAMPLES.report


def make_checkout(folder: Path) -> Path:
    """A copy of ``examples/violations`` in ``folder``, at the same place under a repository root of its own.

    Formats for code hosts name files relative to the repository (its root is where ``.git`` is):
    the golden files must not depend on whether the tests run from a git clone or an unpacked sdist
    (no ``.git``), so the copy gets an empty ``.git`` folder, which is all minlint looks for.
    """
    shutil.copytree(REPO / "examples" / "violations", folder / "examples" / "violations", ignore=IGNORED)
    (folder / ".git").mkdir()
    return folder


IGNORED = shutil.ignore_patterns(".minlint_cache")


def check_violations(run_minlint: RunMinlint, checkout: Path, output_format: str, golden: str) -> str:
    """``minlint check examples/violations --format FORMAT`` in ``checkout`` (:func:`make_checkout`):
    exit 1, nothing on stderr, exactly the golden file.

    Returns the output. ``MINLINT_UPDATE_GOLDEN=1`` rewrites the golden file first.
    """
    result = run_minlint("check", "examples/violations", "--format", output_format, cwd=checkout)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert_matches_golden(result.stdout, GOLDEN / golden)
    return result.stdout
