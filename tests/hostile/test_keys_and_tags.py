"""Keys that are not text (``1:``, ``null:``, ``on:``, ``[a]:``) and YAML tags (``!!python/object``, ``!custom``).

A key YAML reads as a number, a boolean, null or a collection is ML902 at the key, saying how to quote it.
A tag other than the JSON-like core ones is ML902 at the tag and is never constructed — no Python object is
ever built from a spec, whatever its tags say.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunMinlint
from tests.hostile.support import HEADER, Batch, check_batch, check_json

# name: (text after the header, (line, column), message fragment)
KEYS: dict[str, tuple[str, tuple[int, int], str]] = {
    "integer-at-the-top": ("1: a\n", (4, 1), "key `1` is read as a number, not as a name; quote it (`'1':`)"),
    "integer-field-name": ("traits:\n  404: {}\n", (5, 3), "key `404` is read as a number"),
    "integer-event-name": ("events:\n  404: {}\n", (5, 3), "key `404` is read as a number"),
    "float": ("1.5: x\n", (4, 1), "key `1.5` is read as a number"),
    "hexadecimal": ("0x1F: x\n", (4, 1), "key `0x1F` is read as a number"),
    "sexagesimal-yaml-1-1": ("traits:\n  1:30: {}\n", (5, 3), "key `1:30` is read as a number"),
    "infinity": (".inf: x\n", (4, 1), "key `.inf` is read as a number"),
    "not-a-number": (".nan: x\n", (4, 1), "key `.nan` is read as a number"),
    "null": ("null: x\n", (4, 1), "key `null` is read as null, not as a name; quote it (`'null':`)"),
    "tilde": ("~: x\n", (4, 1), "key `~` is read as null"),
    "boolean-on-yaml-1-1": ("traits:\n  on: {}\n", (5, 3), "key `on` is read as true/false"),
    "boolean-no-yaml-1-1": ("traits:\n  no: {}\n", (5, 3), "key `no` is read as true/false"),
    "boolean-in-a-flow-mapping": ("traits: {yes: {}}\n", (4, 10), "key `yes` is read as true/false"),
    "integer-purpose-in-a-basis-mapping": ("traits:\n  a: {basis: {1: consent}}\n", (5, 15), "key `1`"),
    "flow-sequence": ("[a]: b\n", (4, 1), "a mapping key must be a name, not a list or mapping"),
    "flow-mapping": ("{a: b}: c\n", (4, 1), "a mapping key must be a name, not a list or mapping"),
    "explicit-flow-sequence": ("? [a, b]\n: x\n", (4, 3), "a mapping key must be a name"),
    "explicit-block-sequence": ("? - a\n  - b\n: x\n", (4, 3), "a mapping key must be a name"),
}

# name: (text after the header, the fields it defines)
KEYS_THAT_ARE_TEXT: dict[str, tuple[str, set[str]]] = {
    "quoted-number": ("traits:\n  '1': {}\n", {"traits.1"}),
    "string-tagged-number": ("traits:\n  !!str 404: {}\n", {"traits.404"}),
    "date-stays-text": ("traits:\n  2024-01-01: {}\n", {"traits.2024-01-01"}),
    "quoted-merge-key-is-a-name": ("traits:\n  '<<': {}\n", {"traits.<<"}),
    "quoted-boolean-words": ("traits:\n  'on': {}\n  \"no\": {}\n", {"traits.on", "traits.no"}),
}

# name: (text after the header, (line, column), shown tag)
TAGS: dict[str, tuple[str, tuple[int, int], str]] = {
    "python-object-apply": ("x-p: !!python/object/apply:os.system [MARK]\n", (4, 6), "!!python/object/apply:os.system"),
    "python-object-new": ("x-p: !!python/object/new:os.system [MARK]\n", (4, 6), "!!python/object/new:os.system"),
    "python-object": ("x-p: !!python/object:os.system {a: 1}\n", (4, 6), "!!python/object:os.system"),
    "python-name": ("x-p: !!python/name:os.system\n", (4, 6), "!!python/name:os.system"),
    "python-module": ("x-p: !!python/module:os\n", (4, 6), "!!python/module:os"),
    "python-tag-on-a-field": (
        "traits:\n  a: !!python/object/apply:os.system [MARK]\n",
        (5, 6),
        "!!python/object/apply",
    ),
    "python-tag-on-a-key": ("!!python/object/apply:os.system [MARK]: 1\n", (4, 1), "!!python/object/apply"),
    "python-tag-on-the-document": ("", (1, 5), "!!python/object:os.system"),  # see _tag_text
    "verbatim-python-tag": (
        "x-p: !<tag:yaml.org,2002:python/object/apply:os.system> [MARK]\n",
        (4, 6),
        "!!python/object/apply:os.system",
    ),
    "python-tag-through-a-tag-directive": ("", (6, 6), "!!python/object/apply:os.system"),  # see _tag_text
    "custom-tag-on-a-scalar": ("x-c: !secret db-password\n", (4, 6), "!secret"),
    "custom-tag-on-a-sequence": ("x-c: !custom [a]\n", (4, 6), "!custom"),
    "custom-tag-on-a-key": ("traits:\n  !custom email: {}\n", (5, 3), "!custom"),
    "custom-global-tag": ("x-c: !<tag:evil.example,2002:thing> x\n", (4, 6), "tag:evil.example,2002:thing"),
    "binary": ("x-b: !!binary aGVsbG8=\n", (4, 6), "!!binary"),
    "set": ("x-s: !!set {a, b}\n", (4, 6), "!!set"),
    "ordered-map": ("x-o: !!omap [a: 1]\n", (4, 6), "!!omap"),
    "timestamp": ("x-t: !!timestamp 2001-12-14\n", (4, 6), "!!timestamp"),
}

CORE_TAGS_THAT_WORK = "x-s: !!str 1\nx-i: !!int '3'\nx-m: !!map {a: 1}\nx-l: !!seq [a]\nx-n: ! 12\nx-b: !!bool true\n"


def _tag_text(name: str, marker: Path) -> str:
    if name == "python-tag-on-the-document":
        text = "--- !!python/object:os.system\n" + HEADER
    elif name == "python-tag-through-a-tag-directive":
        text = "%TAG !py! tag:yaml.org,2002:python/object/apply:\n---\n" + HEADER + "x-p: !py!os.system [MARK]\n"
    else:
        text = HEADER + TAGS[name][0]
    return text.replace("MARK", f"'touch {marker}'")


@pytest.fixture(scope="module")
def keys_and_tags(tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint) -> tuple[Batch, Path]:
    folder = tmp_path_factory.mktemp("tags")
    markers = tmp_path_factory.mktemp("markers")
    files = {f"key-{name}.yaml": HEADER + text for name, (text, _, _) in KEYS.items()}
    files.update({f"text-key-{name}.yaml": HEADER + text for name, (text, _) in KEYS_THAT_ARE_TEXT.items()})
    files.update({f"tag-{name}.yaml": _tag_text(name, markers / name) for name in TAGS})
    files["core-tags.yaml"] = HEADER + CORE_TAGS_THAT_WORK
    return check_batch(run_minlint_module, folder, files), markers


@pytest.mark.parametrize(
    ("name", "where", "message"), [(name, *case[1:]) for name, case in KEYS.items()], ids=list(KEYS)
)
def test_key_that_is_not_text_is_ml902_at_the_key(
    keys_and_tags: tuple[Batch, Path], name: str, where: tuple[int, int], message: str
) -> None:
    batch, _ = keys_and_tags
    (finding,) = [item for item in batch.findings(f"key-{name}.yaml") if item["rule"] == "ML902"]
    assert (finding["rule"], (finding["line"], finding["column"])) == ("ML902", where)
    assert message in finding["message"]


@pytest.mark.parametrize("name", list(KEYS_THAT_ARE_TEXT))
def test_keys_written_as_text_are_field_names(keys_and_tags: tuple[Batch, Path], name: str) -> None:
    batch, _ = keys_and_tags
    findings = batch.findings(f"text-key-{name}.yaml")
    assert "ML902" not in {item["rule"] for item in findings}
    # The fields declare nothing, so each is missing a purpose (ML001): that names them.
    assert {item["target"] for item in findings if item["rule"] == "ML001"} == KEYS_THAT_ARE_TEXT[name][1]


@pytest.mark.parametrize(("name", "where", "tag"), [(name, *case[1:]) for name, case in TAGS.items()], ids=list(TAGS))
def test_tag_is_ml902_at_the_tag_and_never_constructed(
    keys_and_tags: tuple[Batch, Path], name: str, where: tuple[int, int], tag: str
) -> None:
    batch, markers = keys_and_tags
    tagged = [item for item in batch.findings(f"tag-{name}.yaml") if "YAML tag" in item["message"]]
    assert [(item["rule"], (item["line"], item["column"])) for item in tagged] == [("ML902", where)]
    assert f"`{tag}" in tagged[0]["message"]
    assert "never constructs tagged objects" in tagged[0]["message"]
    assert not (markers / name).exists()


def test_no_tag_ran_any_code(keys_and_tags: tuple[Batch, Path]) -> None:
    _, markers = keys_and_tags
    assert list(markers.iterdir()) == []


def test_json_like_core_tags_are_allowed(keys_and_tags: tuple[Batch, Path]) -> None:
    batch, _ = keys_and_tags
    assert batch.findings("core-tags.yaml") == []
    assert (batch.code, batch.stderr) == (1, "")


def test_core_tag_on_text_of_another_type_is_a_located_finding(run_minlint: RunMinlint, tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(HEADER + "x-i: !!int three\nx-b: !!bool maybe\n", encoding="utf-8")
    _, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert [(item["line"], item["column"], item["message"]) for item in document["findings"]] == [
        (4, 6, "`three` is not a whole number (tagged `!!int`)"),
        (5, 6, "`maybe` is not true or false (tagged `!!bool`)"),
    ]
