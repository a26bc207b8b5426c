"""How often each rule is right on labelled plans: the labels, the score per rule, and the table in docs/rules.md.

A plan of the accuracy project marks every line a rule must fire on with ``# expect: CODE`` (several
codes separated by commas; an explanation may follow ``--``), and every collected field with no
planted mistake with ``# clean``. A finding of rule R on a line labelled R *catches* that planted
mistake; a finding of R on any other line is a *false alarm*; a label no finding answers is *missed*.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

LABEL = re.compile(r"#\s*(?:expect:\s*(?P<codes>[A-Z]+\d{3}(?:\s*,\s*[A-Z]+\d{3})*)|(?P<clean>clean))(?:\s*--.*)?\s*$")

Place = tuple[str, int]  # (path as minlint reports it, line)


class Labels(NamedTuple):
    """Every label of the project: what must fire where, and which lines are labelled at all."""

    planted: frozenset[tuple[str, int, str]]  # (path, line, rule)
    clean: frozenset[Place]

    def labelled(self, place: Place) -> bool:
        """Whether ``place`` carries a label (clean, or a planted mistake)."""
        return place in self.clean or any((path, line) == place for path, line, _ in self.planted)


def read_labels(files: Iterable[tuple[str, Path]]) -> Labels:
    """The labels in ``files``, each given as ``(path as minlint reports it, file)``."""
    planted: set[tuple[str, int, str]] = set()
    clean: set[Place] = set()
    for shown, path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = LABEL.search(line)
            if match is None:
                continue
            if match.group("clean"):
                clean.add((shown, number))
            else:
                planted.update((shown, number, code.strip()) for code in match.group("codes").split(","))
    return Labels(frozenset(planted), frozenset(clean))


class Score(NamedTuple):
    """One rule's result: planted mistakes, how many it caught, and how often it fired where nothing was planted."""

    rule: str
    name: str
    planted: int
    caught: int
    false_alarms: int

    @property
    def missed(self) -> int:
        """Planted mistakes the rule did not report."""
        return self.planted - self.caught

    @property
    def precision(self) -> float | None:
        """Caught / everything it reported (None when it reported nothing)."""
        reported = self.caught + self.false_alarms
        return self.caught / reported if reported else None

    @property
    def recall(self) -> float | None:
        """Caught / planted (None when nothing was planted)."""
        return self.caught / self.planted if self.planted else None


def score(labels: Labels, findings: Iterable[tuple[str, int, str]], names: Mapping[str, str]) -> list[Score]:
    """A score for every rule in ``names`` that was planted or fired, in ``names`` order.

    ``findings`` are ``(path, line, rule)``; several findings of one rule on one line count once.
    """
    fired = set(findings)
    scores = []
    for rule, name in names.items():
        planted = {(path, line) for path, line, code in labels.planted if code == rule}
        reported = {(path, line) for path, line, code in fired if code == rule}
        if planted or reported:
            caught = len(planted & reported)
            scores.append(Score(rule, name, len(planted), caught, len(reported - planted)))
    return scores


def _percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.0f} %" if value in (0, 1) else f"{value * 100:.1f} %"


def table(scores: list[Score], plans: int, campaigns: int, fields: int, clean: int, *, start: str, end: str) -> str:
    """The accuracy block of docs/rules.md, between the marks ``start`` and ``end``."""
    planted = sum(item.planted for item in scores)
    caught = sum(item.caught for item in scores)
    alarms = sum(item.false_alarms for item in scores)
    total = Score("", "", planted, caught, alarms)
    lines = [
        start,
        "",
        f"Measured on {plans} tracking plans translated from the public plans of the test corpus (RudderStack,",
        f"Segment, Snowplow, Fides, data contracts) and {campaigns} campaigns using them, with the declarations",
        "a careful privacy engineer would write and realistic mistakes planted:",
        f"{fields} collected fields, {planted} planted mistakes, {clean} lines labelled clean. A planted mistake",
        "is *caught* when its rule fires on its line; a finding anywhere else is a *false alarm*. CI fails",
        "when a rule misses a planted mistake (recall below 100 %) or raises more than one false alarm in",
        "twenty (precision below 95 %). The plans, each mistake labelled with the rule that must catch it,",
        "are in `tests/accuracy/project/`.",
        "",
        "| Rule | Planted | Caught | False alarms | Precision | Recall |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for item in scores:
        anchor = f"{item.rule}-{item.name}".lower()
        lines.append(
            f"| [{item.rule}](#{anchor}) `{item.name}` | {item.planted} | {item.caught} | {item.false_alarms} "
            f"| {_percent(item.precision)} | {_percent(item.recall)} |"
        )
    lines.append(
        f"| **All rules** | {planted} | {caught} | {alarms} | {_percent(total.precision)} | {_percent(total.recall)} |"
    )
    lines += ["", end]
    return "\n".join(lines)
