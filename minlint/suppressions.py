"""Inline suppressions: ``# minlint: ignore CODES [until DATE] -- REASON``.

On a key's line, or alone on the line(s) above it, a suppression silences the named rules'
findings on that line — and nothing deeper. A reason is required (ML904 otherwise); after its
``until`` date it stops taking effect (ML906) and the finding comes back; one that silences
nothing is reported (ML905); one that cannot be read is ML907. Every suppression is listed by
``minlint suppressions``, the exceptions register a DPO asks for.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from minlint.findings import Finding
from minlint.vocabulary import EXPIRED, INVALID, NO_REASON, UNUSED

_MARKER = re.compile(r"#\s*minlint\s*:\s*ignore\b(?P<rest>[^\n]*)", re.IGNORECASE)
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LINES = re.compile(r"\r\n|\r|\n")


class Suppression(NamedTuple):
    """One ``# minlint: ignore`` comment.

    ``line``/``column`` locate the comment (its ``#``); ``applies_to`` is the line whose findings it
    silences. ``problem`` says why it cannot be read (then it takes no effect).
    """

    path: str
    line: int
    column: int
    applies_to: int
    codes: tuple[str, ...]
    until: date | None
    reason: str | None
    problem: str | None = None

    def expired(self, today: date) -> bool:
        """Whether the ``until`` date has passed (a suppression holds through its last day)."""
        return self.until is not None and today > self.until

    def names(self, code: str, name: str) -> bool:
        """Whether this suppression names the rule with ``code`` and ``name``."""
        return any(item.upper() == code or item.lower() == name for item in self.codes)


def _parse(rest: str) -> tuple[tuple[str, ...], date | None, str | None, str | None]:
    head, separator, reason_text = rest.partition("--")
    if "#" in head:  # another comment follows the directive (and no reason was given before it)
        head, separator, reason_text = head.partition("#")[0], "", ""
    reason = reason_text.strip() or None if separator else None
    tokens = head.replace(",", " ").split()
    codes: list[str] = []
    until: date | None = None
    problem: str | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.lower() == "until":
            if index + 1 >= len(tokens) or not _DATE.match(tokens[index + 1]):
                problem = "`until` needs a date written YYYY-MM-DD"
                break
            try:
                until = date.fromisoformat(tokens[index + 1])
            except ValueError:
                problem = f"`{tokens[index + 1]}` is not a date"
            index += 2
            continue
        if not _CODE.match(token):
            problem = f"`{token}` is not a rule code or name (write `CODE[,CODE] [until YYYY-MM-DD] -- reason`)"
            break
        codes.append(token)
        index += 1
    if not codes and problem is None:
        problem = "no rule named: write `# minlint: ignore ML003 -- reason`"
    return tuple(codes), until, reason, problem


def scan(path: str, text: str) -> list[Suppression]:
    """Every suppression comment in a file's text, with the line each applies to."""
    if "minlint" not in text:
        return []
    lines = _LINES.split(text)  # the lines editors and every other finding count: CR, LF, CR LF
    found: list[Suppression] = []
    for index, line in enumerate(lines):
        match = _MARKER.search(line)
        if match is None:
            continue
        codes, until, reason, problem = _parse(match.group("rest"))
        alone = not line[: match.start()].strip()
        applies_to = index + 1
        if alone:
            following = index + 1
            while following < len(lines) and lines[following].lstrip().startswith("#"):
                following += 1
            applies_to = following + 1
        found.append(Suppression(path, index + 1, match.start() + 1, applies_to, codes, until, reason, problem))
    return found


class Outcome(NamedTuple):
    """What applying suppressions did.

    Findings kept, findings silenced (with their suppression), and problems with the suppressions
    themselves (ML904 to ML907, as ``(code, suppression, message)``).
    """

    kept: list[Finding]
    silenced: list[tuple[Finding, Suppression]]
    problems: list[tuple[str, Suppression, str]]


def apply(
    findings: list[Finding],
    suppressions: list[Suppression],
    today: date,
    running: frozenset[str],
    known: dict[str, str],
) -> Outcome:
    """Silence findings named by active suppressions on their line.

    ``running`` holds the codes of the rules in this run, ``known`` maps every rule code (running or
    not) to its name. A suppression naming only rules that are known but not running is not
    reported as unused: the configuration turned them off.
    """
    by_line: dict[tuple[str, int], list[Suppression]] = {}
    problems: list[tuple[str, Suppression, str]] = []
    for suppression in suppressions:
        if suppression.problem is not None:
            problems.append((INVALID, suppression, f"this suppression cannot be read: {suppression.problem}"))
        elif suppression.reason is None:
            listed = ", ".join(suppression.codes)
            message = (
                f"this suppression of {listed} needs a reason after `--` (`# minlint: ignore {listed} -- why it is "
                "acceptable`); until it has one it does not apply"
            )
            problems.append((NO_REASON, suppression, message))
        elif suppression.expired(today):
            message = f"this suppression expired on {suppression.until}; the findings it silenced are reported again"
            problems.append((EXPIRED, suppression, message))
        else:
            by_line.setdefault((suppression.path, suppression.applies_to), []).append(suppression)
    kept: list[Finding] = []
    silenced: list[tuple[Finding, Suppression]] = []
    used: set[int] = set()
    for finding in findings:
        candidates = by_line.get((finding.path, finding.line), ())
        match = next((item for item in candidates if item.names(finding.rule, finding.name)), None)
        if match is None or finding.rule in SUPPRESSION_RULES:
            kept.append(finding)
        else:
            silenced.append((finding, match))
            used.add(id(match))
    by_name = {name: code for code, name in known.items()}
    for group in by_line.values():
        for suppression in group:
            if id(suppression) in used:
                continue
            codes = [by_name.get(code.lower(), code.upper()) for code in suppression.codes]
            unknown = [original for original, code in zip(suppression.codes, codes, strict=True) if code not in known]
            if not unknown and not any(code in running for code in codes):
                continue  # every rule it names is turned off by configuration
            listed = ", ".join(suppression.codes)
            detail = f" (no rule is called {', '.join(unknown)})" if unknown else ""
            message = f"this suppression of {listed} silences nothing{detail}; remove it"
            problems.append((UNUSED, suppression, message))
    return Outcome(kept, silenced, problems)


SUPPRESSION_RULES = frozenset({NO_REASON, UNUSED, EXPIRED, INVALID})
