"""Tests for ``minlint.loader.load.load_document``: telling specs from other YAML files, located problems.

The ``load`` fixture (see conftest) runs ``load_document`` under libyaml and under the pure-Python parser.
"""

from __future__ import annotations

import codecs
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from minlint.loader.load import FORMAT_VERSION, Limits, LoadedFile, load_document
from minlint.loader.nodes import Problem, YMap
from minlint.vocabulary import DUPLICATE, SHAPE, SYNTAX
from minlint.vocabulary import SPEC_KINDS as KNOWN_KINDS

Load = Callable[..., LoadedFile]

SPEC = "minlint: 1\nkind: campaign\nname: Spring sale\n"


def located(problem: Problem) -> tuple[str, int, int]:
    return problem.code, problem.line, problem.column


def single(loaded: LoadedFile) -> Problem:
    assert len(loaded.problems) == 1, loaded.problems
    return loaded.problems[0]


def assert_skipped(loaded: LoadedFile) -> None:
    """A file that is not a spec: no kind, no root, no problems."""
    assert (loaded.kind, loaded.root, loaded.problems) == (None, None, [])
    assert loaded.is_spec is False


def billion_laughs() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


# -- specs --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KNOWN_KINDS)
def test_spec_of_every_known_kind_is_loaded(load: Load, kind: str) -> None:
    loaded = load(f"minlint: 1\nkind: {kind}\n", path="specs/x.yaml")
    assert loaded.path == "specs/x.yaml"
    assert loaded.kind == kind
    assert isinstance(loaded.root, YMap)
    assert loaded.root == {"minlint": 1, "kind": kind}
    assert loaded.problems == []
    assert loaded.is_spec is True


def test_format_version_is_1() -> None:
    assert FORMAT_VERSION == 1


def test_loaded_root_keeps_positions(load: Load) -> None:
    loaded = load("# header\nminlint: 1\nkind: tracking-plan\nevents:\n  - name: click\n")
    assert loaded.root is not None
    assert loaded.root.marks["kind"] == (3, 1, 3, 7)
    assert loaded.root["events"][0].marks["name"] == (5, 5, 5, 11)


def test_flow_style_spec_is_loaded(load: Load) -> None:
    loaded = load("{minlint: 1, kind: purposes}\n")
    assert loaded.kind == "purposes"


def test_duplicate_keys_and_tags_in_a_spec_are_reported_and_the_spec_still_loads(load: Load) -> None:
    loaded = load("minlint: 1\nkind: campaign\nname: a\nname: b\nowner: !custom x\n1: y\n")
    assert loaded.kind == "campaign"
    assert [located(problem) for problem in loaded.problems] == [
        (DUPLICATE, 4, 1),
        (SHAPE, 5, 8),
        (SHAPE, 6, 1),
    ]


def test_tag_in_a_spec_is_never_constructed(load: Load, tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    loaded = load(f"minlint: 1\nkind: campaign\nx: !!python/object/apply:builtins.open [{str(target)!r}, 'w']\n")
    assert located(single(loaded)) == (SHAPE, 3, 4)
    assert not target.exists()


def test_merge_keys_work_in_a_spec(load: Load) -> None:
    loaded = load("minlint: 1\nkind: campaign\nbase: &b {x: 1}\nother: &o {y: 2}\nthing:\n  <<: [*b, *o]\n")
    assert loaded.problems == []
    assert loaded.root is not None
    assert loaded.root["thing"] == {"x": 1, "y": 2}


# -- encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "encoding"),
    [
        (b"", "utf-8"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_spec_in_any_yaml_encoding_with_a_bom_loads_with_the_same_positions(
    load: Load, prefix: bytes, encoding: str
) -> None:
    text = "minlint: 1\nkind: campaign\nnäme: Café 😀\nkey: x\nkey: y\n"
    loaded = load(prefix + text.encode(encoding))
    assert loaded.kind == "campaign"
    assert loaded.root is not None
    assert loaded.root["näme"] == "Café 😀"
    assert loaded.root.marks["näme"] == (3, 1, 3, 7)
    assert [located(problem) for problem in loaded.problems] == [(DUPLICATE, 5, 1)]


def test_spec_with_windows_line_endings_is_located_correctly(load: Load) -> None:
    loaded = load(b"minlint: 1\r\nkind: campaign\r\nname: x\r\nname: y\r\n")
    assert loaded.kind == "campaign"
    assert [located(problem) for problem in loaded.problems] == [(DUPLICATE, 4, 1)]
    assert loaded.root is not None
    assert loaded.root.marks["name"] == (3, 1, 3, 7)


def test_unknown_kind_with_windows_line_endings_is_located_at_the_value(load: Load) -> None:
    loaded = load(b"minlint: 1\r\nkind: nope\r\n")
    assert located(single(loaded)) == (SHAPE, 2, 7)


def test_spec_that_is_not_valid_utf8_is_reported_at_the_bad_byte(load: Load) -> None:
    loaded = load(b"minlint: 1\nkind: campaign\nname: Caf\xc3\xa9 \xff\n")
    problem = single(loaded)
    assert located(problem) == (SYNTAX, 3, 12)
    assert "UTF-8" in problem.message
    assert (loaded.kind, loaded.root) == (None, None)
    assert loaded.is_spec is True


def test_latin1_spec_is_reported_at_the_first_non_utf8_character(load: Load) -> None:
    loaded = load("minlint: 1\nkind: campaign\nname: Café\n".encode("latin-1"))
    assert located(single(loaded)) == (SYNTAX, 3, 10)


def test_latin1_file_without_the_word_minlint_is_skipped(load: Load) -> None:
    assert_skipped(load("name: Café\nowner: Zoë\n".encode("latin-1")))


def test_broken_utf16_spec_is_reported_not_skipped(load: Load) -> None:
    data = codecs.BOM_UTF16_LE + SPEC.encode("utf-16-le") + b"\x00"
    loaded = load(data)
    assert located(single(loaded)) == (SYNTAX, 4, 1)


def test_broken_file_with_a_byte_order_mark_is_reported_even_if_it_is_not_a_spec(load: Load) -> None:
    # A byte order mark says the file means to be text: failing to decode it is reported (ML901).
    problem = single(load(codecs.BOM_UTF16_LE + "a: 1\n".encode("utf-16-le") + b"\x00"))
    assert located(problem) == (SYNTAX, 2, 1)


# -- binary -------------------------------------------------------------------------------------


def test_a_file_of_nul_bytes_is_always_ml901(load: Load) -> None:
    loaded = load(b"\x00" * 1024, path="data.yaml")
    problem = single(loaded)
    assert located(problem) == (SYNTAX, 1, 1)
    assert "binary" in problem.message
    assert loaded.is_spec is True


def test_seeded_random_bytes_are_ml901_binary(load: Load) -> None:
    loaded = load(random.Random(7).randbytes(2048))
    assert located(single(loaded)) == (SYNTAX, 1, 1)


def test_utf16_without_a_bom_looks_binary(load: Load) -> None:
    assert located(single(load(SPEC.encode("utf-16-le")))) == (SYNTAX, 1, 1)


@pytest.mark.parametrize("seed", range(25))
def test_seeded_random_non_nul_bytes_never_raise(load: Load, seed: int) -> None:
    rng = random.Random(seed)
    body = bytes(rng.choice(range(1, 256)) for _ in range(rng.randrange(0, 400)))
    for data in (body, b"minlint: 1\n" + body, body + b"\nminlint: 1\nkind: campaign\n"):
        loaded = load(data)
        for problem in loaded.problems:
            assert problem.code in {SYNTAX, SHAPE, DUPLICATE}
            assert problem.line >= 1
            assert problem.column >= 1


# -- files that are not specs -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "# only a comment\n# minlint: 1\n",
        "services:\n  web:\n    image: minlint/minlint:latest\n    labels:\n      minlint: yes\n",
        "apiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: Service\nmetadata: {name: minlint}\n",
        "- minlint: 1\n  kind: campaign\n",
        "minlint\n",
        "just text mentioning minlint\n",
        "a: 1\na: 2\nb: minlint\n",
        "x: !!python/object/apply:os.system ['echo minlint']\n",
    ],
    ids=[
        "empty",
        "blank-lines",
        "comments-only",
        "docker-compose",
        "kubernetes-multi-document",
        "sequence-root",
        "scalar-root",
        "plain-text",
        "duplicate-keys",
        "tagged",
    ],
)
def test_yaml_file_that_is_not_a_spec_is_skipped_silently(load: Load, text: str) -> None:
    assert_skipped(load(text, path="other.yaml"))


def test_multi_document_file_whose_first_document_is_not_a_spec_is_skipped(load: Load) -> None:
    assert_skipped(load("apiVersion: v1\n---\nminlint: 1\nkind: campaign\n"))


def test_broken_file_that_is_not_a_spec_is_skipped(load: Load) -> None:
    assert_skipped(load("foo: [1, 2\nbar: minlint\n"))


def test_alias_bomb_in_a_file_that_is_not_a_spec_is_skipped(load: Load) -> None:
    assert_skipped(load("# minlint\n" + billion_laughs()))


def test_broken_file_with_only_a_nested_minlint_key_is_skipped(load: Load) -> None:
    assert_skipped(load("services:\n  web:\n    labels:\n      minlint: x\n    ports: [80\n"))


# -- broken specs -------------------------------------------------------------------------------


def test_spec_with_a_syntax_error_is_ml901_at_the_parsers_line(load: Load) -> None:
    loaded = load("minlint: 1\nkind: campaign\nowner: x: y\n")
    problem = single(loaded)
    assert located(problem) == (SYNTAX, 3, 9)
    assert (loaded.kind, loaded.root) == (None, None)
    assert loaded.is_spec is True


def test_spec_with_an_unclosed_flow_sequence_is_ml901(load: Load) -> None:
    loaded = load("minlint: 1\nkind: campaign\nx: [1, 2\n")
    assert located(single(loaded)) == (SYNTAX, 4, 1)


def test_flow_spec_with_a_syntax_error_is_ml901(load: Load) -> None:
    loaded = load("{minlint: 1, kind: campaign, x: y: z}\n")
    assert single(loaded).code == SYNTAX


def test_spec_with_a_quoted_minlint_key_and_a_syntax_error_is_ml901(load: Load) -> None:
    loaded = load("'minlint': 1\nkind: [\n")
    assert single(loaded).code == SYNTAX


def test_spec_with_tab_indentation_is_ml901_with_a_tab_hint(load: Load) -> None:
    loaded = load("minlint: 1\nkind: campaign\nowner:\n\tname: x\n")
    problem = single(loaded)
    assert located(problem) == (SYNTAX, 4, 1)
    assert "tabs" in problem.message


def test_spec_with_a_character_yaml_does_not_allow_is_ml901_at_it(load: Load) -> None:
    loaded = load("minlint: 1\nkind: campaign\nname: Café\x07\n")
    assert located(single(loaded)) == (SYNTAX, 3, 11)


def test_spec_with_an_alias_bomb_is_refused_quickly_with_a_located_ml902(load: Load) -> None:
    started = time.perf_counter()
    loaded = load("minlint: 1\nkind: campaign\n" + billion_laughs())
    assert time.perf_counter() - started < 1.0
    problem = single(loaded)
    assert problem.code == SHAPE
    assert problem.line > 2
    assert "alias" in problem.message
    assert (loaded.kind, loaded.root) == (None, None)


def test_spec_with_a_recursive_alias_is_ml901(load: Load) -> None:
    loaded = load("minlint: 1\nkind: campaign\nx: &x [*x]\n")
    assert located(single(loaded)) == (SYNTAX, 3, 8)


@pytest.mark.parametrize(
    "body",
    ["[" * 10_000 + "]" * 10_000, "{a: " * 10_000 + "}" * 10_000, "\n" + "  - " * 10_000 + "x"],
    ids=["flow-sequence", "flow-mapping", "block"],
)
def test_spec_nested_10000_deep_is_refused_quickly_with_a_located_ml902(load: Load, body: str) -> None:
    started = time.perf_counter()
    loaded = load("minlint: 1\nkind: campaign\nx: " + body + "\n")
    assert time.perf_counter() - started < 2.0
    problem = single(loaded)
    assert problem.code == SHAPE
    assert problem.line == (4 if body.startswith("\n") else 3)
    assert "nested" in problem.message
    assert (loaded.kind, loaded.root) == (None, None)


def test_limits_are_passed_to_the_parser(load: Load) -> None:
    text = "minlint: 1\nkind: campaign\nx: {y: [1]}\n"
    assert load(text).problems == []
    loaded = load(text, limits=Limits(max_depth=2))
    assert located(single(loaded)) == (SHAPE, 3, 8)
    aliased = "minlint: 1\nkind: campaign\na: &a [1, 2]\nb: *a\nc: *a\n"
    assert located(single(load(aliased, limits=Limits(max_alias_nodes=5)))) == (SHAPE, 5, 4)


def test_default_limits_match_the_parser_defaults() -> None:
    assert Limits() == Limits(max_depth=200, max_alias_nodes=100_000)


# -- format version and kind --------------------------------------------------------------------


@pytest.mark.parametrize("version", ["2", "0", "'1'", "true", "~", "[1]"])
def test_wrong_format_version_is_ml902_at_the_value(load: Load, version: str) -> None:
    loaded = load(f"minlint: {version}\nkind: campaign\n")
    problem = single(loaded)
    assert located(problem) == (SHAPE, 1, 10)
    assert "version" in problem.message
    assert (loaded.kind, loaded.root) == (None, None)
    assert loaded.is_spec is True


def test_wrong_format_version_in_a_nested_position_is_located(load: Load) -> None:
    loaded = load("kind: campaign\nminlint:\n  2\n")
    assert located(single(loaded)) == (SHAPE, 3, 3)


def test_missing_kind_is_ml902_at_the_minlint_key(load: Load) -> None:
    loaded = load("name: x\nminlint: 1\n")
    problem = single(loaded)
    assert located(problem) == (SHAPE, 2, 1)
    assert "kind" in problem.message
    assert (loaded.kind, loaded.root) == (None, None)


@pytest.mark.parametrize("kind", ["nope", "Campaign", "1", "~", "[campaign]", "{a: 1}"])
def test_unknown_kind_is_ml902_at_the_kind_value(load: Load, kind: str) -> None:
    loaded = load(f"minlint: 1\nkind: {kind}\n")
    problem = single(loaded)
    assert located(problem) == (SHAPE, 2, 7)
    assert "kind" in problem.message
    assert (loaded.kind, loaded.root) == (None, None)


def test_kind_is_found_through_a_merge_key(load: Load) -> None:
    loaded = load("base: &b {kind: rules}\nminlint: 1\n<<: *b\n")
    assert loaded.kind == "rules"


# -- multiple documents -------------------------------------------------------------------------


def test_second_document_in_a_spec_is_ml902_at_its_start_marker(load: Load) -> None:
    loaded = load(SPEC + "---\nother: 1\n")
    problem = single(loaded)
    assert located(problem) == (SHAPE, 4, 1)
    assert "document" in problem.message
    assert loaded.kind == "campaign"
    assert loaded.root == {"minlint": 1, "kind": "campaign", "name": "Spring sale"}


def test_second_document_in_a_spec_that_starts_with_a_marker_is_located(load: Load) -> None:
    loaded = load("---\n" + SPEC + "...\n---\nother: 1\n")
    assert located(single(loaded)) == (SHAPE, 6, 1)


def test_broken_second_document_in_a_spec_is_not_read(load: Load) -> None:
    loaded = load(SPEC + "---\nother: [unclosed\n")
    assert located(single(loaded)) == (SHAPE, 4, 1)
    assert loaded.kind == "campaign"


def test_second_document_and_a_wrong_version_are_both_reported(load: Load) -> None:
    loaded = load("minlint: 3\nkind: campaign\n---\n")
    assert [located(problem) for problem in loaded.problems] == [(SHAPE, 3, 1), (SHAPE, 1, 10)]
    assert loaded.kind is None


# -- robustness ---------------------------------------------------------------------------------


def test_load_document_defaults_to_libyaml_and_agrees_with_the_pure_parser() -> None:
    data = (SPEC + "dup: 1\ndup: 2\nt: !x 1\n").encode()
    default = load_document("a.yaml", data)
    pure = load_document("a.yaml", data, pure=True)
    assert default.kind == pure.kind == "campaign"
    assert default.root == pure.root
    assert default.problems == pure.problems


def test_plain_hex_prefix_without_digits_in_a_spec_does_not_raise(load: Load) -> None:
    loaded = load("minlint: 1\nkind: campaign\nid: 0x_\n")
    assert isinstance(loaded, LoadedFile)


def test_a_json_file_that_does_not_parse_is_said_to_be_bad_json_at_its_place() -> None:
    loaded = load_document("tsconfig.json", b'{\n  // a comment\n  "compilerOptions": {}\n}\n', named=True)
    (problem,) = loaded.problems
    assert (problem.code, problem.line, problem.column) == ("ML901", 3, 20)
    assert problem.message.startswith("JSON syntax error: ")
    yaml_file = load_document("plan.yaml", b"minlint: 1\nkind: [tracking-plan\n", named=True)
    assert yaml_file.problems[0].message.startswith("YAML syntax error: ")
