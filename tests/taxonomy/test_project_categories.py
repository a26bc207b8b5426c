"""The organisation's own categories: the ``kind: categories`` schema, reading files, merging them in."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest
import yaml

from minlint.loader.nodes import YMap
from minlint.loader.tree import parse_yaml
from minlint.schema.compiler import compile_schema
from minlint.taxonomy import Category, Taxonomy
from minlint.taxonomy.project import categories_from_document

GOOD = """\
minlint: 1
kind: categories
description: Categories of the storefront's loyalty programme.
x-owner: privacy@example.com
categories:
  user.loyalty:
    description: Loyalty programme data.
  user.loyalty.tier:
    description: The customer's loyalty tier.
    x-team: crm
  user.health_and_medical.step_count:
    description: Daily step counts from the companion app.
  user.demographic.caste:
    description: Caste, recorded for a diversity survey.
    special: true
  loyalty_programme:
    description: Aggregate programme figures.
    personal: false
  loyalty_programme.member_count:
  user.childrens.school:
    parent: user.childrens
  user.contact.email:
    description: Any email address of a customer, work or private.
"""


def schema() -> dict[str, Any]:
    text = resources.files("minlint").joinpath("data", "schemas", "categories.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def parse(text: str) -> YMap:
    parsed = parse_yaml(text)
    assert not parsed.problems
    assert isinstance(parsed.root, YMap)
    return parsed.root


def project_taxonomy(text: str = GOOD, path: str = "taxonomy/categories.yaml") -> Taxonomy:
    return Taxonomy.builtin().with_categories(categories_from_document(path, parse(text)))


# --- the schema ------------------------------------------------------------------------------------


def test_categories_schema_is_valid_draft_2020_12() -> None:
    loaded = schema()
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(loaded)


def test_categories_schema_accepts_a_good_file() -> None:
    document = yaml.safe_load(GOOD)
    errors = list(jsonschema.Draft202012Validator(schema()).iter_errors(document))
    assert errors == []
    assert compile_schema(schema()).is_valid(parse(GOOD))


@pytest.mark.parametrize(
    "document",
    [
        {"minlint": 1, "kind": "categories", "categories": {}, "categorys": {}},
        {"minlint": 1, "kind": "categories", "categories": {"user.x": {"descripton": "typo"}}},
        {"minlint": 1, "kind": "categories", "categories": {"user.x": {"name": "not a field"}}},
        {"minlint": 1, "kind": "categories"},
        {"minlint": 2, "kind": "categories", "categories": {}},
        {"minlint": 1, "kind": "purposes", "categories": {}},
        {"minlint": 1, "kind": "categories", "categories": {"user x": None}},
        {"minlint": 1, "kind": "categories", "categories": {"user..x": None}},
        {"minlint": 1, "kind": "categories", "categories": {"none": None}},
        {"minlint": 1, "kind": "categories", "categories": {"user.x": {"parent": "none"}}},
        {"minlint": 1, "kind": "categories", "categories": {"user.x": {"personal": "yes"}}},
        {"minlint": 1, "kind": "categories", "categories": {"user.x": {"regime": "art6"}}},
        {"minlint": 1, "kind": "categories", "categories": {"user.x": {"special": True, "regime": "art8"}}},
        {"minlint": 1, "kind": "categories", "categories": {"user.x": {"special": False, "regime": "art9"}}},
        {"minlint": 1, "kind": "categories", "categories": ["user.x"]},
    ],
)
def test_categories_schema_rejects_unknown_keys_and_bad_values(document: dict[str, Any]) -> None:
    assert not jsonschema.Draft202012Validator(schema()).is_valid(document)
    assert not compile_schema(schema()).is_valid(document)


def test_categories_schema_allows_x_keys_where_keywords_are_expected() -> None:
    document = {"minlint": 1, "kind": "categories", "x-a": 1, "categories": {"user.x": {"x-b": 2}}}
    assert jsonschema.Draft202012Validator(schema()).is_valid(document)


def test_categories_schema_documents_every_property_for_editors() -> None:
    loaded = schema()
    entry = loaded["$defs"]["categoryEntry"]
    for properties in (loaded["properties"], entry["properties"]):
        for name, definition in properties.items():
            assert definition.get("title") and definition.get("description"), name


# --- reading a file --------------------------------------------------------------------------------


def test_categories_are_read_in_file_order_with_their_positions() -> None:
    found = categories_from_document("cats.yaml", parse(GOOD))
    assert [category.key for category in found][:3] == [
        "user.loyalty",
        "user.loyalty.tier",
        "user.health_and_medical.step_count",
    ]
    tier = found[1]
    assert (tier.line, tier.column) == (8, 3)
    assert tier.source == "cats.yaml"
    assert tier.parent == "user.loyalty"
    assert tier.description == "The customer's loyalty tier."
    assert tier.personal is None  # inherited later, from the parent chain
    assert tier.special is False
    assert tier.regime is None


def test_a_null_entry_takes_every_default() -> None:
    (category,) = categories_from_document(
        "c.yaml", parse("minlint: 1\nkind: categories\ncategories:\n  acme.widget:\n")
    )
    assert category == Category(
        key="acme.widget",
        parent="acme",
        name="",
        description="",
        personal=None,
        special=False,
        regime=None,
        source="c.yaml",
        line=4,
        column=3,
    )


def test_a_root_key_has_no_parent() -> None:
    (category,) = categories_from_document("c.yaml", {"categories": {"acme": {"personal": False}}})
    assert category.parent is None
    assert category.personal is False
    assert (category.line, category.column) == (None, None)


def test_explicit_marks_override_the_mappings_own() -> None:
    root = {"categories": {"acme": None}}
    (category,) = categories_from_document("c.yaml", root, {"acme": (10, 5, 10, 11)})
    assert (category.line, category.column) == (10, 5)


def test_special_implies_art9_and_art9_implies_special() -> None:
    found = categories_from_document(
        "c.yaml",
        {"categories": {"user.a": {"special": True}, "user.b": {"regime": "art9"}, "user.c": {"regime": "art8"}}},
    )
    assert [(category.special, category.regime) for category in found] == [
        (True, "art9"),
        (True, "art9"),
        (False, "art8"),
    ]


def test_a_document_without_categories_gives_none() -> None:
    assert categories_from_document("c.yaml", {"minlint": 1, "kind": "categories"}) == []
    assert categories_from_document("c.yaml", {"categories": None}) == []


# --- merged into the taxonomy ----------------------------------------------------------------------


def test_project_categories_become_known_and_leave_the_builtin_taxonomy_alone() -> None:
    taxonomy = project_taxonomy()
    assert taxonomy.is_known("user.loyalty.tier")
    assert not Taxonomy.builtin().is_known("user.loyalty.tier")
    assert len(taxonomy) == len(Taxonomy.builtin()) + 7
    assert "user.loyalty.tier" in taxonomy
    assert "user.loyalty.tier" in list(taxonomy)


def test_a_new_key_under_a_builtin_parent_inherits_personal() -> None:
    taxonomy = project_taxonomy()
    assert taxonomy.personal("user.loyalty") is True
    assert taxonomy.personal("user.loyalty.tier") is True
    assert not taxonomy.special("user.loyalty.tier")
    category = taxonomy.get("user.loyalty.tier")
    assert category is not None and category.personal is True
    assert category.name == "Tier"
    assert category.source == "taxonomy/categories.yaml"


def test_a_new_key_under_a_special_parent_is_special_without_saying_so() -> None:
    taxonomy = project_taxonomy()
    assert taxonomy.special("user.health_and_medical.step_count")
    assert taxonomy.regime("user.health_and_medical.step_count") == "art9"
    assert taxonomy.personal("user.health_and_medical.step_count") is True


def test_a_new_key_can_be_declared_special() -> None:
    taxonomy = project_taxonomy()
    assert taxonomy.special("user.demographic.caste")
    assert taxonomy.regime("user.demographic.caste") == "art9"
    assert taxonomy.special("user.demographic.caste.subgroup")
    assert not taxonomy.special("user.demographic")


def test_a_new_key_inherits_the_regime_of_its_parent() -> None:
    taxonomy = project_taxonomy()
    assert taxonomy.regime("user.childrens.school") == "art8"
    assert not taxonomy.special("user.childrens.school")


def test_a_new_root_can_be_non_personal_and_its_children_inherit_that() -> None:
    taxonomy = project_taxonomy()
    assert taxonomy.personal("loyalty_programme") is False
    assert taxonomy.personal("loyalty_programme.member_count") is False
    assert taxonomy.personal("loyalty_programme.member_count.daily") is False


def test_a_project_category_overriding_a_builtin_key_replaces_it() -> None:
    taxonomy = project_taxonomy()
    email = taxonomy.get("user.contact.email")
    assert email is not None
    assert email.source == "taxonomy/categories.yaml"
    assert email.description == "Any email address of a customer, work or private."
    assert (email.line, email.column) == (22, 3)
    assert email.name == "User Contact Email"  # the file gives no name: the built-in one stays
    assert email.personal is True
    assert len(taxonomy) == len(Taxonomy.builtin()) + 7


def test_an_override_cannot_declassify_a_builtin_special_category() -> None:
    text = "minlint: 1\nkind: categories\ncategories:\n  user.biometric:\n    description: Ours.\n    special: false\n"
    taxonomy = project_taxonomy(text)
    biometric = taxonomy.get("user.biometric")
    assert biometric is not None and biometric.description == "Ours."
    assert taxonomy.special("user.biometric")
    assert taxonomy.special("user.biometric.voice")
    assert taxonomy.regime("user.biometric") == "art9"


def test_an_override_can_change_personal_and_it_flows_to_children() -> None:
    text = "minlint: 1\nkind: categories\ncategories:\n  system.operations:\n    personal: true\n"
    taxonomy = project_taxonomy(text)
    assert taxonomy.personal("system.operations") is True
    assert taxonomy.personal("system.operations.logs") is True
    assert taxonomy.personal("system.authentication") is False


def test_an_override_of_a_parent_reaches_builtin_children_that_inherit() -> None:
    extra = [
        Category("acme", None, "", "", True, False, None, "a.yaml"),
        Category("acme.x", "acme", "", "", None, False, None, "a.yaml"),
    ]
    base = Taxonomy.builtin().with_categories(extra)
    assert base.personal("acme.x") is True
    flipped = base.with_categories([Category("acme", None, "", "", False, False, None, "b.yaml")])
    assert flipped.personal("acme.x") is False
    assert base.personal("acme.x") is True


def test_an_unknown_parent_under_a_known_root_inherits_from_that_root() -> None:
    # `user.rewards` is declared nowhere: `user.rewards.points` still sits under `user`.
    extra = categories_from_document("c.yaml", {"categories": {"user.rewards.points": None}})
    taxonomy = Taxonomy.builtin().with_categories(extra)
    assert taxonomy.is_known("user.rewards.points")
    assert not taxonomy.is_known("user.rewards")
    assert taxonomy.personal("user.rewards.points") is True
    category = taxonomy.get("user.rewards.points")
    assert category is not None and category.parent == "user.rewards"


def test_an_unknown_parent_with_no_known_ancestor_leaves_personal_undecided() -> None:
    extra = categories_from_document("c.yaml", {"categories": {"acme.widget": {"parent": "acme"}}})
    taxonomy = Taxonomy.builtin().with_categories(extra)
    assert taxonomy.is_known("acme.widget")
    assert taxonomy.personal("acme.widget") is None
    assert not taxonomy.special("acme.widget")
    assert taxonomy.regime("acme.widget") is None


def test_an_explicit_parent_other_than_the_key_prefix_is_followed() -> None:
    extra = categories_from_document(
        "c.yaml", {"categories": {"wellbeing.mood": {"parent": "user.health_and_medical"}}}
    )
    taxonomy = Taxonomy.builtin().with_categories(extra)
    assert taxonomy.special("wellbeing.mood")
    assert taxonomy.personal("wellbeing.mood") is True


def test_a_parent_cycle_does_not_hang() -> None:
    extra = categories_from_document(
        "c.yaml", {"categories": {"a": {"parent": "b"}, "b": {"parent": "a"}, "c": {"parent": "c"}}}
    )
    taxonomy = Taxonomy.builtin().with_categories(extra)
    assert taxonomy.personal("a") is None
    assert taxonomy.personal("c") is None


def test_a_very_long_parent_chain_does_not_exhaust_the_stack() -> None:
    count = 5000
    extra = [Category(f"k{i}", f"k{i - 1}" if i else "user", "", "", None, False, None, "c.yaml") for i in range(count)]
    taxonomy = Taxonomy.builtin().with_categories(extra)
    assert taxonomy.personal(f"k{count - 1}") is True


def test_a_later_project_category_with_the_same_key_wins() -> None:
    first = Category("user.tier", "user", "", "first", None, False, None, "a.yaml")
    second = Category("user.tier", "user", "", "second", None, False, None, "b.yaml")
    taxonomy = Taxonomy.builtin().with_categories([first, second])
    tier = taxonomy.get("user.tier")
    assert tier is not None and tier.description == "second"


def test_suggest_knows_project_categories() -> None:
    taxonomy = project_taxonomy()
    assert taxonomy.suggest("user.loyalty.teir") == "user.loyalty.tier"


def test_the_example_in_the_docs_is_valid_and_means_what_the_docs_say() -> None:
    from tests.conftest import REPO

    page = (REPO / "docs" / "taxonomy.md").read_text(encoding="utf-8")
    blocks = [block.split("```")[0] for block in page.split("```yaml\n")[1:]]
    (text,) = [block for block in blocks if "kind: categories" in block]
    assert jsonschema.Draft202012Validator(schema()).is_valid(yaml.safe_load(text))
    taxonomy = project_taxonomy(text)
    assert taxonomy.personal("user.loyalty.tier") is True
    assert taxonomy.special("user.health_and_medical.step_count")
    assert taxonomy.regime("user.demographic.caste") == "art9"
    assert taxonomy.personal("loyalty_programme.member_count") is False


def test_every_override_of_a_builtin_special_category_keeps_it_special() -> None:
    def ours(path: str) -> Category:
        return Category("user.biometric", "user", "", path, None, False, None, path)

    twice = Taxonomy.builtin().with_categories([ours("a.yaml"), ours("b.yaml")])
    chained = Taxonomy.builtin().with_categories([ours("a.yaml")]).with_categories([ours("b.yaml")])
    for taxonomy in (twice, chained):
        biometric = taxonomy.get("user.biometric")
        assert biometric is not None and biometric.source == "b.yaml"
        assert biometric.special and biometric.regime == "art9"
        assert biometric.name == "Biometric Data"
