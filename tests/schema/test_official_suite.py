"""The official JSON-Schema-Test-Suite (draft 2020-12) against minlint's own schema compiler.

Every test of every case in ``tests/data/json-schema-test-suite/tests/draft2020-12/*.json`` is one
pytest test (see ``SOURCES.md`` there for where the suite comes from).  For each case the schema is
compiled with :func:`compile_schema`; then either

* it compiles, and both :meth:`CompiledSchema.is_valid` and :meth:`CompiledSchema.errors` must agree
  with the suite's ``valid``; or
* the compiler refuses it (:class:`SchemaCompileError`), and the case must be listed in
  :data:`REFUSED` with the reason, and the refusal must be the one listed.

A refusal never gives a wrong answer: minlint reports the schema as unusable instead.  Nothing here
uses the network (the suite's remote documents are not served: remote ``$ref`` is refused on purpose).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from minlint.schema.compiler import CompiledSchema, SchemaCompileError, compile_schema

SUITE = Path(__file__).resolve().parents[1] / "data" / "json-schema-test-suite"
DRAFT = SUITE / "tests" / "draft2020-12"


class Reason(NamedTuple):
    """Why a case is refused, and a fragment the compiler's refusal message must contain."""

    why: str
    message: str


REMOTE = Reason(
    "a `$ref` to another document (the suite's remotes served at localhost:1234, or the draft 2020-12 "
    "metaschema): minlint never loads other documents, so such references are refused on purpose",
    "only references inside the same schema",
)
DYNAMIC = Reason(
    "`$dynamicRef` inside an embedded schema resource (a subschema with its own `$id`): its target "
    "depends on the dynamic scope, which the jsonschema fallback cannot see from a subschema; minlint "
    "supports `$dynamicRef` only where it resolves like `$ref` (a document that is one resource)",
    "`$dynamicRef` is not supported inside a subschema with its own `$id`",
)
DELEGATED_IN_RESOURCE = Reason(
    "`unevaluatedItems`/`unevaluatedProperties` (delegated to jsonschema) inside an embedded schema "
    "resource, here reached through `$dynamicRef`: the delegated validator resolves from the root",
    "is not supported inside a subschema with its own `$id`",
)
UNICODE_PROPERTY = Reason(
    "the pattern uses a Unicode property escape (`\\p{Letter}`), which Python's `re` does not support",
    "is not a valid pattern",
)
DIALECT = Reason(
    "a custom metaschema (`$schema` other than draft 2020-12) can switch vocabularies on or off; "
    "minlint implements draft 2020-12 only and refuses other dialects rather than guess",
    "only draft 2020-12 schemas are supported",
)

REFUSED: dict[str | tuple[str, str], Reason] = {
    # a whole file
    "refRemote.json": REMOTE,
    "vocabulary.json": DIALECT,
    # one case of a file
    ("defs.json", "validate definition against metaschema"): REMOTE,
    ("ref.json", "remote ref, containing refs itself"): REMOTE,
    ("dynamicRef.json", "strict-tree schema, guards against misspelled properties"): REMOTE,
    ("dynamicRef.json", "tests for implementation dynamic anchor and reference link"): REMOTE,
    ("dynamicRef.json", "$ref and $dynamicAnchor are independent of order - $defs first"): REMOTE,
    ("dynamicRef.json", "$ref and $dynamicAnchor are independent of order - $ref first"): REMOTE,
    ("dynamicRef.json", "$ref to $dynamicRef finds detached $dynamicAnchor"): REMOTE,
    (
        "dynamicRef.json",
        "A $dynamicRef resolves to the first $dynamicAnchor still in scope that is encountered when the schema is "
        "evaluated",
    ): DYNAMIC,
    ("dynamicRef.json", "A $dynamicRef without anchor in fragment behaves identical to $ref"): DYNAMIC,
    (
        "dynamicRef.json",
        "A $dynamicRef with intermediate scopes that don't include a matching $dynamicAnchor does not affect "
        "dynamic scope resolution",
    ): DYNAMIC,
    ("dynamicRef.json", "An $anchor with the same name as a $dynamicAnchor is not used for dynamic scope resolution"): (
        DYNAMIC
    ),
    (
        "dynamicRef.json",
        "A $dynamicRef without a matching $dynamicAnchor in the same schema resource behaves like a normal $ref to "
        "$anchor",
    ): DYNAMIC,
    (
        "dynamicRef.json",
        "A $dynamicRef with a non-matching $dynamicAnchor in the same schema resource behaves like a normal $ref to "
        "$anchor",
    ): DYNAMIC,
    (
        "dynamicRef.json",
        "A $dynamicRef that initially resolves to a schema with a matching $dynamicAnchor resolves to the first "
        "$dynamicAnchor in the dynamic scope",
    ): DYNAMIC,
    (
        "dynamicRef.json",
        "A $dynamicRef that initially resolves to a schema without a matching $dynamicAnchor behaves like a normal "
        "$ref to $anchor",
    ): DYNAMIC,
    ("dynamicRef.json", "multiple dynamic paths to the $dynamicRef keyword"): DYNAMIC,
    ("dynamicRef.json", "after leaving a dynamic scope, it is not used by a $dynamicRef"): DYNAMIC,
    ("dynamicRef.json", "$dynamicRef skips over intermediate resources - direct reference"): DYNAMIC,
    ("dynamicRef.json", "$dynamicRef avoids the root of each schema, but scopes are still registered"): DYNAMIC,
    ("unevaluatedItems.json", "unevaluatedItems with $dynamicRef"): DELEGATED_IN_RESOURCE,
    ("unevaluatedProperties.json", "unevaluatedProperties with $dynamicRef"): DELEGATED_IN_RESOURCE,
    ("pattern.json", "pattern with Unicode property escape requires unicode mode"): UNICODE_PROPERTY,
    ("patternProperties.json", "patternProperties with Unicode property escape"): UNICODE_PROPERTY,
}
"""Cases the compiler refuses on purpose: by file name (every case of it) or by (file, case description)."""


@cache
def suite_file(name: str) -> list[dict[str, Any]]:
    """The cases of one suite file."""
    cases: list[dict[str, Any]] = json.loads((DRAFT / name).read_text(encoding="utf-8"))
    return cases


def suite_names() -> list[str]:
    """The suite's top-level draft 2020-12 files (not ``optional/``)."""
    return sorted(path.name for path in DRAFT.glob("*.json"))


def refusal(name: str, description: str) -> Reason | None:
    """The listed reason for refusing a case, if any."""
    return REFUSED.get((name, description)) or REFUSED.get(name)


@cache
def compiled(name: str, case: int) -> CompiledSchema | SchemaCompileError:
    """The compiled schema of one case, or the compiler's refusal (compiled once per case)."""
    try:
        return compile_schema(suite_file(name)[case]["schema"])
    except SchemaCompileError as error:
        return error


def suite_tests() -> list[Any]:
    """One pytest parameter per (file, case, test)."""
    params = []
    for name in suite_names():
        for case_index, case in enumerate(suite_file(name)):
            for test_index, test in enumerate(case["tests"]):
                expected = "valid" if test["valid"] else "invalid"
                test_id = f"{name}::{case['description']}::{test['description']}::{expected}"
                params.append(pytest.param(name, case_index, test_index, id=test_id))
    return params


@pytest.mark.parametrize(("name", "case_index", "test_index"), suite_tests())
def test_official_suite(name: str, case_index: int, test_index: int) -> None:
    case = suite_file(name)[case_index]
    test = case["tests"][test_index]
    reason = refusal(name, case["description"])
    result = compiled(name, case_index)
    if isinstance(result, SchemaCompileError):
        assert reason is not None, f"the compiler refuses this schema, and REFUSED does not list it: {result}"
        assert reason.message in str(result), f"refused for another reason than listed ({reason.why}): {result}"
        pytest.skip(f"refused on purpose: {reason.why}")
    assert reason is None, f"listed in REFUSED ({reason.why}), but the schema compiles: remove it from REFUSED"
    data, valid = test["data"], test["valid"]
    assert result.is_valid(data) is valid
    errors = result.errors(data)
    assert bool(list(errors)) is (not valid), errors


@pytest.mark.parametrize("key", list(REFUSED), ids=lambda key: key if isinstance(key, str) else "::".join(key))
def test_refused_entries_are_still_refused(key: str | tuple[str, str]) -> None:
    name, description = (key, None) if isinstance(key, str) else key
    assert name in suite_names(), f"no suite file {name}"
    cases = [
        (index, case)
        for index, case in enumerate(suite_file(name))
        if description is None or case["description"] == description
    ]
    assert cases, f"no case {description!r} in {name}"
    for index, case in cases:
        result = compiled(name, index)
        assert isinstance(result, SchemaCompileError), f"{case['description']!r} now compiles: remove it from REFUSED"
        assert REFUSED[key].message in str(result), result


def test_suite_files_are_present() -> None:
    names = suite_names()
    assert len(names) >= 40, names
    assert (SUITE / "LICENSE").is_file()
    cases = [case for name in names for case in suite_file(name)]
    tests = [test for case in cases for test in case["tests"]]
    assert len(cases) > 300
    assert len(tests) > 1000
    assert len(suite_tests()) == len(tests)
    refused = [
        test
        for name in names
        for case in suite_file(name)
        if refusal(name, case["description"])
        for test in case["tests"]
    ]
    assert len(refused) < len(tests) / 10, "nearly all of the suite must actually run"


# --------------------------------------------------------------------------------------------------
# Beyond the suite: wrong answers found while running it, now agreeing with jsonschema or refused
# --------------------------------------------------------------------------------------------------

EMBEDDED = {
    "$id": "https://example.com/root",
    "$defs": {"x": {"type": "string"}},
    "properties": {
        "foo": {"$id": "https://example.com/other", "$defs": {"x": {"type": "integer"}}, "$ref": "#/$defs/x"}
    },
}
ANCHOR_IN_OTHER_RESOURCE = {
    "$ref": "#a",
    "$defs": {"r": {"$id": "https://example.com/r", "$anchor": "a", "type": "integer"}, "s": {"$anchor": "a"}},
}
POINTER_INTO_RESOURCE = {
    "$ref": "#/$defs/a/$defs/b",
    "$defs": {
        "a": {"$id": "https://example.com/a", "$defs": {"b": {"$ref": "#/$defs/c"}, "c": {"type": "integer"}}},
        "c": {"type": "string"},
    },
}


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        (EMBEDDED, {"foo": 1}),
        (EMBEDDED, {"foo": "x"}),
        (ANCHOR_IN_OTHER_RESOURCE, "x"),
        (ANCHOR_IN_OTHER_RESOURCE, 1),
        (POINTER_INTO_RESOURCE, 1),
        (POINTER_INTO_RESOURCE, "x"),
        ({"properties": {"enum": {"$anchor": "a", "type": "integer"}}, "$ref": "#a"}, "x"),
        ({"$defs": {"a": {"$id": "a.json", "type": "string"}}, "$ref": "a.json"}, 1),
        ({"$dynamicRef": "#n", "$defs": {"a": {"$dynamicAnchor": "n", "type": "string"}}}, 1),
    ],
    ids=[
        "pointer in an embedded resource::integer",
        "pointer in an embedded resource::text",
        "anchor of another resource::text",
        "anchor of another resource::integer",
        "pointer into an embedded resource::integer",
        "pointer into an embedded resource::text",
        "anchor under a property named enum",
        "ref by relative $id",
        "$dynamicRef in a one-resource schema",
    ],
)
def test_references_resolve_against_their_own_schema_resource(schema: dict[str, Any], instance: object) -> None:
    import jsonschema

    expected = jsonschema.Draft202012Validator(schema).is_valid(instance)
    compiled = compile_schema(schema)
    assert compiled.is_valid(instance) is expected
    assert (compiled.errors(instance) == []) is expected


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        # jsonschema would raise (or try to fetch the URL) mid-validation
        ({"dependentSchemas": {"a": {"$ref": "http://localhost:1/x.json"}}}, "only references inside the same schema"),
        ({"$id": "https://example.com/", "$defs": {"n": {"$id": "n", "dependentSchemas": {}}}}, "its own `$id`"),
        ({"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"}, "only draft 2020-12"),
        ({"$defs": {"a": {"$anchor": "a"}, "b": {"$anchor": "a"}}, "$ref": "#a"}, "declared twice"),
    ],
    ids=[
        "remote ref under a delegated keyword",
        "delegated keyword in an embedded resource",
        "draft-07",
        "same anchor",
    ],
)
def test_what_would_be_evaluated_wrongly_is_refused(schema: dict[str, Any], message: str) -> None:
    with pytest.raises(SchemaCompileError, match=re.escape(message)):
        compile_schema(schema)
