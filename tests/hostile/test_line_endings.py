"""Windows line endings (CR LF), old Mac ones (CR), mixed ones, and the Unicode characters YAML 1.1 counts as line
breaks: findings identical to the LF version of the same project, at the same lines and columns.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, RunMinlint
from tests.hostile.support import BREAKS, HEADER, check_json, inside

Finding = tuple[str, int, int, str, str]  # path, line, column, rule, message
Reports = dict[str, tuple[int, list[Finding]]]  # by line-ending style: exit code and findings

EXAMPLES = [
    *sorted((REPO / "examples" / "violations").glob("*.yaml")),
    *sorted((REPO / "examples" / "storefront").rglob("*.yaml")),
]


def _convert(data: bytes, style: str, index: int) -> bytes:
    lf = data.replace(b"\r\n", b"\n")
    if style == "crlf":
        return lf.replace(b"\n", b"\r\n")
    if style == "cr":
        return lf.replace(b"\n", b"\r")
    if style == "mixed":  # every other line ends in CR LF, starting with the first or the second by file
        lines = lf.split(b"\n")
        return (
            b"".join(line + (b"\r\n" if (number + index) % 2 else b"\n") for number, line in enumerate(lines[:-1]))
            + lines[-1]
        )
    return lf


def _project(folder: Path, style: str) -> Path:
    for index, source in enumerate(EXAMPLES):
        target = folder / style / source.relative_to(REPO / "examples")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_convert(source.read_bytes(), style, index))
    return folder / style


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint) -> Reports:
    folder = tmp_path_factory.mktemp("line-endings")
    results = {}
    for style in ("lf", "crlf", "mixed", "cr"):
        code, document, _ = check_json(run_minlint_module, cwd=_project(folder, style))
        results[style] = (
            code,
            [
                (item["path"], item["line"], item["column"], item["rule"], item["message"])
                for item in document["findings"]
            ],
        )
    return results


def test_the_lf_project_has_findings_of_many_kinds(reports: Reports) -> None:
    code, findings = reports["lf"]
    assert code == 1
    assert len({rule for _, _, _, rule, _ in findings}) >= 10
    assert ("violations/broken.yaml", 7, 1, "ML901") in [item[:4] for item in findings]


@pytest.mark.parametrize(
    "style",
    [
        "crlf",
        "mixed",
        "cr",
    ],
)
def test_findings_are_identical_to_the_lf_project(reports: Reports, style: str) -> None:
    assert reports[style] == reports["lf"]


def test_specs_with_cr_only_line_endings_have_the_lf_findings_broken_ones_included(reports: Reports) -> None:
    _, lf = reports["lf"]
    _, cr = reports["cr"]
    assert ("violations/broken.yaml", 7, 1, "ML901") in [item[:4] for item in cr]
    assert cr == lf


def test_a_crlf_syntax_error_is_at_the_same_line_and_column_as_with_lf(run_minlint: RunMinlint, tmp_path: Path) -> None:
    text = HEADER + "traits:\n  email: {type: string\n  phone: {}\n"
    (tmp_path / "lf.yaml").write_text(text, encoding="utf-8", newline="\n")
    (tmp_path / "crlf.yaml").write_text(text, encoding="utf-8", newline="\r\n")
    _, document, _ = check_json(run_minlint, cwd=tmp_path)
    positions = {item["path"]: (item["line"], item["column"], item["rule"]) for item in document["findings"]}
    assert positions["crlf.yaml"] == positions["lf.yaml"]
    assert inside((tmp_path / "crlf.yaml").read_bytes(), *positions["crlf.yaml"][:2], breaks=BREAKS)


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LINE-SEPARATOR", "PARAGRAPH-SEPARATOR"])
def test_unicode_line_separators_in_a_value_do_not_shift_positions(
    run_minlint: RunMinlint, tmp_path: Path, char: str
) -> None:
    text = HEADER + f'description: "before{char}after"\ntraits:\n  email: {{type: string}}\n'
    data = text.encode("utf-8")
    (tmp_path / "spec.yaml").write_bytes(data)
    _, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert ("spec.yaml", 6, 3, "ML001") in [
        (item["path"], item["line"], item["column"], item["rule"]) for item in document["findings"]
    ]
