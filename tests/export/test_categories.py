"""The data categories an export defines: those of its fields Fides's taxonomy lacks."""

from __future__ import annotations

from minlint.export.categories import category_resources
from minlint.taxonomy import Category, Taxonomy


def project_taxonomy(*categories: Category) -> Taxonomy:
    return Taxonomy.builtin().with_categories(categories)


def test_fides_own_categories_need_no_definition() -> None:
    assert category_resources(["user.contact.email", "system.operations"], Taxonomy.builtin()) == ([], [])


def test_none_is_defined_as_not_personal_data() -> None:
    resources, notes = category_resources(["none"], Taxonomy.builtin())
    assert resources == [
        {
            "fides_key": "none",
            "name": "Not personal data",
            "description": "Data the specs declare is not personal data (minlint's `category: none`).",
        }
    ]
    assert notes == []


def test_minlints_own_additions_are_defined_below_their_fides_parent() -> None:
    (resource,), _ = category_resources(["user.demographic.sex_life"], Taxonomy.builtin())
    assert resource["fides_key"] == "user.demographic.sex_life"
    assert resource["parent_key"] == "user.demographic"


def test_a_project_category_is_defined_with_the_levels_above_it_nobody_declared() -> None:
    tier = Category("user.loyalty.tier", "user.loyalty", "", "The loyalty tier", True, False, None, "categories.yaml")
    resources, _ = category_resources(["user.loyalty.tier"], project_taxonomy(tier))
    assert resources == [
        {"fides_key": "user.loyalty", "name": "Loyalty", "parent_key": "user"},
        {
            "fides_key": "user.loyalty.tier",
            "name": "Tier",
            "description": "The loyalty tier",
            "parent_key": "user.loyalty",
        },
    ]


def test_a_project_that_restates_a_fides_category_defines_nothing() -> None:
    email = Category("user.contact.email", None, "", "Ours", None, False, None, "categories.yaml")
    assert category_resources(["user.contact.email"], project_taxonomy(email)) == ([], [])


def test_a_category_no_taxonomy_knows_is_written_as_it_is_with_a_note() -> None:
    resources, notes = category_resources(["user.contactt.email"], Taxonomy.builtin())
    assert resources == []
    assert notes == [
        "category `user.contactt.email` is in no taxonomy minlint knows: written as it is, and Fides refuses it until "
        "it is corrected or defined (`minlint check` reports it)"
    ]
