"""The built-in data-category taxonomy: shipped data, GDPR flags, key hierarchy, lookups."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from minlint.taxonomy import NONE_CATEGORY, Category, Taxonomy, covers
from minlint.taxonomy.convert import ADDITIONS, convert_categories, convert_data_uses, dumps
from tests.conftest import REPO
from tests.helpers import run_python

DATA = REPO / "minlint" / "data"

# GDPR Art. 9(1), by fideslang key (each covers its descendants), and minlint's three additions.
ART9_FIDESLANG = [
    "user.health_and_medical",
    "user.health_and_medical.genetic",
    "user.health_and_medical.insurance_beneficiary_id",
    "user.health_and_medical.record_id",
    "user.biometric",
    "user.biometric.fingerprint",
    "user.biometric.health",
    "user.biometric.retinal",
    "user.biometric.voice",
    "user.authorization.biometric",
    "user.demographic.race_ethnicity",
    "user.demographic.religious_belief",
    "user.demographic.political_opinion",
    "user.demographic.sexual_orientation",
]
ART9_ADDED = [
    "user.demographic.trade_union_membership",
    "user.demographic.philosophical_belief",
    "user.demographic.sex_life",
]
FIDESLANG_CATEGORIES = 85
ATTRIBUTION = "Fides Taxonomy Language (fideslang), © Ethyca, CC BY 4.0"
FIDESLANG_COMMIT = "40394c46599745a6b8f14d069889fddfa2651409"


def shipped(name: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return entries


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.builtin()


# --- GDPR flags ------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ART9_FIDESLANG + ART9_ADDED)
def test_every_art9_category_is_special_personal_data_under_art9(taxonomy: Taxonomy, key: str) -> None:
    category = taxonomy.get(key)
    assert category is not None
    assert category.special and category.regime == "art9" and category.personal
    assert taxonomy.special(key)
    assert taxonomy.regime(key) == "art9"
    assert taxonomy.personal(key) is True


@pytest.mark.parametrize("key", ART9_ADDED)
def test_the_three_art9_additions_are_minlints_own_under_user_demographic(taxonomy: Taxonomy, key: str) -> None:
    category = taxonomy.get(key)
    assert category is not None
    assert category.source == "minlint"
    assert category.parent == "user.demographic"
    assert category.name and category.description


def test_only_the_art9_categories_are_special(taxonomy: Taxonomy) -> None:
    special = {key for key in taxonomy if taxonomy.special(key)}
    assert special == set(ART9_FIDESLANG + ART9_ADDED)


def test_the_rest_of_user_authorization_and_demographic_is_not_special(taxonomy: Taxonomy) -> None:
    for key in ("user.authorization", "user.authorization.password", "user.demographic", "user.demographic.gender"):
        assert not taxonomy.special(key), key
        assert taxonomy.regime(key) is None, key


def test_childrens_data_is_art8_and_not_special(taxonomy: Taxonomy) -> None:
    assert taxonomy.regime("user.childrens") == "art8"
    assert not taxonomy.special("user.childrens")
    assert taxonomy.personal("user.childrens") is True


def test_criminal_history_is_art10_and_not_special(taxonomy: Taxonomy) -> None:
    assert taxonomy.regime("user.criminal_history") == "art10"
    assert not taxonomy.special("user.criminal_history")
    assert taxonomy.personal("user.criminal_history") is True


def test_everything_under_user_is_personal_and_nothing_under_system(taxonomy: Taxonomy) -> None:
    for key in taxonomy:
        assert taxonomy.personal(key) is covers("user", key), key
    assert taxonomy.personal("system.operations") is False
    assert taxonomy.personal("system.authentication.token") is False


def test_none_is_known_not_personal_not_special_and_not_a_category(taxonomy: Taxonomy) -> None:
    assert taxonomy.is_known(NONE_CATEGORY)
    assert taxonomy.personal(NONE_CATEGORY) is False
    assert not taxonomy.special(NONE_CATEGORY)
    assert taxonomy.regime(NONE_CATEGORY) is None
    assert taxonomy.resolve(NONE_CATEGORY) is None
    assert taxonomy.get(NONE_CATEGORY) is None
    assert NONE_CATEGORY not in taxonomy
    assert NONE_CATEGORY not in list(taxonomy)
    assert taxonomy.suggest(NONE_CATEGORY) is None


def test_none_does_not_cover_keys_below_it(taxonomy: Taxonomy) -> None:
    assert taxonomy.resolve("none.thing") is None
    assert not taxonomy.is_known("none.thing")


# --- key hierarchy ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("general", "specific", "expected"),
    [
        ("user.contact", "user.contact.email", True),
        ("user", "user.contact.address.city", True),
        ("user.contact.email", "user.contact.email", True),
        ("user.contact.email", "user.contact", False),
        ("user.contact", "user.contacts", False),
        ("user.contact", "user.contact_email", False),
        ("system", "user.system", False),
    ],
)
def test_a_key_covers_itself_and_its_descendants_only(general: str, specific: str, expected: bool) -> None:
    assert covers(general, specific) is expected


def test_resolve_finds_the_exact_key(taxonomy: Taxonomy) -> None:
    found = taxonomy.resolve("user.contact.email")
    assert found is not None and found.key == "user.contact.email"


def test_resolve_falls_back_to_the_nearest_known_ancestor(taxonomy: Taxonomy) -> None:
    work = taxonomy.resolve("user.contact.email.work")
    assert work is not None and work.key == "user.contact.email"
    deep = taxonomy.resolve("user.health_and_medical.lab.results.hba1c")
    assert deep is not None and deep.key == "user.health_and_medical"
    assert taxonomy.special("user.health_and_medical.lab.results.hba1c")
    assert taxonomy.regime("user.childrens.school") == "art8"
    assert taxonomy.personal("user.loyalty_tier") is True


def test_descendants_of_known_keys_are_not_themselves_known(taxonomy: Taxonomy) -> None:
    assert not taxonomy.is_known("user.contact.email.work")
    assert "user.contact.email.work" not in taxonomy
    assert taxonomy.get("user.contact.email.work") is None


def test_unknown_roots_resolve_to_nothing(taxonomy: Taxonomy) -> None:
    for key in ("customer.email", "usr.contact.email", "", "."):
        assert taxonomy.resolve(key) is None
        assert taxonomy.personal(key) is None
        assert not taxonomy.special(key)
        assert taxonomy.regime(key) is None
        assert not taxonomy.is_known(key)


def test_lookups_are_memoised_and_stable(taxonomy: Taxonomy) -> None:
    first = taxonomy.resolve("user.device.cookie_id.v2")
    assert first is taxonomy.resolve("user.device.cookie_id.v2")
    assert first is taxonomy.get("user.device.cookie_id")


# --- suggestions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("user.contact.emial", "user.contact.email"),
        ("user.email", "user.contact.email"),
        ("email", "user.contact.email"),
        ("user.phone", "user.contact.phone_number"),
        ("User.Contact.Email", "user.contact.email"),
        ("user.contact.adress.city", "user.contact.address.city"),
        ("user.demographic.religion", "user.demographic.religious_belief"),
        ("user.demographic.trade_union", "user.demographic.trade_union_membership"),
        ("user.contact.email.work", "user.contact.email"),
        ("system.auth", "system.authentication"),
        ("nnoe", "none"),
    ],
)
def test_suggest_finds_the_key_meant(taxonomy: Taxonomy, typed: str, meant: str) -> None:
    assert taxonomy.suggest(typed) == meant


def test_suggest_offers_nothing_for_known_keys_or_unrelated_words(taxonomy: Taxonomy) -> None:
    assert taxonomy.suggest("user.contact.email") is None
    assert taxonomy.suggest("zzz") is None
    assert taxonomy.suggest("acme.loyalty") is None


# --- the shipped data ------------------------------------------------------------------------------


def test_shipped_categories_load_through_importlib_resources() -> None:
    resource = resources.files("minlint").joinpath("data", "categories.json")
    assert resource.is_file()
    assert json.loads(resource.read_text(encoding="utf-8"))[0]["key"] == "system"


def test_data_folder_is_package_data_not_a_package() -> None:
    assert not (DATA / "__init__.py").exists()


@pytest.mark.parametrize("name", ["categories.json", "data_uses.json"])
def test_shipped_json_is_sorted_unique_and_every_parent_exists(name: str) -> None:
    entries = shipped(name)
    keys = [entry["key"] for entry in entries]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))
    for entry in entries:
        assert entry["parent"] is None or entry["parent"] in keys, entry["key"]
        assert entry["parent"] == (entry["key"].rpartition(".")[0] or None), entry["key"]
        assert entry.get("replaced_by") is None or entry["replaced_by"] in keys, entry["key"]
        assert entry["name"] and entry["description"], entry["key"]


@pytest.mark.parametrize("name", ["categories.json", "data_uses.json"])
def test_shipped_json_has_one_object_per_line_as_the_converter_writes_it(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert text == dumps(json.loads(text))


def test_shipped_categories_have_exactly_the_documented_fields() -> None:
    required = ["key", "parent", "name", "description", "personal", "special", "regime", "source"]
    for entry in shipped("categories.json"):
        assert list(entry)[: len(required)] == required, entry["key"]
        assert set(entry) - set(required) <= {"deprecated", "replaced_by"}, entry["key"]
        assert entry["source"] in ("fideslang", "minlint")
        assert entry["regime"] in (None, "art8", "art9", "art10")
        assert entry["special"] is (entry["regime"] == "art9"), entry["key"]
        if "deprecated" in entry:
            assert entry["deprecated"] is True


def test_shipped_data_uses_have_exactly_the_documented_fields() -> None:
    for entry in shipped("data_uses.json"):
        assert set(entry) - {"deprecated", "replaced_by"} == {"key", "parent", "name", "description"}, entry["key"]


def test_shipped_counts_are_fideslangs_plus_three(taxonomy: Taxonomy) -> None:
    entries = shipped("categories.json")
    sources = [entry["source"] for entry in entries]
    assert sources.count("fideslang") == FIDESLANG_CATEGORIES
    assert sources.count("minlint") == 3
    assert len(taxonomy) == len(taxonomy.keys()) == FIDESLANG_CATEGORIES + 3
    assert len(shipped("data_uses.json")) >= 50
    assert {"analytics.reporting", "marketing.communications.email"} <= {e["key"] for e in shipped("data_uses.json")}


def test_no_shipped_category_is_deprecated_in_this_fideslang_version(taxonomy: Taxonomy) -> None:
    # fideslang's data_files at the pinned commit deprecate nothing; the converter keeps and marks any that do.
    assert not [key for key in taxonomy if taxonomy.get(key).deprecated]


def test_taxonomy_categories_match_the_shipped_json(taxonomy: Taxonomy) -> None:
    assert taxonomy.keys() == [entry["key"] for entry in shipped("categories.json")]
    assert [category.key for category in taxonomy.categories()] == taxonomy.keys() == list(taxonomy)
    email = taxonomy.get("user.contact.email")
    assert email == Category(
        key="user.contact.email",
        parent="user.contact",
        name="User Contact Email",
        description="User's contact email address.",
        personal=True,
        special=False,
        regime=None,
        source="fideslang",
    )


def test_builtin_is_loaded_once() -> None:
    assert Taxonomy.builtin() is Taxonomy.builtin()


def test_importing_and_loading_the_taxonomy_needs_neither_yaml_nor_jsonschema() -> None:
    code = (
        "import sys\n"
        "from minlint.taxonomy import Taxonomy\n"
        "assert Taxonomy.builtin().special('user.biometric')\n"
        "heavy = sorted(name for name in ('yaml', 'jsonschema', 'rich', 'click') if name in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    result = run_python("-c", code, cwd=REPO, check=True)
    assert result.stdout.strip() == ""


# --- the converter, on records shaped like fideslang's (never on the real files) -------------------


def fides_record(key: str, **overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "version_added": "2.0.0",
        "version_deprecated": None,
        "replaced_by": None,
        "is_default": True,
        "fides_key": key,
        "organization_fides_key": "default_organization",
        "tags": None,
        "name": key.rpartition(".")[2].title(),
        "description": f"About {key}.",
        "parent_key": key.rpartition(".")[0] or None,
    }
    record.update(overrides)
    return record


def records_back_from_shipped() -> list[dict[str, Any]]:
    return [
        fides_record(entry["key"], name=entry["name"], description=entry["description"])
        for entry in shipped("categories.json")
        if entry["source"] == "fideslang"
    ]


def test_converter_reproduces_the_shipped_categories_from_their_fideslang_entries() -> None:
    records = records_back_from_shipped()
    assert convert_categories(reversed(records)) == shipped("categories.json")


def test_converter_keeps_deprecated_entries_marked_with_their_replacement() -> None:
    records = records_back_from_shipped()
    records.append(fides_record("user.contact.email.old", version_deprecated="2.1.0", replaced_by="user.contact.email"))
    records.append(fides_record("user.contact.email.older", version_deprecated="2.1.0"))
    converted = {entry["key"]: entry for entry in convert_categories(records)}
    assert converted["user.contact.email.old"]["deprecated"] is True
    assert converted["user.contact.email.old"]["replaced_by"] == "user.contact.email"
    assert converted["user.contact.email.older"]["deprecated"] is True
    assert "replaced_by" not in converted["user.contact.email.older"]
    assert "deprecated" not in converted["user.contact.email"]
    deprecated = Taxonomy([Category(**{"source": "fideslang", **entry}) for entry in converted.values()])
    assert deprecated.get("user.contact.email.old") is not None
    assert deprecated.get("user.contact.email.old").replaced_by == "user.contact.email"


def test_converter_flags_descendants_of_special_and_regime_keys() -> None:
    records = [
        *records_back_from_shipped(),
        fides_record("user.health_and_medical.vaccination"),
        fides_record("user.childrens.school"),
    ]
    converted = {entry["key"]: entry for entry in convert_categories(records)}
    assert converted["user.health_and_medical.vaccination"]["regime"] == "art9"
    assert converted["user.health_and_medical.vaccination"]["special"] is True
    assert converted["user.childrens.school"]["regime"] == "art8"
    assert converted["user.childrens.school"]["special"] is False


def test_converter_defers_to_fideslang_once_it_has_an_added_key() -> None:
    added = ADDITIONS[0]["key"]
    records = [*records_back_from_shipped(), fides_record(added, name="Fides Name")]
    converted = {entry["key"]: entry for entry in convert_categories(records)}
    assert converted[added]["source"] == "fideslang"
    assert converted[added]["name"] == "Fides Name"
    assert converted[added]["special"] is True


def test_converter_refuses_files_missing_the_keys_mapped_to_gdpr() -> None:
    from minlint.taxonomy.convert import ConversionError

    records = [record for record in records_back_from_shipped() if record["fides_key"] != "user.childrens"]
    with pytest.raises(ConversionError, match=r"user\.childrens"):
        convert_categories(records)


def test_converter_keeps_data_uses_as_they_are() -> None:
    records = [
        fides_record(entry["key"], name=entry["name"], description=entry["description"])
        for entry in shipped("data_uses.json")
    ]
    assert convert_data_uses(records) == shipped("data_uses.json")


# --- attribution -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["minlint/data/NOTICE.md", "docs/taxonomy.md"])
def test_attribution_names_source_licence_commit_and_changes(path: str) -> None:
    text = " ".join((REPO / path).read_text(encoding="utf-8").split())
    for needed in (
        ATTRIBUTION,
        "https://creativecommons.org/licenses/by/4.0/",
        "ethyca/fideslang",
        FIDESLANG_COMMIT,
        "Converted",
        "Dropped",
        *ART9_ADDED,
    ):
        assert needed in text, f"{path} lacks {needed!r}"


def test_docs_list_every_special_category() -> None:
    text = (REPO / "docs" / "taxonomy.md").read_text(encoding="utf-8")
    for key in [*ART9_FIDESLANG, *ART9_ADDED, "user.childrens", "user.criminal_history"]:
        assert f"`{key}`" in text, key
