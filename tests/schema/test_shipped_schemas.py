"""The JSON Schemas shipped in the package: valid, consistent, and agreeing with jsonschema itself."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from minlint.schema import load_schema, shape_errors, validator
from minlint.vocabulary import SCHEMA_NAMES
from tests.conftest import REPO

SHARED = [
    "purposeId",
    "purpose",
    "basis",
    "retention",
    "oneRetention",
    "category",
    "recipients",
    "fields",
    "field",
    "specialCondition",
]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


# A declarations file declares what a plan field declares; its fields hold nothing but declarations.
DECLARED = ["purposeId", "purpose", "basis", "retention", "oneRetention", "category", "recipients", "specialCondition"]


@pytest.mark.parametrize(("other", "shared"), [("campaign", SHARED), ("purposes", SHARED), ("declarations", DECLARED)])
def test_shared_definitions_do_not_drift_between_schemas(other: str, shared: list[str]) -> None:
    plan = load_schema("tracking-plan")["$defs"]
    for key, definition in load_schema(other)["$defs"].items():
        if key in shared:
            assert definition == plan[key], f"$defs/{key} differs between tracking-plan.json and {other}.json"


def spec_files() -> list[str]:
    paths = sorted((REPO / "examples").rglob("*.yaml")) + sorted((REPO / "rules").glob("*.yaml"))
    return [path.relative_to(REPO).as_posix() for path in paths]


@pytest.mark.parametrize("relative", spec_files())
def test_compiled_validator_agrees_with_jsonschema_on_shipped_files(relative: str) -> None:
    text = (REPO / relative).read_text(encoding="utf-8")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError:
        pytest.skip("not parseable on purpose (an ML901 example)")
    if not isinstance(document, dict) or document.get("kind") not in SCHEMA_NAMES:
        pytest.skip("not a spec of a kind with a schema")
    kind = document["kind"]
    reference = jsonschema.Draft202012Validator(load_schema(kind)).is_valid(document)
    assert validator(kind).is_valid(document) == reference


def test_schema_errors_point_at_the_offending_key() -> None:
    from minlint.loader.load import load_document

    loaded = load_document(
        "p.yaml",
        b"minlint: 1\nkind: tracking-plan\nname: p\ntraits:\n  email:\n    purpse: x\n    type: strng\n",
    )
    assert loaded.root is not None
    errors = shape_errors(loaded.root, "tracking-plan")
    assert [(line, column) for line, column, _, _ in errors] == [(6, 5), (7, 11)]
    assert "did you mean `purpose`" in errors[0][2]
    assert errors[0][3] == "traits.email.purpse"
    assert "did you mean `string`" in errors[1][2]


def test_missing_required_key_points_at_the_parent() -> None:
    from minlint.loader.load import load_document

    loaded = load_document("c.yaml", b"minlint: 1\nkind: campaign\nname: c\n")
    assert loaded.root is not None
    errors = shape_errors(loaded.root, "campaign")
    assert [(line, column, message) for line, column, message, _ in errors] == [
        (1, 1, "missing required key `purpose`")
    ]


@pytest.mark.parametrize(
    ("retention", "errors"),
    [
        ("P1Y", []),
        ("{duration: P30D, after: account_closure}", []),
        ("{analytics.reporting: P13M, essential: {duration: P30D, after: closure}}", []),
        ("{analytics.reporting: P13M, essential: null}", []),
        ("{}", ["`retention`: must have at least 1 key"]),
        ("{after: account_closure}", ["missing required key `duration`"]),
        ("{duration: P1Y, analytics: P1Y}", ["unknown key `analytics`"]),
        ("{analytics reporting: P1Y}", ["a purpose is an id such as `analytics.reporting`"]),
        ("{analytics.reporting: [P1Y]}", ["expected"]),
    ],
)
def test_a_retention_is_one_duration_or_a_mapping_from_purpose_to_duration(retention: str, errors: list[str]) -> None:
    from minlint.loader.load import load_document

    for kind, text in [
        ("tracking-plan", f"minlint: 1\nkind: tracking-plan\nname: p\ntraits:\n  id:\n    retention: {retention}\n"),
        ("declarations", f"minlint: 1\nkind: declarations\nplan: p\ndefaults:\n  retention: {retention}\n"),
        ("campaign", f"minlint: 1\nkind: campaign\nname: c\npurpose: marketing\nretention: {retention}\n"),
    ]:
        loaded = load_document("p.yaml", text.encode())
        assert loaded.root is not None
        found = [message for _, _, message, _ in shape_errors(loaded.root, kind)]
        assert len(found) == len(errors), (kind, found)
        for message, expected in zip(found, errors, strict=True):
            assert expected in message, (kind, message)
        document = yaml.safe_load(text)
        assert jsonschema.Draft202012Validator(load_schema(kind)).is_valid(document) == (not errors)
