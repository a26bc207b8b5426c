"""Duplicate keys at every level of every kind of spec: each is ML903 at the second key, naming the first.

YAML parsers silently keep one of two equal keys, so a duplicate silently loses a declaration; minlint
must say so wherever it happens. A list is not a mapping: repeated items of a campaign's ``uses`` are not
duplicate keys. A merge key (``<<``) followed by an explicit key overrides it, which is not a duplicate.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunMinlint
from tests.hostile.support import Batch, check_batch, check_json

PLAN = "minlint: 1\nkind: tracking-plan\nname: web\n"
CAMPAIGN = "minlint: 1\nkind: campaign\nname: winback\npurpose: marketing\nbasis: consent\n"
PURPOSES = "minlint: 1\nkind: purposes\npurposes:\n"
CATEGORIES = "minlint: 1\nkind: categories\ncategories:\n"
RULES = "minlint: 1\nkind: rules\nname: own\n"

# name: (spec text, duplicated key, (line, column) of the duplicate, line of the first)
DUPLICATES: dict[str, tuple[str, str, tuple[int, int], int]] = {
    "top-level-of-a-plan": (PLAN + "name: shop\n", "name", (4, 1), 3),
    "top-level-kind": (PLAN + "kind: campaign\n", "kind", (4, 1), 2),
    "top-level-minlint": (PLAN + "minlint: 1\n", "minlint", (4, 1), 1),
    "plan-defaults": (PLAN + "defaults:\n  basis: consent\n  basis: contract\n", "basis", (6, 3), 5),
    "context-field-name": (PLAN + "context:\n  ip: {type: string}\n  ip: {type: string}\n", "ip", (6, 3), 5),
    "traits-field-name": (PLAN + "traits:\n  email: {}\n  email: {}\n", "email", (6, 3), 5),
    "event-name": (PLAN + "events:\n  Signed Up: {}\n  Signed Up: {}\n", "Signed Up", (6, 3), 5),
    "event-key": (PLAN + "events:\n  Signed Up:\n    description: a\n    description: b\n", "description", (7, 5), 6),
    "event-defaults": (
        PLAN + "events:\n  Signed Up:\n    defaults:\n      purpose: a\n      purpose: b\n",
        "purpose",
        (8, 7),
        7,
    ),
    "event-property-name": (
        PLAN + "events:\n  Signed Up:\n    properties:\n      plan: {}\n      plan: {}\n",
        "plan",
        (8, 7),
        7,
    ),
    "field-key-in-a-flow-mapping": (
        PLAN + "traits:\n  email: {type: string, type: number}\n",
        "type",
        (5, 25),
        5,
    ),
    "nested-field-name": (
        PLAN + "traits:\n  address:\n    properties:\n      city: {}\n      city: {}\n",
        "city",
        (8, 7),
        7,
    ),
    "nested-field-key": (
        PLAN + "traits:\n  address:\n    properties:\n      city:\n        type: string\n        type: string\n",
        "type",
        (9, 9),
        8,
    ),
    "array-items-key": (
        PLAN + "traits:\n  tags:\n    type: array\n    items:\n      type: string\n      type: number\n",
        "type",
        (9, 7),
        8,
    ),
    "array-items-property-name": (
        PLAN + "traits:\n  cart:\n    type: array\n    items:\n      properties:\n        sku: {}\n        sku: {}\n",
        "sku",
        (10, 9),
        9,
    ),
    "basis-mapping-purpose": (
        PLAN + "traits:\n  email:\n    basis: {marketing: consent, marketing: contract}\n",
        "marketing",
        (6, 33),
        6,
    ),
    "retention-mapping-key": (
        PLAN + "traits:\n  email:\n    retention:\n      duration: P1Y\n      duration: P2Y\n",
        "duration",
        (8, 7),
        7,
    ),
    "same-key-quoted-and-plain": (PLAN + "traits:\n  email: {}\n  'email': {}\n", "email", (6, 3), 5),
    "campaign-top-level": (CAMPAIGN + "purpose: analytics\n", "purpose", (6, 1), 4),
    "campaign-collects-field-name": (
        CAMPAIGN + "collects:\n  code: {retention: P1Y}\n  code: {retention: P1Y}\n",
        "code",
        (8, 3),
        7,
    ),
    "purposes-registry-entry": (
        PURPOSES + "  marketing: {bases: [consent]}\n  marketing: {bases: [contract]}\n",
        "marketing",
        (5, 3),
        4,
    ),
    "purpose-entry-key": (
        PURPOSES + "  marketing:\n    bases: [consent]\n    bases: [contract]\n",
        "bases",
        (6, 5),
        5,
    ),
    "categories-entry": (
        CATEGORIES + "  user.loyalty.tier: {personal: true}\n  user.loyalty.tier: {personal: false}\n",
        "user.loyalty.tier",
        (5, 3),
        4,
    ),
    "category-entry-key": (
        CATEGORIES + "  user.loyalty.tier:\n    personal: true\n    personal: false\n",
        "personal",
        (6, 5),
        5,
    ),
    "rule-pack-rule-key": (
        RULES + "rules:\n  - id: OWN001\n    id: OWN002\n",
        "id",
        (6, 5),
        5,
    ),
}


@pytest.fixture(scope="module")
def duplicate_batch(tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint) -> Batch:
    """Every case of ``DUPLICATES`` as its own file, checked in one run."""
    files = {f"{name}.yaml": text for name, (text, _, _, _) in DUPLICATES.items()}
    return check_batch(run_minlint_module, tmp_path_factory.mktemp("duplicates"), files)


@pytest.mark.parametrize(
    ("name", "key", "where", "first"), [(name, *case[1:]) for name, case in DUPLICATES.items()], ids=list(DUPLICATES)
)
def test_duplicate_key_is_ml903_at_the_second_key_naming_the_first(
    duplicate_batch: Batch, name: str, key: str, where: tuple[int, int], first: int
) -> None:
    duplicates = [item for item in duplicate_batch.findings(f"{name}.yaml") if item["rule"] == "ML903"]
    assert [(item["line"], item["column"]) for item in duplicates] == [where]
    assert f"duplicate key `{key}` (first defined at line {first})" in duplicates[0]["message"]


def test_the_run_over_all_duplicates_fails_with_findings_and_no_error(duplicate_batch: Batch) -> None:
    assert (duplicate_batch.code, duplicate_batch.stderr) == (1, "")


def test_a_key_written_three_times_gives_two_findings_both_naming_the_first(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    (tmp_path / "spec.yaml").write_text(PLAN + "traits:\n  a: {}\n  a: {}\n  a: {}\n", encoding="utf-8")
    _, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    duplicates = [item for item in document["findings"] if item["rule"] == "ML903"]
    assert [(item["line"], "first defined at line 5" in item["message"]) for item in duplicates] == [
        (6, True),
        (7, True),
    ]


def test_duplicates_at_every_level_of_one_file_are_all_reported(run_minlint: RunMinlint, tmp_path: Path) -> None:
    text = (
        PLAN
        + "name: again\n"  # 4
        + "defaults:\n  retention: P1Y\n  retention: P2Y\n"  # 7
        + "events:\n  E:\n    properties:\n      a:\n        properties:\n          b: {}\n          b: {}\n"  # 14
        + "  E: {}\n"  # 15
    )
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    _, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert [item["line"] for item in document["findings"] if item["rule"] == "ML903"] == [4, 7, 14, 15]


def test_repeated_items_of_campaign_uses_are_not_duplicate_keys(run_minlint: RunMinlint, tmp_path: Path) -> None:
    plan = PLAN + "traits:\n  email: {purpose: marketing, basis: consent, retention: P1Y, category: none}\n"
    campaign = CAMPAIGN + "uses:\n  - traits.email\n  - traits.email\n  - web:traits.email\n"
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "campaign.yaml").write_text(campaign, encoding="utf-8")
    code, document, _ = check_json(run_minlint, ".", cwd=tmp_path)
    assert "ML903" not in {item["rule"] for item in document["findings"]}
    assert code in (0, 1)


def test_an_explicit_key_after_a_merge_key_overrides_it_and_is_not_a_duplicate(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    text = (
        PLAN
        + "x-base: &base {purpose: marketing, basis: consent, retention: P1Y, category: none}\n"
        + "traits:\n  email:\n    <<: *base\n    retention: P2Y\n"
    )
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    code, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert (code, document["findings"]) == (0, [])


def test_the_same_field_in_two_files_is_not_a_duplicate_key(run_minlint: RunMinlint, tmp_path: Path) -> None:
    field = "traits:\n  email: {purpose: marketing, basis: consent, retention: P1Y, category: none}\n"
    (tmp_path / "a.yaml").write_text(PLAN + field, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(PLAN + field, encoding="utf-8")
    code, document, _ = check_json(run_minlint, ".", cwd=tmp_path)
    assert (code, document["findings"]) == (0, [])
