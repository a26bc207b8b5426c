"""Real files nobody here wrote: public tracking plans and manifests in other formats (``tests/data/corpus/``,
copied byte for byte with their sources in ``SOURCES.md``).

The files of the formats minlint reads in place (RudderStack, Segment, Snowplow, Fides datasets and systems, DCS and
ODCS data contracts) are read, whether named alone or found by walking the folder, without an error and with every
finding located in a file of the corpus; the others (a Fides policy, Buffer's kit) are not minlint specs and are
skipped — exit 0, no finding, no error.
Turned into would-be specs (``minlint: 1``, a kind and a name added, nothing else changed), every one of them is
checked and every finding is located inside its file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, RunMinlint
from tests.hostile.support import Batch, check_batch, check_json

CORPUS = REPO / "tests" / "data" / "corpus"
FILES = sorted(path.relative_to(CORPUS).as_posix() for path in CORPUS.rglob("*") if path.is_file())
FILES.remove("SOURCES.md")
READ_IN_PLACE = (
    "rudderstack/",
    "segment-typewriter/",
    "snowplow-iglu-central/",
    "fides/",
    "datacontract-specification/",
    "odcs/",
    "dbt-jaffle-shop/",
)
NOT_READ = ("fides/demo_policy.yml",)  # a Fides policy: not a dataset nor a system
PLANS = [name for name in FILES if name.startswith(READ_IN_PLACE) and name not in NOT_READ]
OTHERS = [name for name in FILES if name not in PLANS]
YAML_SKIPPED = [name for name in OTHERS if name.endswith((".yaml", ".yml"))]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the corpus outside the repository, so that no project root or git work tree around it counts."""
    folder = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def test_the_corpus_is_here_with_its_sources() -> None:
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert "33 files" in sources
    assert len(FILES) == 33
    assert len(PLANS) == 28
    for folder in {name.split("/")[0] for name in FILES}:
        assert f"| {folder}/ |" in sources


@pytest.mark.parametrize("name", OTHERS)
def test_each_corpus_file_of_another_kind_named_alone_is_skipped_as_not_a_spec(
    run_minlint: RunMinlint, corpus: Path, name: str
) -> None:
    code, document, stderr = check_json(run_minlint, name, cwd=corpus)
    # Not a minlint spec (no top-level `minlint` key), nor a plan minlint reads in place: skipped.
    assert (code, stderr) == (0, "")
    assert document["findings"] == []
    assert document["summary"]["files"] == 0


@pytest.mark.parametrize("name", PLANS)
def test_each_plan_of_a_format_read_in_place_named_alone_is_read(
    run_minlint: RunMinlint, corpus: Path, name: str
) -> None:
    code, document, stderr = check_json(run_minlint, name, cwd=corpus)
    assert (code in (0, 1), stderr) == (True, "")
    assert document["summary"]["files"] == 1
    assert document.get("errors", []) == []
    assert {item["path"] for item in document["findings"]} <= {name}
    assert "ML901" not in {item["rule"] for item in document["findings"]}


def test_the_corpus_folder_walked_once_reads_the_plans_and_skips_the_rest(
    run_minlint: RunMinlint, corpus: Path
) -> None:
    code, document, stderr = check_json(run_minlint, ".", cwd=corpus)
    assert (code, stderr, document["summary"]["files"]) == (1, "", len(PLANS))
    found = {item["path"] for item in document["findings"]}
    assert found and found <= set(PLANS)
    assert "ML901" not in {item["rule"] for item in document["findings"]}
    # Values their formats' readers cannot use: a retention period of "0" days (Fides), and retention SLAs whose
    # `element` names a table the contract does not have (ODCS).
    assert sorted((item["path"], item["rule"]) for item in document["findings"] if item["rule"] == "ML902") == [
        ("fides/system.json", "ML902"),
        ("odcs/database-table-sla.odcs.yaml", "ML902"),
        ("odcs/full-example.odcs.yaml", "ML902"),
    ]
    result = run_minlint("check", "--no-color", ".", cwd=corpus)
    assert result.returncode == 1
    assert f"({len(YAML_SKIPPED)} other YAML files skipped: not minlint specs)" in result.stdout


def _as_spec(index: int, data: bytes) -> bytes:
    """The file with a minlint header: before the first line of YAML, or inside the opening brace of JSON."""
    head = f"minlint: 1\nkind: tracking-plan\nname: corpus-{index}\n"
    if data.lstrip().startswith(b"{"):
        at = data.index(b"{") + 1
        fields = f' "minlint": 1, "kind": "tracking-plan", "name": "corpus-{index}",'.encode()
        return data[:at] + fields + data[at:]
    return head.encode() + data


@pytest.fixture(scope="module")
def would_be_specs(tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint) -> Batch:
    files = {
        f"{index:02d}-{name.replace('/', '--')}.yaml": _as_spec(index, (CORPUS / name).read_bytes())
        for index, name in enumerate(FILES)
    }
    return check_batch(run_minlint_module, tmp_path_factory.mktemp("would-be-specs"), files)


def test_corpus_files_made_into_specs_are_all_checked_with_located_findings(would_be_specs: Batch) -> None:
    assert (would_be_specs.code, would_be_specs.stderr) == (1, "")
    assert would_be_specs.document["summary"]["files"] == len(FILES)
    paths = {item["path"] for item in would_be_specs.document["findings"]}
    assert len(paths) == len(FILES)  # each has something to say about a foreign format


def test_corpus_files_made_into_specs_get_schema_findings_not_syntax_errors(would_be_specs: Batch) -> None:
    rules = {item["rule"] for item in would_be_specs.document["findings"]}
    assert "ML902" in rules
    assert "ML901" not in rules
