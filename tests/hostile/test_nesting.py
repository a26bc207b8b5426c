"""Nesting 10,000 levels deep, in every YAML style: refused quickly with one located ML902, never a
RecursionError or a crash; nesting under the limit (200 levels) is read normally.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from minlint.loader.load import load_document
from tests.conftest import RunMinlint
from tests.hostile.support import HEADER, Batch, check_batch, check_json, run_measured

DEEP = 10_000
HALF = DEEP // 2

NESTED: dict[str, str] = {
    "flow-sequences": "x-deep: " + "[" * DEEP + "]" * DEEP + "\n",
    "flow-mappings": "x-deep: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n",
    "block-sequences-on-one-line": "x-deep:\n  " + "- " * DEEP + "x\n",
    "flow-sequences-of-mappings": "x-deep: " + "[{a: " * HALF + "1" + "}]" * HALF + "\n",
    "unclosed-flow-sequences": "x-deep: " + "[" * DEEP + "\n",
    "unclosed-flow-mappings": "x-deep: " + "{" * DEEP + "\n",
    "nested-field-properties": "events:\n  E:\n    properties: "
    + "{a: {properties: " * HALF
    + "{}"
    + "}}" * HALF
    + "\n",
    "as-a-complex-mapping-key": "? " + "[" * DEEP + "]" * DEEP + "\n: x\n",
    "in-a-spec-written-in-flow-style": "",  # the whole spec is one flow mapping, see _text
    "block-mappings-300-levels": "x-deep:\n" + "".join("  " * level + "a:\n" for level in range(1, 300)),
}


def _text(name: str) -> str:
    if name == "in-a-spec-written-in-flow-style":
        return "{minlint: 1, kind: tracking-plan, name: p, x-deep: " + "[" * DEEP + "]" * DEEP + "}\n"
    return HEADER + NESTED[name]


@pytest.fixture(scope="module")
def deep_batch(tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint) -> Batch:
    files = {f"{name}.yaml": _text(name) for name in NESTED}
    return check_batch(run_minlint_module, tmp_path_factory.mktemp("deep"), files)


@pytest.mark.parametrize("name", list(NESTED))
def test_nesting_10000_levels_deep_is_one_located_ml902(deep_batch: Batch, name: str) -> None:
    (finding,) = deep_batch.findings(f"{name}.yaml")
    assert finding["rule"] == "ML902"
    assert "nested" in finding["message"]


def test_every_deep_file_is_refused_by_the_nesting_limit_not_by_a_syntax_error(deep_batch: Batch) -> None:
    messages = [item["message"] for item in deep_batch.document["findings"]]
    assert all("nested" in message and "deep" in message for message in messages), messages
    assert (deep_batch.code, deep_batch.stderr) == (1, "")


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("name", list(NESTED))
def test_nesting_is_refused_quickly_by_both_parsers(name: str, pure: bool) -> None:
    started = time.perf_counter()
    loaded = load_document("spec.yaml", _text(name).encode(), pure=pure)
    # libyaml (the default) takes about a millisecond; PyYAML's pure-Python scanner up to half a second.
    assert time.perf_counter() - started < (1.5 if pure else 0.2)
    (problem,) = loaded.problems
    assert problem.code == "ML902"
    assert "nested" in problem.message


def test_deep_nesting_through_the_cli_takes_little_time_and_memory(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(_text("flow-sequences"), encoding="utf-8")
    result = run_measured("check", "--format", "json", "spec.yaml", cwd=tmp_path)
    assert result.code == 1
    assert result.seconds < 5
    assert result.max_rss_mb < 80  # about 25 MB here, as for any small file
    (finding,) = result.json["findings"]
    assert (finding["rule"], finding["line"]) == ("ML902", 4)


def test_nesting_under_the_limit_is_read(run_minlint: RunMinlint, tmp_path: Path) -> None:
    text = HEADER + "x-deep: " + "[" * 190 + "]" * 190 + "\n"
    text += "events:\n  E:\n    defaults: {purpose: a, basis: consent, retention: P1Y, category: none}\n"
    text += "    properties: " + "{a: {properties: " * 20 + "{leaf: {}}" + "}}" * 20 + "\n"
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    code, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert (code, document["findings"]) == (0, [])
    assert document["summary"]["fields"] == 21
