from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minlint.schema.compiler import (
    CompiledSchema,
    SchemaCompileError,
    SchemaError,
    compile_schema,
)

REPO_ROOT = Path(__file__).resolve().parents[2]


def errors(schema: Any, instance: Any) -> list[SchemaError]:
    return compile_schema(schema).errors(instance)


def messages(schema: Any, instance: Any) -> list[str]:
    return [error.message for error in errors(schema, instance)]


def check(schema: Any, instance: Any, expected: bool) -> None:
    """Assert validity both ways and that errors() agrees with is_valid()."""
    compiled = compile_schema(schema)
    assert compiled.is_valid(instance) is expected
    assert (compiled.errors(instance) == []) is expected


# --------------------------------------------------------------------------------------------------
# type
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_name", "good", "bad"),
    [
        ("string", ["", "abc"], [1, None, True, [], {}]),
        ("integer", [0, -3, 1.0, 2**70], [1.5, True, "1", None]),
        ("number", [0, 1.5, -2], [True, False, "1", None]),
        ("boolean", [True, False], [0, 1, "true", None]),
        ("null", [None], [0, "", False, []]),
        ("array", [[], [1, "a"]], [{}, "a", None]),
        ("object", [{}, {"a": 1}], [[], "a", None]),
    ],
)
def test_type_accepts_and_rejects_json_types(type_name: str, good: list[Any], bad: list[Any]) -> None:
    for value in good:
        check({"type": type_name}, value, True)
    for value in bad:
        check({"type": type_name}, value, False)


def test_type_list_accepts_any_listed_type() -> None:
    schema = {"type": ["string", "null"]}
    check(schema, "a", True)
    check(schema, None, True)
    check(schema, 3, False)


def test_type_accepts_dict_and_list_subclasses() -> None:
    class Mapping(dict[str, Any]):
        pass

    class Sequence(list[Any]):
        pass

    schema = {"type": "object", "properties": {"a": {"type": "array"}}, "additionalProperties": False}
    check(schema, Mapping(a=Sequence([1])), True)
    check(schema, Mapping(b=Sequence([1])), False)


def test_type_messages_use_plain_words() -> None:
    assert messages({"type": "array"}, "abc") == ["expected a list, got text `abc`"]
    assert messages({"type": "string"}, 5) == ["expected text, got a number (5)"]
    assert messages({"type": "object"}, [1]) == ["expected a mapping (key: value pairs), got a list"]
    assert messages({"type": ["integer", "null"]}, "x") == ["expected a whole number or nothing (null), got text `x`"]
    assert messages({"type": "boolean"}, None) == ["expected true or false, got nothing (null)"]


def test_type_message_hints_at_quoting_when_yaml_made_a_boolean() -> None:
    (message,) = messages({"type": "string"}, True)
    assert message.startswith("expected text, got a true/false value (`true`)")
    assert "quotes" in message


def test_type_error_suppresses_other_keywords_of_the_same_schema() -> None:
    found = errors({"type": "string", "enum": ["a"], "minLength": 3}, 5)
    assert [error.keyword for error in found] == ["type"]


# --------------------------------------------------------------------------------------------------
# enum / const
# --------------------------------------------------------------------------------------------------


def test_enum_uses_json_equality() -> None:
    schema = {"enum": [1, "a", None, [1, 2], {"k": False}]}
    for value in (1, 1.0, "a", None, [1, 2.0], {"k": False}):
        check(schema, value, True)
    for value in (True, "b", [2, 1], {"k": 0}, {"k": False, "x": 1}, 2):
        check(schema, value, False)
    check({"enum": [False]}, 0, False)
    check({"enum": [0]}, False, False)


def test_enum_message_lists_values_and_suggests_close_match() -> None:
    schema = {"enum": ["string", "number", "boolean"]}
    assert messages(schema, "strng") == [
        "`strng` is not one of: `string`, `number`, `boolean` (did you mean `string`?)"
    ]
    assert messages(schema, "zzz") == ["`zzz` is not one of: `string`, `number`, `boolean`"]
    assert messages(schema, 3) == ["`3` is not one of: `string`, `number`, `boolean`"]


def test_enum_message_lists_at_most_twelve_values() -> None:
    values = [f"v{index:02}" for index in range(20)]
    (message,) = messages({"enum": values}, "nope")
    assert "`v11`, …" in message
    assert "`v12`" not in message


def test_const_uses_json_equality_and_reports_expected_value() -> None:
    check({"const": 1}, 1.0, True)
    check({"const": 1}, True, False)
    check({"const": {"a": [1, "x"]}}, {"a": [1.0, "x"]}, True)
    assert messages({"const": 1}, 2) == ["must be `1`, got `2`"]
    check({"const": "x"}, "x", True)
    check({"const": "x"}, "y", False)


def test_long_values_are_shortened_in_messages() -> None:
    (message,) = messages({"const": "short"}, "x" * 100)
    quoted = message.split("got ")[1]
    assert quoted == "`" + "x" * 39 + "…`"


# --------------------------------------------------------------------------------------------------
# objects
# --------------------------------------------------------------------------------------------------

PERSON = {
    "type": "object",
    "required": ["kind", "name"],
    "properties": {
        "kind": {"const": "person"},
        "name": {"type": "string"},
        "purpose": {"type": "string"},
        "tags": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": False,
}


def test_closed_object_accepts_known_keys() -> None:
    check(PERSON, {"kind": "person", "name": "Ada", "tags": ["a"]}, True)


def test_unknown_key_error_points_at_the_key_and_suggests_a_close_match() -> None:
    found = errors(PERSON, {"kind": "person", "name": "Ada", "purpse": "x"})
    assert found == [
        SchemaError(
            path=("purpse",),
            message="unknown key `purpse` (did you mean `purpose`?)",
            keyword="additionalProperties",
            key="purpse",
        )
    ]


def test_unknown_key_without_close_match_lists_allowed_keys_sorted() -> None:
    (error,) = errors(PERSON, {"kind": "person", "name": "Ada", "foo": 1})
    assert error.message == "unknown key `foo`; allowed keys: `kind`, `name`, `purpose`, `tags`"


def test_unknown_key_lists_at_most_twelve_allowed_keys() -> None:
    schema = {"properties": {f"key{index:02}": True for index in range(15)}, "additionalProperties": False}
    (message,) = messages(schema, {"zzzzzz": 1})
    assert "`key11`, …" in message
    assert "`key12`" not in message


def test_unknown_key_mentions_pattern_properties_prefix() -> None:
    schema = {"properties": {"a": True}, "patternProperties": {"^x-": True}, "additionalProperties": False}
    check(schema, {"a": 1, "x-note": 2}, True)
    assert messages(schema, {"zzz": 1}) == ["unknown key `zzz`; allowed keys: `a` (and keys starting with `x-`)"]
    only_patterns = {"patternProperties": {"^x-": True}, "additionalProperties": False}
    assert messages(only_patterns, {"zzz": 1}) == ["unknown key `zzz`; only keys starting with `x-` are allowed here"]


def test_missing_required_key_points_at_parent_mapping() -> None:
    schema = {"properties": {"inner": PERSON}}
    found = errors(schema, {"inner": {"name": "Ada"}})
    assert found == [
        SchemaError(path=("inner",), message="missing required key `kind`", keyword="required", key="kind")
    ]


def test_property_value_errors_carry_the_value_path() -> None:
    found = errors(PERSON, {"kind": "person", "name": "Ada", "tags": ["a", 2]})
    assert [(error.path, error.keyword) for error in found] == [(("tags", 1), "type")]


def test_pattern_properties_apply_to_matching_keys_even_when_listed() -> None:
    schema = {"properties": {"ab": {"type": "string"}}, "patternProperties": {"^a": {"maxLength": 2}}}
    check(schema, {"ab": "xy", "ax": "zz"}, True)
    check(schema, {"ab": "xyz"}, False)
    check(schema, {"ax": "xyz"}, False)
    check(schema, {"b": "xyz"}, True)


def test_additional_properties_schema_validates_unlisted_values() -> None:
    schema = {"properties": {"a": True}, "additionalProperties": {"type": "integer"}}
    check(schema, {"a": "x", "b": 1}, True)
    found = errors(schema, {"a": "x", "b": "y"})
    assert [(error.path, error.keyword) for error in found] == [(("b",), "type")]


def test_property_names() -> None:
    schema = {"propertyNames": {"pattern": "^[a-z]+$"}}
    check(schema, {"abc": 1}, True)
    (error,) = errors(schema, {"ok": 1, "Bad": 2})
    assert error.path == ("Bad",)
    assert error.key == "Bad"
    assert error.keyword == "pattern"
    assert "the key name is not allowed" in error.message


def test_min_and_max_properties() -> None:
    check({"minProperties": 1}, {}, False)
    check({"minProperties": 1}, {"a": 1}, True)
    check({"maxProperties": 1}, {"a": 1, "b": 2}, False)
    assert messages({"minProperties": 2}, {"a": 1}) == ["must have at least 2 keys"]
    assert messages({"maxProperties": 1}, {"a": 1, "b": 2}) == ["must have at most 1 key (got 2)"]


def test_dependent_required() -> None:
    schema = {"dependentRequired": {"retention": ["after"]}}
    check(schema, {}, True)
    check(schema, {"retention": 1, "after": 2}, True)
    assert errors(schema, {"retention": 1}) == [
        SchemaError((), "key `after` is required when `retention` is present", "dependentRequired", "after")
    ]


def test_non_objects_ignore_object_keywords() -> None:
    check({"required": ["a"], "additionalProperties": False}, [1], True)


# --------------------------------------------------------------------------------------------------
# arrays
# --------------------------------------------------------------------------------------------------


def test_items_and_prefix_items() -> None:
    schema = {"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": {"type": "boolean"}}
    check(schema, ["a", 1, True, False], True)
    check(schema, ["a"], True)
    check(schema, [1], False)
    check(schema, ["a", 1, "x"], False)
    assert [error.path for error in errors(schema, ["a", "b", True, 3])] == [(1,), (3,)]


def test_items_false_rejects_extra_items() -> None:
    schema = {"prefixItems": [True], "items": False}
    check(schema, [1], True)
    (error,) = errors(schema, [1, 2])
    assert error.path == (1,)
    assert error.message == "unexpected extra item; at most 1 item allowed"
    check({"items": False}, [], True)
    check({"items": False}, [1], False)


def test_min_and_max_items() -> None:
    assert messages({"minItems": 1}, []) == ["must have at least 1 item"]
    assert messages({"minItems": 3}, [1]) == ["must have at least 3 items (got 1)"]
    assert messages({"maxItems": 1}, [1, 2]) == ["must have at most 1 item (got 2)"]
    check({"minItems": 1, "maxItems": 2}, [1, 2], True)


def test_unique_items_uses_json_equality() -> None:
    schema = {"uniqueItems": True}
    check(schema, [1, True, "1", [1], {"a": 1}], True)
    check(schema, [1, 1.0], False)
    check(schema, [{"a": [1]}, {"a": [1.0]}], False)
    check(schema, [[True], [1]], True)
    assert messages(schema, ["a", "b", "a"]) == ["must not contain duplicates (`a` appears more than once)"]


def test_contains_with_min_and_max_contains() -> None:
    schema = {"contains": {"const": "email"}}
    check(schema, ["name", "email"], True)
    check(schema, ["name"], False)
    assert messages(schema, ["name"]) == ["must include `email`"]
    bounded = {"contains": {"type": "integer"}, "minContains": 2, "maxContains": 3}
    check(bounded, [1, "a", 2], True)
    check(bounded, [1, "a"], False)
    check(bounded, [1, 2, 3, 4], False)
    assert [error.keyword for error in errors(bounded, [1, 2, 3, 4])] == ["maxContains"]
    check({"contains": {"type": "integer"}, "minContains": 0}, ["a"], True)


# --------------------------------------------------------------------------------------------------
# strings and numbers
# --------------------------------------------------------------------------------------------------


def test_string_lengths_count_code_points() -> None:
    check({"maxLength": 2}, "é😀", True)
    check({"minLength": 3}, "é😀", False)
    assert messages({"maxLength": 200}, "x" * 201) == ["must be at most 200 characters (got 201)"]
    assert messages({"minLength": 1}, "") == ["must not be empty"]


def test_pattern_uses_search_semantics() -> None:
    check({"pattern": "b"}, "abc", True)
    check({"pattern": "^b"}, "abc", False)
    check({"pattern": "^b"}, 5, True)
    assert messages({"pattern": "^[a-z]+$"}, "ab c") == ["`ab c` does not match the expected format `^[a-z]+$`"]


def test_numeric_bounds() -> None:
    check({"minimum": 1}, 1, True)
    check({"minimum": 1}, 0.5, False)
    check({"maximum": 1}, 1.5, False)
    check({"exclusiveMinimum": 1}, 1, False)
    check({"exclusiveMaximum": 1}, 1, False)
    check({"exclusiveMaximum": 1}, 0.99, True)
    check({"minimum": 1}, True, True)  # booleans are not numbers
    assert messages({"minimum": 1}, 0) == ["must be at least 1 (got 0)"]
    assert messages({"maximum": 10}, 11) == ["must be at most 10 (got 11)"]
    assert messages({"exclusiveMinimum": 0}, 0) == ["must be greater than 0 (got 0)"]
    assert messages({"exclusiveMaximum": 10}, 10) == ["must be less than 10 (got 10)"]


def test_multiple_of() -> None:
    check({"multipleOf": 3}, 9, True)
    check({"multipleOf": 3}, 10, False)
    check({"multipleOf": 0.5}, 2.5, True)
    check({"multipleOf": 0.5}, 2.25, False)
    check({"multipleOf": 0.5}, 1e308, True)  # the quotient overflows a float
    assert messages({"multipleOf": 5}, 7) == ["must be a multiple of 5 (got 7)"]


# --------------------------------------------------------------------------------------------------
# combinators
# --------------------------------------------------------------------------------------------------


def test_all_of_reports_every_failing_branch() -> None:
    schema = {"allOf": [{"required": ["a"]}, {"required": ["b"]}]}
    check(schema, {"a": 1, "b": 2}, True)
    assert [error.key for error in errors(schema, {})] == ["a", "b"]


def test_any_of_reports_the_only_branch_that_fits_the_type() -> None:
    schema = {
        "anyOf": [
            {"type": "string"},
            {"type": "object", "properties": {"purpose": {"type": "string"}}, "additionalProperties": False},
        ]
    }
    check(schema, "x", True)
    check(schema, {"purpose": "x"}, True)
    assert errors(schema, {"purpse": "x"}) == [
        SchemaError(("purpse",), "unknown key `purpse` (did you mean `purpose`?)", "additionalProperties", "purpse")
    ]


def test_any_of_infers_branch_types_from_properties_items_and_enum() -> None:
    by_enum = {"anyOf": [{"enum": ["a", "b"]}, {"type": "object"}]}
    assert messages(by_enum, "c") == ["`c` is not one of: `a`, `b`"]
    by_properties = {"anyOf": [{"type": "string"}, {"properties": {"x": {"type": "integer"}}}]}
    assert [error.path for error in errors(by_properties, {"x": "no"})] == [("x",)]
    by_items = {"anyOf": [{"type": "string"}, {"items": {"type": "string"}}]}
    assert [error.path for error in errors(by_items, ["a", 1])] == [(1,)]


def test_any_of_lists_branches_when_no_branch_fits() -> None:
    schema = {"anyOf": [{"type": "string"}, {"type": "object"}]}
    assert messages(schema, 5) == ["expected one of: text, a mapping (key: value pairs); got a number (5)"]
    titled = {"anyOf": [{"type": "string", "title": "a purpose id"}, {"type": "null"}]}
    assert messages(titled, 5) == ["expected one of: a purpose id, nothing (null); got a number (5)"]


def test_any_of_follows_refs_to_describe_and_select_branches() -> None:
    schema = {
        "$defs": {"id": {"type": "string", "pattern": "^[a-z]+$"}},
        "anyOf": [
            {"type": "null"},
            {"$ref": "#/$defs/id"},
            {"type": "array", "items": {"$ref": "#/$defs/id"}},
        ],
    }
    assert [error.keyword for error in errors(schema, "A")] == ["pattern"]
    assert [error.path for error in errors(schema, ["a", "B"])] == [(1,)]


def test_one_of_uses_discriminating_const_property_when_several_branches_fit() -> None:
    schema = {
        "oneOf": [
            {
                "type": "object",
                "properties": {"kind": {"const": "email"}, "address": {"type": "string"}},
                "required": ["kind", "address"],
            },
            {
                "type": "object",
                "properties": {"kind": {"const": "phone"}, "number": {"type": "string"}},
                "required": ["kind", "number"],
            },
        ]
    }
    check(schema, {"kind": "email", "address": "a@b"}, True)
    assert errors(schema, {"kind": "phone"}) == [SchemaError((), "missing required key `number`", "required", "number")]
    (message,) = messages(schema, {"kind": "fax"})
    assert "does not match any of the allowed forms" in message


def test_one_of_rejects_instances_matching_several_branches() -> None:
    schema = {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}]}
    check(schema, -1, True)
    check(schema, 0.5, True)
    check(schema, 3, False)
    assert messages(schema, 3) == ["matches more than one allowed form (a whole number, a number)"]
    assert [error.keyword for error in errors(schema, "x")] == ["oneOf"]


def test_not() -> None:
    check({"not": {"type": "string"}}, 1, True)
    check({"not": {"type": "string"}}, "a", False)
    assert messages({"not": {"type": "string"}}, "a") == ["must not be text"]
    assert messages({"not": {"required": ["email"]}}, {"email": 1}) == ["must not contain the key `email`"]
    assert messages({"not": {"minLength": 1, "maxLength": 3}}, "ab") == ["must not be text"]
    assert messages({"not": {"anyOf": [{"minimum": 1}, {"maxLength": 3}]}}, 5) == ["must not be a number or text"]


def test_if_then_else() -> None:
    schema = {
        "if": {"properties": {"basis": {"const": "consent"}}, "required": ["basis"]},
        "then": {"required": ["consent_text"]},
        "else": {"properties": {"consent_text": False}},
    }
    check(schema, {"basis": "consent", "consent_text": "x"}, True)
    check(schema, {"basis": "contract"}, True)
    assert [error.key for error in errors(schema, {"basis": "consent"})] == ["consent_text"]
    found = errors(schema, {"basis": "contract", "consent_text": "x"})
    assert [(error.path, error.keyword) for error in found] == [(("consent_text",), "false")]
    check({"then": False}, 1, True)  # then without if is ignored


# --------------------------------------------------------------------------------------------------
# $ref, boolean schemas, errorMessage
# --------------------------------------------------------------------------------------------------

FIELD_SCHEMA = {
    "$defs": {
        "field": {
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": {"enum": ["string", "number", "object"]},
                "fields": {"type": "object", "additionalProperties": {"$ref": "#/$defs/field"}},
            },
            "additionalProperties": False,
        }
    },
    "$ref": "#/$defs/field",
}


def nested_field(depth: int, leaf: dict[str, Any]) -> dict[str, Any]:
    field = leaf
    for level in range(depth):
        field = {"type": "object", "fields": {f"level{level}": field}}
    return field


def test_recursive_ref_validates_four_levels_deep() -> None:
    check(FIELD_SCHEMA, nested_field(4, {"type": "string"}), True)
    found = errors(FIELD_SCHEMA, nested_field(4, {"type": "strng"}))
    assert len(found) == 1
    assert found[0].path == (
        "fields",
        "level3",
        "fields",
        "level2",
        "fields",
        "level1",
        "fields",
        "level0",
        "type",
    )
    assert "did you mean `string`?" in found[0].message
    found = errors(FIELD_SCHEMA, nested_field(4, {"tpye": "string"}))
    assert [(error.keyword, error.path[-1]) for error in found] == [
        ("required", "level0"),
        ("additionalProperties", "tpye"),
    ]


def test_ref_to_root_and_definitions_and_json_pointer_escapes() -> None:
    tree = {"type": "array", "items": {"$ref": "#"}}
    check(tree, [[[]], []], True)
    check(tree, [[1]], False)
    legacy = {"definitions": {"a/b": {"type": "string"}}, "properties": {"x": {"$ref": "#/definitions/a~1b"}}}
    check(legacy, {"x": "s"}, True)
    check(legacy, {"x": 1}, False)
    via_array = {"anyOf": [{"type": "string"}], "properties": {"x": {"$ref": "#/anyOf/0"}}}
    check(via_array, {"x": 1}, False)


def test_ref_into_a_subschema_that_refers_back_to_its_ancestor() -> None:
    schema = {
        "properties": {
            "q": {"$ref": "#/properties/z/properties/b"},
            "z": {"type": "object", "properties": {"b": {"$ref": "#/properties/z"}}},
        }
    }
    check(schema, {"q": {"b": {}}, "z": {"b": {"b": {}}}}, True)
    check(schema, {"q": {"b": 5}}, False)
    check(schema, {"z": {"b": {"b": 5}}}, False)


def test_ref_by_anchor_and_by_root_id() -> None:
    schema = {
        "$id": "https://example.com/s.json",
        "$defs": {"name": {"$anchor": "name", "type": "string"}},
        "properties": {"a": {"$ref": "#name"}, "b": {"$ref": "https://example.com/s.json#/$defs/name"}},
    }
    check(schema, {"a": "x", "b": "y"}, True)
    check(schema, {"a": 1}, False)
    check(schema, {"b": 1}, False)


def test_ref_applies_alongside_sibling_keywords() -> None:
    schema = {"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "maxLength": 2}
    check(schema, "ab", True)
    check(schema, "abc", False)
    check(schema, 1, False)


def test_boolean_schemas() -> None:
    check(True, {"anything": [1]}, True)
    check(False, None, False)
    assert errors(False, 1) == [SchemaError((), "no value is allowed here", "false")]
    check({"properties": {"a": False}}, {"b": 1}, True)
    check({"properties": {"a": False}}, {"a": 1}, False)
    check({"allOf": [True, {"type": "string"}]}, "x", True)


def test_error_message_replaces_detailed_errors_of_its_subschema() -> None:
    schema = {
        "properties": {
            "purpose": {
                "type": "string",
                "pattern": "^[a-z.]+$",
                "errorMessage": "a purpose is an id like `a.b`",
            }
        }
    }
    check(schema, {"purpose": "a.b"}, True)
    assert errors(schema, {"purpose": "A B"}) == [
        SchemaError(("purpose",), "a purpose is an id like `a.b`", "errorMessage")
    ]
    assert messages(schema, {"purpose": 5}) == ["a purpose is an id like `a.b`"]


def test_annotations_and_x_keys_are_ignored() -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.com/x.json",
        "$comment": "c",
        "title": "t",
        "description": "d",
        "default": 1,
        "examples": [1],
        "format": "email",
        "deprecated": True,
        "readOnly": True,
        "writeOnly": False,
        "markdownDescription": "m",
        "x-owner": "privacy team",
        "type": "string",
    }
    check(schema, "not an email", True)
    check(schema, 1, False)


# --------------------------------------------------------------------------------------------------
# invalid schemas
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schema", "pointer"),
    [
        ({"properties": {"a": {"type": 5}}}, "#/properties/a/type"),
        ({"type": "text"}, "#/type"),
        ({"$ref": "#/$defs/missing"}, "#/$ref"),
        ({"items": {"$ref": "other.json"}}, "#/items/$ref"),
        ({"pattern": "("}, "#/pattern"),
        ({"patternProperties": {"[": True}}, "#/patternProperties/["),
        ({"items": [{"type": "string"}]}, "#/items"),
        ({"minLength": -1}, "#/minLength"),
        ({"anyOf": []}, "#/anyOf"),
        ({"required": "a"}, "#/required"),
        ({"$defs": {"a": 5}}, "#/$defs/a"),
        ({"multipleOf": 0}, "#/multipleOf"),
    ],
)
def test_invalid_schemas_raise_with_pointer(schema: dict[str, Any], pointer: str) -> None:
    with pytest.raises(SchemaCompileError) as raised:
        compile_schema(schema)
    assert raised.value.pointer == pointer
    assert f"`{pointer}`" in str(raised.value)


# --------------------------------------------------------------------------------------------------
# fallback to jsonschema
# --------------------------------------------------------------------------------------------------


def test_unevaluated_properties_falls_back_to_jsonschema() -> None:
    schema = {
        "allOf": [{"properties": {"name": {"type": "string"}}}],
        "properties": {"purpose": True},
        "unevaluatedProperties": False,
    }
    check(schema, {"name": "a", "purpose": 1}, True)
    assert errors(schema, {"name": "a", "purpse": 1}) == [
        SchemaError(("purpse",), "unknown key `purpse` (did you mean `purpose`?)", "unevaluatedProperties", "purpse")
    ]
    # A failed subschema evaluates nothing, so `name` counts as unevaluated too (as in jsonschema).
    assert errors(schema, {"name": 1}) == [
        SchemaError(("name",), "expected text, got a number (1)", "type"),
        SchemaError(
            ("name",),
            "key `name` is not allowed here (no allowed form accepts it)",
            "unevaluatedProperties",
            "name",
        ),
    ]


def test_dependent_schemas_falls_back_with_plain_messages() -> None:
    schema = {"dependentSchemas": {"retention": {"required": ["after"]}}}
    check(schema, {"retention": 1, "after": 2}, True)
    assert errors(schema, {"retention": 1}) == [SchemaError((), "missing required key `after`", "required", "after")]


def test_fallback_subschema_resolves_refs_against_the_root() -> None:
    schema = {
        "$defs": {"name": {"properties": {"name": {"type": "string"}}}},
        "properties": {"inner": {"allOf": [{"$ref": "#/$defs/name"}], "unevaluatedProperties": False}},
    }
    check(schema, {"inner": {"name": "x"}}, True)
    found = errors(schema, {"inner": {"nme": "x"}})
    assert [(error.path, error.key) for error in found] == [(("inner", "nme"), "nme")]


def test_keywords_unknown_to_jsonschema_are_ignored_like_jsonschema_does() -> None:
    schema = {"type": "string", "frobnicate": 1}
    check(schema, "a", True)
    check(schema, 1, False)


def run_python(code: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    return result.stdout


def test_module_import_and_native_schemas_do_not_import_jsonschema() -> None:
    run_python(
        "import minlint.schema.compiler, sys\n"
        "assert 'jsonschema' not in sys.modules\n"
        "from minlint.schema.compiler import compile_schema\n"
        "c = compile_schema({'properties': {'a': {'anyOf': [{'type': 'string'}, {'$ref': '#'}]}}})\n"
        "c.errors({'a': 1})\n"
        "assert 'jsonschema' not in sys.modules\n"
        "compile_schema({'unevaluatedProperties': False})\n"
        "assert 'jsonschema' in sys.modules\n"
    )


# --------------------------------------------------------------------------------------------------
# robustness and determinism
# --------------------------------------------------------------------------------------------------


def deeply_nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "array", "items": {"$ref": "#"}},
        {"enum": [[[[1]]]]},
        {"uniqueItems": True, "items": {"uniqueItems": True}},
        {"items": {"$ref": "#"}, "unevaluatedItems": False},
    ],
)
def test_deep_nesting_does_not_raise_recursion_error(schema: dict[str, Any]) -> None:
    compiled = compile_schema(schema)
    instance = [deeply_nested(5000), deeply_nested(5000)]
    valid = compiled.is_valid(instance)
    found = compiled.errors(instance)
    assert (found == []) == valid
    assert not compile_schema({"type": "array", "items": {"$ref": "#"}}).is_valid(instance)


def test_errors_are_in_document_order_then_keyword_order() -> None:
    schema = {
        "allOf": [{"properties": {"b": {"type": "string"}}}, {"properties": {"a": {"type": "string"}}}],
        "required": ["z"],
        "properties": {"a": {"maxLength": 0}},
    }
    found = errors(schema, {"a": 1, "b": 2})
    assert [(error.path, error.keyword) for error in found] == [
        ((), "required"),
        (("a",), "type"),
        (("b",), "type"),
    ]


def test_error_order_is_independent_of_hash_seed() -> None:
    code = (
        "from minlint.schema.compiler import compile_schema\n"
        "s = {'properties': {'a': {'enum': ['x', 'y', 1, None]}, 'b': {'uniqueItems': True}},\n"
        "     'required': ['q', 'r', 's'], 'additionalProperties': False, 'patternProperties': {'^x-': True}}\n"
        "print(compile_schema(s).errors({'zz': 1, 'b': ['u', 'u'], 'a': 'z', 'yy': 2}))\n"
    )
    outputs = {run_python(code, PYTHONHASHSEED=seed) for seed in ("0", "1", "12345")}
    assert len(outputs) == 1


def test_errors_on_valid_instance_is_empty_and_compiled_schema_is_reusable() -> None:
    compiled = compile_schema(PERSON)
    assert isinstance(compiled, CompiledSchema)
    instance = {"kind": "person", "name": "Ada"}
    for _ in range(3):
        assert compiled.is_valid(instance)
        assert compiled.errors(instance) == []


# --------------------------------------------------------------------------------------------------
# differential test against jsonschema
# --------------------------------------------------------------------------------------------------

DIFFERENTIAL_SCHEMAS: list[dict[str, Any]] = [
    PERSON,
    {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "tags": {"type": "array", "items": {"enum": ["a", "b"]}},
        },
        "patternProperties": {"^x-": True},
        "additionalProperties": False,
    },
    {
        "anyOf": [
            {"type": "null"},
            {"type": "string", "pattern": "^[a-z]+$"},
            {
                "type": "object",
                "required": ["duration"],
                "additionalProperties": {"type": ["string", "number"]},
            },
        ]
    },
    {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}, {"type": "array", "maxItems": 1}]},
    {
        "prefixItems": [{"type": "string"}, {"type": "number"}],
        # no nested arrays: jsonschema's sort-based uniqueness check misses `[[true], [1], [true]]`
        "items": {"type": ["boolean", "null", "integer"]},
        "minItems": 1,
        "maxItems": 4,
        "uniqueItems": True,
        "contains": {"type": "string"},
        "maxContains": 1,
    },
    {"type": "number", "minimum": -5, "exclusiveMaximum": 100, "multipleOf": 0.5},
    {"uniqueItems": True, "items": {"type": ["object", "string", "number"]}},
    {
        "anyOf": [
            {"type": "integer", "multipleOf": 3, "exclusiveMinimum": 0},
            {"type": "string", "maxLength": 3},
        ]
    },
    {"enum": [1, "a", None, True, [1, 2], {"a": 1}]},
    {"const": {"a": [1, 2.0, False]}},
    {
        "type": "object",
        "propertyNames": {"maxLength": 3},
        "minProperties": 1,
        "maxProperties": 3,
        "dependentRequired": {"a": ["b"]},
        "if": {"properties": {"a": {"type": "string"}}},
        "then": {"properties": {"b": {"const": "x"}}},
        "else": {"not": {"required": ["c"]}},
    },
    {
        "$defs": {
            "node": {
                "type": "object",
                "properties": {
                    "value": {"type": "integer"},
                    "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
                },
                "additionalProperties": False,
            }
        },
        "$ref": "#/$defs/node",
    },
    {"properties": {"a": False, "b": True}, "items": False, "allOf": [True, {"not": {"type": "boolean"}}]},
    {"properties": {"a": {"type": "string"}}, "unevaluatedProperties": {"type": "integer"}},
]

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-1000, max_value=1000)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.sampled_from([0.0, 1.0, 2.0, 0.5, -5.0, 100.0])
    | st.text(max_size=5)
    | st.sampled_from(["a", "b", "abc", "x-a", "email"])
)


def schema_keys(schema: Any) -> list[str]:
    keys: set[str] = {"a", "b", "c", "x-y"}
    stack = [schema]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            for key, value in current.items():
                if key == "properties" and isinstance(value, dict):
                    keys.update(value)
                if key == "required" and isinstance(value, list):
                    keys.update(value)
                stack.append(value)
        elif isinstance(current, list):
            stack.extend(current)
    return sorted(keys)


def json_values(keys: list[str]) -> st.SearchStrategy[Any]:
    key_strategy = st.sampled_from(keys) | st.text(max_size=4)
    return st.recursive(
        SCALARS,
        lambda children: st.lists(children, max_size=4) | st.dictionaries(key_strategy, children, max_size=4),
        max_leaves=12,
    )


def resolve_ref(root: Any, ref: str) -> Any:
    target = root
    for token in ref.lstrip("#").split("/")[1:]:
        target = target[int(token)] if isinstance(target, list) else target[token]
    return target


def guided(schema: Any, root: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values that mostly fit ``schema``, so the differential test also sees many valid instances."""
    if not isinstance(schema, dict) or depth > 4:
        return SCALARS
    if "$ref" in schema:
        return guided(resolve_ref(root, schema["$ref"]), root, depth + 1)
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            return st.one_of([guided(branch, root, depth + 1) for branch in schema[keyword]])
    declared = schema.get("type")
    if declared is None:
        declared = "object" if "properties" in schema else "array" if "prefixItems" in schema else None
    if declared is None:
        return SCALARS
    options = []
    for name in [declared] if isinstance(declared, str) else declared:
        if name == "object":
            properties = schema.get("properties", {})
            required = [key for key in schema.get("required", []) if key in properties]
            options.append(
                st.fixed_dictionaries(
                    {key: guided(properties[key], root, depth + 1) for key in required},
                    optional={
                        key: guided(value, root, depth + 1) for key, value in properties.items() if key not in required
                    },
                )
            )
        elif name == "array":
            items = guided(schema.get("items", True), root, depth + 1)
            prefix = st.tuples(*(guided(item, root, depth + 1) for item in schema.get("prefixItems", [])))
            options.append(st.tuples(prefix, st.lists(items, max_size=2)).map(lambda parts: [*parts[0], *parts[1]]))
        elif name == "string":
            pattern = schema.get("pattern")
            options.append(st.from_regex(pattern, fullmatch=True) if pattern else st.text(max_size=4))
        elif name in ("number", "integer"):
            step = schema.get("multipleOf", 1 if name == "integer" else 0.25)
            options.append(st.integers(min_value=-12, max_value=120).map(lambda n, step=step: n * step))
        else:
            options.append(SCALARS)
    return st.one_of(options)


def instances(schema: Any) -> st.SearchStrategy[Any]:
    return json_values(schema_keys(schema)) | guided(schema, schema)


@pytest.mark.parametrize("schema", DIFFERENTIAL_SCHEMAS, ids=lambda schema: str(schema)[:40])
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_agrees_with_jsonschema(schema: dict[str, Any], data: st.DataObject) -> None:
    compiled = compile_schema(schema)
    reference = jsonschema.Draft202012Validator(schema)
    instance = data.draw(instances(schema))
    valid = compiled.is_valid(instance)
    assert valid == reference.is_valid(instance)
    found = compiled.errors(instance)
    assert (len(found) == 0) == valid
    assert all(error.keyword != "schema" for error in found)  # the internal safety net never fires
    assert found == compiled.errors(instance)
