"""What the export tests share: exporting a folder, validating with fideslang, reading declarations back."""

from __future__ import annotations

import math
import shutil
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from fideslang.default_taxonomy import DEFAULT_TAXONOMY
from fideslang.manifests import ingest_manifests
from fideslang.models import DataCategory, Dataset, DataUse, System, Taxonomy

from minlint.loader.load import load_document
from minlint.model.basis import basis_for
from minlint.model.build import build_spec
from minlint.model.retention_by_purpose import retention_for
from minlint.model.spec import Spec
from minlint.run import Run
from minlint.run.request import Request
from minlint.vocabulary import TRACKING_PLAN
from tests.conftest import REPO, RunMinlint

EXAMPLES = REPO / "examples"
CORPUS = REPO / "tests" / "data" / "corpus"
CORPUS_DECLARATIONS = REPO / "tests" / "readers" / "data" / "corpus-declarations"
REGISTRIES = ("purposes.yaml", "recipients.yaml")


class Declared(NamedTuple):
    """What a field declares, as the round trip compares it (retention in whole days, as Fides counts it)."""

    category: str | None
    purposes: frozenset[str]
    bases: dict[str, str | None]
    days: dict[str, int | None]
    special: str | None
    recipients: frozenset[str]


def build_plan(text: str, path: str = "plan.yaml") -> Spec:
    """The model of the minlint spec ``text``, as a run builds it."""
    loaded = load_document(path, text.encode())
    assert loaded.root is not None and loaded.kind is not None, loaded.problems
    return build_spec(path, loaded.kind, loaded.root)


def project_copy(tmp_path: Path, *sources: Path) -> Path:
    """``sources`` (folders' contents, or files) copied into ``tmp_path/project``, a git repository of its own."""
    target = tmp_path / "project"
    target.mkdir()
    (target / ".git").mkdir()  # the project root, as a repository makes it
    for source in sources:
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".minlint_cache"))
        else:
            shutil.copy(source, target / source.name)
    return target


def export(run_minlint: RunMinlint, project: Path, out: Path, *extra: str) -> tuple[str, list[str]]:
    """Export ``project`` as Fides manifests into ``out`` (it must succeed): stdout, and the notes."""
    result = run_minlint("export", str(project), "--format", "fides", "--output", str(out), *extra)
    assert result.returncode == 0, result.stderr
    notes = result.stderr.splitlines()
    assert all(line.startswith("minlint: note: ") for line in notes), result.stderr
    return result.stdout, [line.removeprefix("minlint: note: ") for line in notes]


def manifests(folder: Path) -> dict[str, dict[str, Any]]:
    """Every YAML file of ``folder`` by name, parsed."""
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yml"))}


def _defined(documents: dict[str, dict[str, Any]], kind: str, builtin: list[Any]) -> set[str]:
    return {item.fides_key for item in builtin} | {
        item["fides_key"] for document in documents.values() for item in document.get(kind, [])
    }


def _field_categories(fields: list[dict[str, Any]]) -> set[str]:
    found: set[str] = set()
    for field in fields:
        found.update(field.get("data_categories") or [])
        found |= _field_categories(field.get("fields") or [])
    return found


def assert_fides_accepts(folder: Path) -> None:
    """Every exported file parses with fideslang's own models, and every key it names exists: the
    categories, data uses and data subjects in Fides's taxonomy or defined in the export, the datasets
    among the exported ones, the parents of what the export defines among either."""
    documents = manifests(folder)
    assert documents
    categories = _defined(documents, "data_category", DEFAULT_TAXONOMY.data_category)
    uses = _defined(documents, "data_use", DEFAULT_TAXONOMY.data_use)
    subjects = {item.fides_key for item in DEFAULT_TAXONOMY.data_subject}
    datasets: set[str] = set()
    for document in documents.values():
        assert set(document) <= {"dataset", "system", "data_use", "data_category"}
        for item in document.get("data_category", []):
            assert DataCategory.model_validate(item).parent_key in categories | {None}
        for item in document.get("data_use", []):
            assert DataUse.model_validate(item).parent_key in uses
        for item in document.get("dataset", []):
            dataset = Dataset.model_validate(item)
            datasets.add(dataset.fides_key)
            for collection in item["collections"]:
                assert _field_categories(collection["fields"]) <= categories
    for document in documents.values():
        for item in document.get("system", []):
            system = System.model_validate(item)
            assert set(system.dataset_references) <= datasets
            for declaration in system.privacy_declarations:
                assert declaration.data_use in uses
                assert set(declaration.data_categories) <= categories
                assert set(declaration.data_subjects) <= subjects
                assert set(declaration.dataset_references or ()) <= datasets
    Taxonomy.model_validate(ingest_manifests(str(folder)))  # the files together, as `fides` reads a folder


def declared_fields(folder: Path) -> dict[tuple[str, str], Declared]:
    """What every plan field under ``folder`` declares, by (plan name, reference), read by minlint itself."""
    analysis = Run(Request(paths=(str(folder),), use_cache=False), folder).analyse(keep_model=True)
    assert analysis.report.path_problems == ()
    found: dict[tuple[str, str], Declared] = {}
    for spec in analysis.specs:
        if spec.kind != TRACKING_PLAN:
            continue
        for target in spec.fields():
            attrs = target.attrs
            purposes = [purpose for purpose in attrs.get("purposes") or () if isinstance(purpose, str)]
            days: dict[str, int | None] = {}
            for purpose in purposes:
                kept = retention_for(attrs, purpose)
                days[purpose] = None if kept is None or kept.days is None else max(1, math.floor(kept.days + 1e-9))
            found[(spec.name, target.ref)] = Declared(
                attrs.get("category"),
                frozenset(purposes),
                {purpose: basis_for(attrs, purpose) for purpose in purposes},
                days,
                attrs.get("special_condition"),
                frozenset(attrs.get("shared_with") or ()),
            )
    return found


def read_back(project: Path, out: Path) -> dict[tuple[str, str], Declared]:
    """The fields of the export in ``out`` as minlint reads them, with the project's registries beside
    them, by (the original plan's name, reference)."""
    for name in REGISTRIES:
        if (project / name).exists():
            shutil.copy(project / name, out / name)
    (out / ".git").mkdir(exist_ok=True)
    names = {
        item["fides_key"]: item["name"] for document in manifests(out).values() for item in document.get("dataset", [])
    }
    return {(names.get(plan, plan), ref): value for (plan, ref), value in declared_fields(out).items()}
