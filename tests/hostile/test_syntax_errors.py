"""YAML syntax errors in every position: a valid spec broken at each of its lines, in many ways.

All broken variants are written to one folder and checked by one ``minlint check`` run; each variant
must end in exactly one ML901 ``yaml-syntax-error`` finding at the line it was broken (or, for errors a
parser can only notice later, such as an unclosed quote, at a line after it) — never a skip, never a
traceback. Truncating the spec anywhere must never crash either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from minlint.engine.packs import builtin_rules
from minlint.run import Settings, check_sources
from minlint.run.discover import SourceFile
from tests.conftest import RunMinlint
from tests.hostile.support import HEADER, assert_findings_located, check_json, found, inside

# A realistic plan: comments, quoted scalars, flow and block collections, nesting four levels deep.
BASE = """\
# A realistic plan used as the base for broken variants.
minlint: 1
kind: tracking-plan
name: base-plan
description: "Events of the web shop"
owner: analytics@example.com
defaults:
  basis: legitimate_interests
  retention: P13M
context:
  ip_address:
    type: string
    category: user.device.ip_address
    purpose: [essential.fraud_detection]
    retention: P30D
traits:
  email:
    type: string
    category: user.contact.email
    purpose: [marketing.communications.email]
    basis: {marketing.communications.email: consent}
    retention: 'P2Y'
events:
  Order Completed:
    description: A customer completed checkout
    defaults:
      purpose: analytics.reporting
      category: none
    properties:
      order_id: {type: string}
      currency: {type: string, enum: [EUR, USD]}
      products:
        type: array
        items:
          type: object
          properties:
            sku: {type: string}
            quantity: {type: integer}
      shipping_address:
        type: object
        category: user.contact.address
        purpose: essential.service
        basis: contract
        retention: P6Y
        properties:
          city: {type: string, category: user.contact.address.city}
"""
LINES = BASE.splitlines(keepends=True)
MINLINT_LINE = 2


@dataclass(frozen=True)
class Break:
    """One way to break the spec at line N. ``where``: ``column`` (exactly at N and the column of the
    broken text), ``line`` (at N) or ``later`` (at N or after: the parser notices at the end of a token)."""

    make: Callable[[int, int], str]  # (0-based line index, indentation) -> the whole broken text
    where: str


def _insert(text: str) -> Callable[[int, int], str]:
    def make(index: int, indent: int) -> str:
        return "".join(LINES[:index]) + " " * indent + text + "\n" + "".join(LINES[index:])

    return make


def _tab_indent(index: int, indent: int) -> str:
    return "".join(LINES[:index]) + "\t" + LINES[index].lstrip(" ") + "".join(LINES[index + 1 :])


BREAKS = {
    "reserved-at-sign": Break(_insert("@oops"), "column"),
    "stray-closing-bracket": Break(_insert("]"), "column"),
    "second-colon-in-a-plain-value": Break(_insert("x-c: a: b"), "line"),
    "alias-to-no-anchor": Break(_insert("x-a: *nowhere"), "line"),
    "tab-indentation": Break(_tab_indent, "line"),
    "unclosed-double-quote": Break(_insert('x-q: "unclosed'), "later"),
    "unclosed-single-quote": Break(_insert("x-s: 'unclosed"), "later"),
    "unclosed-flow-sequence": Break(_insert("x-f: [a, b"), "later"),
    "unclosed-flow-mapping": Break(_insert("x-m: {a: 1"), "later"),
    "stray-sequence-item": Break(_insert("- item"), "later"),
}


def _indent(index: int) -> int:
    return len(LINES[index]) - len(LINES[index].lstrip(" "))


def _variant_name(kind: str, number: int) -> str:
    return f"{kind}-L{number:02d}.yaml"


def _params() -> list[object]:
    params: list[object] = []
    for kind in BREAKS:
        for number in range(1, len(LINES) + 1):
            params.append(pytest.param(kind, number, id=f"{kind}-line{number}"))
    return params


@pytest.fixture(scope="module")
def broken_run(
    tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint
) -> tuple[Path, int, dict[str, list[tuple[int, int, str]]]]:
    """Every variant written to one folder and checked in one run: (folder, exit code, findings by file)."""
    folder = tmp_path_factory.mktemp("broken")
    for kind, spec in BREAKS.items():
        for index in range(len(LINES)):
            text = spec.make(index, _indent(index))
            (folder / _variant_name(kind, index + 1)).write_text(text, encoding="utf-8")
    code, document, stderr = check_json(run_minlint_module, ".", cwd=folder)
    assert stderr == ""
    assert_findings_located(document, folder)
    by_file: dict[str, list[tuple[int, int, str]]] = {}
    for path, line, column, rule in found(document):
        by_file.setdefault(path, []).append((line, column, rule))
    return folder, code, by_file


def test_the_unbroken_base_spec_is_clean(run_minlint: RunMinlint, tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    code, document, _ = check_json(run_minlint, "base.yaml", cwd=tmp_path)
    assert (code, document["findings"], document["summary"]["files"]) == (0, [], 1)


def test_one_run_over_all_broken_variants_fails_with_findings_only(
    broken_run: tuple[Path, int, dict[str, list[tuple[int, int, str]]]],
) -> None:
    _, code, by_file = broken_run
    assert code == 1
    assert len(by_file) == len(BREAKS) * len(LINES)


@pytest.mark.parametrize(("kind", "number"), _params())
def test_spec_broken_at_each_line_gives_one_ml901_where_it_is_broken(
    broken_run: tuple[Path, int, dict[str, list[tuple[int, int, str]]]], kind: str, number: int
) -> None:
    _, _, by_file = broken_run
    findings = by_file.get(_variant_name(kind, number), [])
    assert len(findings) == 1, findings  # a skipped broken spec has none
    line, column, rule = findings[0]
    assert rule == "ML901"
    where = BREAKS[kind].where
    if where == "column":
        assert (line, column) == (number, _indent(number - 1) + 1)
    elif where == "line":
        assert line == number
    else:
        assert line >= number


# -- specs broken so that minlint may not recognise them as specs ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(HEADER + "events: {A: [\n", id="unclosed-flow-at-the-end"),
        pytest.param('"minlint": 1\nkind: tracking-plan\nname: p\ntraits: {a: b\n', id="quoted-minlint-key"),
        pytest.param("{minlint: 1, kind: tracking-plan, name: p\n", id="flow-spec-unclosed"),
        pytest.param("# comment first\n\nminlint: 1\nkind: [\n", id="after-comments-and-blank-lines"),
        pytest.param("---\nminlint: 1\nkind: tracking-plan\n  name: p\n", id="after-a-document-marker"),
        pytest.param(
            "--- {minlint: 1, kind: tracking-plan, name: p\n",
            id="flow-spec-after-a-document-marker",
        ),
        pytest.param(
            " minlint: 1\nkind: tracking-plan\nname: p\n",
            id="space-before-minlint-key",
        ),
    ],
)
def test_broken_spec_is_reported_not_skipped(run_minlint: RunMinlint, tmp_path: Path, text: str) -> None:
    data = text.encode()
    (tmp_path / "spec.yaml").write_bytes(data)
    code, document, _ = check_json(run_minlint, ".", cwd=tmp_path)
    assert code == 1
    (finding,) = document["findings"]
    assert finding["rule"] == "ML901"
    assert inside(data, finding["line"], finding["column"])


def test_syntax_error_in_text_output_is_one_located_line(run_minlint: RunMinlint, tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(BREAKS["reserved-at-sign"].make(10, 2), encoding="utf-8")
    result = run_minlint("check", "--no-color", "spec.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ""
    assert "spec.yaml:11:3  ML901 yaml-syntax-error  YAML syntax error: " in result.stdout


# -- truncated anywhere ----------------------------------------------------------------------------------------

NO_FINAL_NEWLINE_BUG = (
    "BUG: with libyaml (the default parser), a syntax error at the end of a file that has no final newline is "
    "placed at line N+1, column 1 of an N-line file — a line that does not exist (PyYAML's pure parser places it "
    "at the end of line N)"
)


def _truncations(final_newline: bool) -> dict[str, str]:
    """The spec cut at the start, middle and end of every line (a newline added after the cut, or not)."""
    cuts: dict[str, str] = {}
    offset = 0
    for number, line in enumerate(LINES, start=1):
        for label, at in (("start", 0), ("middle", len(line) // 2), ("end", len(line) - 1)):
            text = BASE[: offset + at]
            cuts[f"cut-L{number:02d}-{label}.yaml"] = text + "\n" if final_newline and text else text
        offset += len(line)
    return cuts


def _check_truncations(final_newline: bool, pure: bool) -> None:
    rules = tuple(rule for rule in builtin_rules() if rule.enabled)
    for name, text in _truncations(final_newline).items():
        data = text.encode()
        report = check_sources([SourceFile(name, Path(name), data)], Settings(rules=rules, pure_yaml=pure))
        for finding in report.findings:
            assert inside(data, finding.line, finding.column), (name, finding)


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
def test_spec_cut_anywhere_and_ended_by_a_newline_never_raises_and_findings_are_in_the_file(pure: bool) -> None:
    _check_truncations(final_newline=True, pure=pure)


@pytest.mark.parametrize(
    "pure",
    [
        pytest.param(False, id="libyaml"),
        pytest.param(True, id="pure-python"),
    ],
)
def test_spec_cut_anywhere_without_a_final_newline_never_raises_and_findings_are_in_the_file(pure: bool) -> None:
    _check_truncations(final_newline=False, pure=pure)


def test_spec_cut_anywhere_through_the_cli(run_minlint: RunMinlint, tmp_path: Path) -> None:
    for name, text in _truncations(final_newline=True).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, document, stderr = check_json(run_minlint, ".", cwd=tmp_path)
    assert code in (0, 1)
    assert stderr == ""
    assert_findings_located(document, tmp_path)
    assert "ML901" in {item["rule"] for item in document["findings"]}


def test_syntax_error_at_the_end_of_a_file_without_a_final_newline_is_inside_the_file(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    data = (HEADER + "traits: [email").encode()
    (tmp_path / "spec.yaml").write_bytes(data)
    code, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert code == 1
    (finding,) = document["findings"]
    assert finding["rule"] == "ML901"
    assert inside(data, finding["line"], finding["column"]), finding  # libyaml says 5:1 in this 4-line file
