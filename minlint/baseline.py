"""The baseline: findings a team has accepted for now, so that a gate can start clean.

``minlint baseline`` records a fingerprint of every current finding in ``.minlint-baseline.json``
(rule, file and what the finding is about — never the line number, so unrelated edits do not
invalidate it). ``minlint check`` then reports only findings not in it, and counts baselined
findings that are gone so the file can be pruned with ``minlint baseline --update``. The file is
sorted and carries no timestamp: it diffs cleanly in review.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from minlint.errors import SetupError
from minlint.findings import Finding
from minlint.vocabulary import ALWAYS_REPORTED

BASELINE_VERSION = 1


class BaselineError(SetupError):
    """A baseline file that cannot be read; the message is one line."""


class Baseline(NamedTuple):
    """Accepted findings: fingerprint -> how many times it occurs, and the entries as written."""

    counts: dict[str, int]
    paths: dict[str, str]  # fingerprint -> root-relative path of the file it is about
    entries: tuple[dict[str, Any], ...] = ()

    @property
    def total(self) -> int:
        """How many findings the baseline accepts."""
        return sum(self.counts.values())


def build(
    findings: Iterable[Finding], relative: Callable[[str], str], keep: Iterable[dict[str, Any]] = ()
) -> dict[str, Any]:
    """The baseline document for ``findings``; ``relative`` maps a finding's path to the root-relative one.

    ``keep`` holds entries of an earlier baseline to carry over unchanged (those of files the run
    did not look at).
    """
    entries: dict[str, dict[str, Any]] = {
        entry["fingerprint"]: dict(entry) for entry in keep if entry.get("rule") not in ALWAYS_REPORTED
    }
    for finding in findings:
        if finding.rule in ALWAYS_REPORTED:
            continue  # a file that does not parse is never accepted: it would hide there forever
        path = relative(finding.path)
        key = finding.fingerprint(path)
        entry = entries.get(key)
        if entry is None:
            entries[key] = {
                "fingerprint": key,
                "rule": finding.rule,
                "path": path,
                "target": finding.target,
                "message": finding.message,
                "count": 1,
            }
        else:
            entry["count"] += 1
    ordered = sorted(
        entries.values(), key=lambda item: (item["path"], item["rule"], item["target"], item["fingerprint"])
    )
    return {"version": BASELINE_VERSION, "tool": "minlint", "findings": ordered}


def dumps(document: dict[str, Any]) -> str:
    """The baseline document as the text written to disk."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def load(path: Path) -> Baseline:
    """Read a baseline file; raises BaselineError with a one-line reason when it cannot be used."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {(error.strerror or str(error)).lower()}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: not a minlint baseline (invalid JSON: {error})") from None
    if not isinstance(document, dict) or document.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{path}: not a minlint baseline of version {BASELINE_VERSION}; regenerate it")
    counts: dict[str, int] = {}
    paths: dict[str, str] = {}
    entries = document.get("findings") or []
    if not isinstance(entries, list):
        raise BaselineError(f"{path}: `findings` is not a list; regenerate the baseline")
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise BaselineError(f"{path}: malformed entry in `findings`; regenerate the baseline")
        count = entry.get("count", 1)
        counts[entry["fingerprint"]] = counts.get(entry["fingerprint"], 0) + (count if isinstance(count, int) else 1)
        paths[entry["fingerprint"]] = str(entry.get("path", ""))
    return Baseline(counts, paths, tuple(entries))


def split(
    findings: Iterable[Finding],
    baseline: Baseline,
    relative: Callable[[str], str],
    in_scope: Callable[[str], bool] = lambda path: True,
) -> tuple[list[Finding], list[Finding], int]:
    """Findings not in the baseline, findings it accepts, and how many accepted findings are gone.

    Only baselined findings of files the run covers (``in_scope``, by root-relative path) can be gone.
    """
    remaining = Counter(baseline.counts)
    new: list[Finding] = []
    accepted: list[Finding] = []
    for finding in findings:
        key = finding.fingerprint(relative(finding.path))
        if remaining[key] > 0 and finding.rule not in ALWAYS_REPORTED:
            remaining[key] -= 1
            accepted.append(finding)
        else:
            new.append(finding)
    gone = sum(count for key, count in remaining.items() if count > 0 and in_scope(baseline.paths.get(key, "")))
    return new, accepted, gone
