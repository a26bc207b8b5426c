"""Multi-document files (``---``), document markers, end markers and directives.

A spec is one YAML document: a second document is ML902 at its ``---`` and is never read (so nothing in it —
a syntax error, an alias bomb — can hurt). Markers around a single document are fine. Whether a file is a spec
is decided by its first document: a stream whose first document is not a spec is skipped (like a multi-document
Kubernetes manifest). Directives: ``%YAML 1.1``/``1.2`` are accepted; an unknown version or a ``%TAG`` that
smuggles in a Python tag gives a located finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunMinlint
from tests.hostile.support import VALID_PLAN, Batch, check_batch, check_json

SECOND_AT = VALID_PLAN.count("\n") + 1  # the line of a `---` right after the plan

# name: (text, expected (line, column, rule) findings)
DOCUMENTS: dict[str, tuple[str, list[tuple[int, int, str]]]] = {
    "two-specs": (VALID_PLAN + "---\n" + VALID_PLAN, [(SECOND_AT, 1, "ML902")]),
    "spec-then-other-yaml": (VALID_PLAN + "---\nother: 1\n", [(SECOND_AT, 1, "ML902")]),
    "three-documents": (VALID_PLAN + "---\na: 1\n---\nb: 2\n", [(SECOND_AT, 1, "ML902")]),
    "second-document-is-broken": (VALID_PLAN + "---\n{[ unclosed\n", [(SECOND_AT, 1, "ML902")]),
    # The reader checks characters ahead of the parser: a character YAML forbids is found even there.
    "second-document-has-a-forbidden-character": (VALID_PLAN + "---\n@@@ \x07\n", [(SECOND_AT + 1, 5, "ML901")]),
    "second-document-after-an-end-marker": (VALID_PLAN + "...\n---\na: 1\n", [(SECOND_AT + 1, 1, "ML902")]),
    "second-document-without-an-end-or-start-marker-is-one-document": (
        VALID_PLAN + "other: 1\n",
        [(SECOND_AT, 1, "ML902")],
    ),
    "leading-start-marker": ("---\n" + VALID_PLAN, []),
    "comments-then-a-start-marker": ("# header\n\n---\n" + VALID_PLAN, []),
    "start-and-end-markers": ("---\n" + VALID_PLAN + "...\n", []),
    "end-marker-then-comments": (VALID_PLAN + "...\n# trailing comment\n", []),
    "end-marker-then-text": (VALID_PLAN + "...\n@@@\n", [(SECOND_AT + 1, 1, "ML901")]),
    "yaml-1-1-directive": ("%YAML 1.1\n---\n" + VALID_PLAN, []),
    "yaml-1-2-directive": ("%YAML 1.2\n---\n" + VALID_PLAN, []),
    "unknown-yaml-version": ("%YAML 2.0\n---\n" + VALID_PLAN, [(1, 1, "ML901")]),
    "directive-without-a-start-marker": ("%YAML 1.1\n" + VALID_PLAN, [(2, 1, "ML901")]),
    "tag-directive-smuggling-a-python-tag": (
        "%TAG !py! tag:yaml.org,2002:python/object/apply:\n---\n" + VALID_PLAN + "x-p: !py!os.system [id]\n",
        [(SECOND_AT + 2, 6, "ML902")],
    ),
    "python-tag-on-the-document": ("--- !!python/object:os.system\n" + VALID_PLAN, [(1, 5, "ML902")]),
    "spec-written-after-a-start-marker-in-flow-style": (
        "--- {minlint: 1, kind: tracking-plan, name: flow}\n",
        [],
    ),
    # An empty first document would hide the spec after it: reported where the spec starts.
    "empty-first-document": ("---\n---\n" + VALID_PLAN, [(2, 1, "ML902")]),
    "comment-only-first-document": ("# a header\n---\n...\n---\n" + VALID_PLAN, [(4, 1, "ML902")]),
}

# The first document decides (see the module docstring): these are skipped, not specs.
FIRST_DOCUMENT_IS_NOT_A_SPEC: dict[str, str] = {
    "kubernetes-like-stream": "apiVersion: v1\nkind: Service\n---\n" + VALID_PLAN,
    "empty-first-document-then-no-spec": "---\n---\napiVersion: v1\nkind: Service\n",
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint) -> Batch:
    files = {f"{name}.yaml": text for name, (text, _) in DOCUMENTS.items()}
    files.update({f"skipped-{name}.yaml": text for name, text in FIRST_DOCUMENT_IS_NOT_A_SPEC.items()})
    return check_batch(run_minlint_module, tmp_path_factory.mktemp("documents"), files)


@pytest.mark.parametrize(
    ("name", "expected"), [(name, case[1]) for name, case in DOCUMENTS.items()], ids=list(DOCUMENTS)
)
def test_multi_document_file_has_the_expected_located_findings(
    documents: Batch, name: str, expected: list[tuple[int, int, str]]
) -> None:
    assert documents.located(f"{name}.yaml") == expected


def test_a_second_document_is_named_in_the_message(documents: Batch) -> None:
    (finding,) = documents.findings("two-specs.yaml")
    assert "a spec file holds one YAML document, but a second one starts here" in finding["message"]


@pytest.mark.parametrize("name", list(FIRST_DOCUMENT_IS_NOT_A_SPEC))
def test_a_stream_whose_first_document_is_not_a_spec_is_skipped(documents: Batch, name: str) -> None:
    assert documents.findings(f"skipped-{name}.yaml") == []


def test_every_file_whose_first_document_is_a_spec_is_counted_as_one(documents: Batch) -> None:
    assert documents.document["summary"]["files"] == len(DOCUMENTS)
    assert (documents.code, documents.stderr) == (1, "")


def test_a_spec_stream_in_windows_line_endings_is_located_the_same(run_minlint: RunMinlint, tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(VALID_PLAN + "---\n" + VALID_PLAN, encoding="utf-8", newline="\r\n")
    _, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert [(item["line"], item["column"], item["rule"]) for item in document["findings"]] == [(SECOND_AT, 1, "ML902")]
