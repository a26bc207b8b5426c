r"""The ``junit`` format: JUnit XML for CI test reports (Jenkins, GitLab, Azure Pipelines …).

Layout::

    <testsuites>
      <testsuite name=FILE package=FILE id=N tests failures errors skipped time timestamp hostname>
        <properties/>
        <testcase name=TARGET classname=FILE time="0"><failure message=… type=RULE>…</failure></testcase>
        <system-out>info findings, one per line</system-out>
        <system-err/>
      </testsuite>
    </testsuites>

- One ``testsuite`` per file with findings (the report knows no other files); when there are
  none, one suite ``minlint`` with a single passing testcase ``all spec files``.
- One ``testcase`` per target (the field reference, or ``file`` for findings about the whole
  file) with ``classname`` = the file's path relative to the project root. The strict Ant schema
  allows one ``failure`` per testcase, so a target with several findings gets one testcase per
  finding, named ``TARGET [RULE]``.
- ``error`` and ``warning`` findings are failures; ``info`` findings are not (minlint never
  fails a gate on them by default): their target still gets a passing testcase, and the finding
  is a line in the suite's ``system-out``.
- Suppressed findings are left out, unless ``show_suppressed``: then each is a ``skipped``
  testcase whose message says by what and why.
- A path that could not be read (a missing path, an unreadable file) is a testcase named after the
  path, with an ``error`` of type ``path-not-read``, in a first suite ``minlint`` (its ``errors``
  attribute counts them). A run with such errors never has the passing ``all spec files`` case.
- Output is reproducible: ``time="0"``, ``hostname="minlint"`` and the fixed
  ``timestamp="1970-01-01T00:00:00"`` (the Unix epoch, the usual "no real time recorded" value
  of reproducible builds, and one no reader mistakes for the time of a run). The strict schema
  requires a timestamp, in exactly that ``YYYY-MM-DDThh:mm:ss`` form.
- The root ``testsuites`` has no attributes: the strict Ant schema allows none there, and the
  totals are on each ``testsuite``, which is where CI servers read them.

The document validates against both the lenient Jenkins xUnit schema and the strict Ant schema
(``tests/data/schemas``). It is built with :mod:`xml.etree.ElementTree`, which escapes markup.
Text from the specs (paths, targets, messages, reasons) has its control characters made visible
(:func:`minlint.safetext.visible`), so a line break in a field's name cannot start a line of a
failure's text; any other character XML 1.0 forbids is replaced by a visible ``\xNN``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from itertools import groupby

from minlint.findings import Finding
from minlint.formatters import FormatOptions
from minlint.report import PathProblem, Report, Suppressed
from minlint.safetext import visible

TIMESTAMP = "1970-01-01T00:00:00"
HOSTNAME = "minlint"
FILE_TARGET = "file"
PATH_NOT_READ = "path-not-read"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry replaced by a visible escape."""
    return _FORBIDDEN.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _shown(text: str) -> str:
    """Untrusted text for an attribute or one line: control characters visible, nothing XML forbids."""
    return xml_safe(visible(text))


def _text(text: str) -> str:
    # Element text cannot carry a literal carriage return (parsers turn it into a line feed).
    return xml_safe(text.replace("\r\n", "\n").replace("\r", "\n"))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


class _Suite:
    """The testcases and output of one file's testsuite, built up in report order."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.cases: list[ET.Element] = []
        self.failures = 0
        self.errors = 0
        self.skipped = 0
        self.output: list[str] = []

    def case(self, name: str) -> ET.Element:
        element = ET.Element("testcase", {"name": _shown(name), "classname": _shown(self.path), "time": "0"})
        self.cases.append(element)
        return element

    def element(self, index: int) -> ET.Element:
        path = _shown(self.path)
        suite = ET.Element(
            "testsuite",
            {
                "name": path,
                "package": path,
                "id": str(index),
                "tests": str(len(self.cases)),
                "failures": str(self.failures),
                "errors": str(self.errors),
                "skipped": str(self.skipped),
                "time": "0",
                "timestamp": TIMESTAMP,
                "hostname": HOSTNAME,
            },
        )
        ET.SubElement(suite, "properties")
        suite.extend(self.cases)
        ET.SubElement(suite, "system-out").text = _text("".join(line + "\n" for line in self.output)) or None
        ET.SubElement(suite, "system-err")
        return suite


def _line(finding: Finding, path: str, hint: str | None) -> str:
    where = f"{visible(path)}:{finding.line}:{finding.column}"
    text = f"{where} {visible(finding.rule)} {visible(finding.name)} {visible(finding.message)}"
    return text if hint is None else f"{text}\nhint: {visible(hint)} [minlint explain {visible(finding.rule)}]"


def _add_findings(suite: _Suite, findings: Iterable[Finding], hints: dict[str, str]) -> None:
    by_target: dict[str, list[Finding]] = {}
    for finding in findings:
        by_target.setdefault(finding.target or FILE_TARGET, []).append(finding)
    for target, group in by_target.items():
        failing = [finding for finding in group if finding.severity != "info"]
        if not failing:
            suite.case(target)
        for finding in failing:
            case = suite.case(target if len(failing) == 1 else f"{target} [{finding.rule}]")
            failure = ET.SubElement(case, "failure", {"message": _shown(finding.message), "type": _shown(finding.rule)})
            failure.text = _text(_line(finding, suite.path, hints.get(finding.rule)))
            suite.failures += 1
        suite.output += [_line(f, suite.path, hints.get(f.rule)) for f in group if f.severity == "info"]


def _add_suppressed(suite: _Suite, items: Iterable[Suppressed]) -> None:
    for item in items:
        finding = item.finding
        case = suite.case(f"{finding.target or FILE_TARGET} [{finding.rule}]")
        why = f"suppressed ({item.by})" + (f": {visible(item.reason)}" if item.reason else "")
        skipped = ET.SubElement(case, "skipped", {"message": _shown(why)})
        skipped.text = _text(f"{_line(finding, suite.path, None)}\n{why}")
        suite.skipped += 1


def _error_suite(problems: Iterable[PathProblem]) -> _Suite:
    """The suite ``minlint``, with one errored testcase per path that could not be read."""
    suite = _Suite("minlint")
    for problem in problems:
        case = suite.case(problem.path)
        text = f"{visible(problem.path)}: {visible(problem.message)}"
        error = ET.SubElement(case, "error", {"message": _shown(text), "type": PATH_NOT_READ})
        error.text = _text(text)
        suite.errors += 1
    return suite


def junit_tree(report: Report, options: FormatOptions) -> ET.Element:
    """The report as a ``testsuites`` element."""
    hints = {rule.id: rule.short_hint for rule in report.rules}
    suites: dict[str, _Suite] = {}
    for path, group in groupby(report.findings, key=lambda finding: report.root_relative(finding.path)):
        _add_findings(suites.setdefault(path, _Suite(path)), group, hints)
    if options.show_suppressed:
        for item in report.suppressed:
            path = report.root_relative(item.finding.path)
            _add_suppressed(suites.setdefault(path, _Suite(path)), [item])
    root = ET.Element("testsuites")
    first: list[_Suite] = []
    checked = _plural(report.summary.files, "spec file")
    if report.path_problems:
        errors = _error_suite(report.path_problems)
        if not suites:
            errors.output.append(f"{_plural(errors.errors, 'path')} could not be read; 0 findings in {checked}.")
        first.append(errors)
    elif not suites:
        placeholder = _Suite("minlint")
        placeholder.case("all spec files")
        placeholder.output.append(f"No findings in {checked}.")
        first.append(placeholder)
    for index, suite in enumerate([*first, *(suites[path] for path in sorted(suites))]):
        root.append(suite.element(index))
    return root


def format_junit(report: Report, options: FormatOptions) -> str:
    """Render ``report`` as a JUnit XML document (UTF-8 declaration, two-space indentation)."""
    root = junit_tree(report, options)
    ET.indent(root, space="  ")
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
