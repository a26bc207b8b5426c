"""Each fixed word of minlint is written once, in minlint.vocabulary, and imported everywhere else."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from minlint import vocabulary
from minlint.engine.packs import builtin_rules
from tests.conftest import REPO

SOURCES = sorted((REPO / "minlint").rglob("*.py"))


def string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_the_codes_of_minlints_own_findings_are_written_only_in_the_vocabulary() -> None:
    written = [
        f"{path.relative_to(REPO)}:{line}"
        for path in SOURCES
        if path.name != "vocabulary.py"
        for line, value in string_constants(path)
        if re.fullmatch(r"ML9\d\d", value)
    ]
    assert written == []


def test_no_module_but_the_vocabulary_lists_the_spec_kinds() -> None:
    kinds = set(vocabulary.SPEC_KINDS)
    listing = []
    for path in SOURCES:
        if path.name == "vocabulary.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        slots = {  # attribute names, not kinds
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__slots__" for t in node.targets)
        }
        for node in ast.walk(tree):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and id(node) not in slots:
                values = {item.value for item in node.elts if isinstance(item, ast.Constant)}
                # Kinds listed together, and nothing else: column titles that happen to be kinds'
                # names ("purposes", "recipients" among "file", "line" …) are no listing of kinds.
                if len(values & kinds) >= 2 and values <= kinds:
                    listing.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert listing == []


def test_every_code_of_the_vocabulary_is_a_rule_of_the_files_pack() -> None:
    files_pack = {rule.id for rule in builtin_rules() if rule.pack == "files"}
    codes = {
        vocabulary.SYNTAX,
        vocabulary.SHAPE,
        vocabulary.DUPLICATE,
        *vocabulary.SUPPRESSION_CODES,
        vocabulary.UNMATCHED,
    }
    assert codes == files_pack


def test_every_spec_kind_has_a_shipped_schema() -> None:
    shipped = {path.stem for path in (REPO / "minlint" / "data" / "schemas").glob("*.json")}
    assert shipped == set(vocabulary.SCHEMA_NAMES)
