"""Tests for ``minlint.loader.tree.parse_yaml``: values, positions and problems, under both parsers.

The ``parse`` fixture (see conftest) is ``parse_yaml`` bound to libyaml or to PyYAML's pure-Python
parser; every test taking it runs under both. Where the parsers legitimately differ, the test name
says so and each parser's behaviour is asserted explicitly.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from minlint.loader.nodes import ParsedYaml, Problem, YMap, YSeq
from minlint.loader.tree import HAVE_LIBYAML, parse_yaml
from minlint.vocabulary import DUPLICATE, SHAPE, SYNTAX

Parse = Callable[..., ParsedYaml]

needs_libyaml = pytest.mark.skipif(not HAVE_LIBYAML, reason="PyYAML was built without libyaml")


def ok(parse: Parse, text: str) -> YMap:
    """Parse ``text``, which must read cleanly into a mapping."""
    parsed = parse(text)
    assert parsed.problems == []
    assert parsed.fatal is False
    assert isinstance(parsed.root, YMap)
    return parsed.root


def single(parsed: ParsedYaml) -> Problem:
    assert len(parsed.problems) == 1, parsed.problems
    return parsed.problems[0]


def located(problem: Problem) -> tuple[str, int, int]:
    return problem.code, problem.line, problem.column


def billion_laughs(levels: int = 9) -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    previous = "a"
    for name in "bcdefghijklmnop"[: levels - 1]:
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


# -- values -------------------------------------------------------------------------------------


def test_mappings_are_ymap_and_sequences_are_yseq(parse: Parse) -> None:
    root = ok(parse, "a:\n  b: [1, 2]\n  c:\n  - x\n")
    assert type(root) is YMap
    assert type(root["a"]) is YMap
    assert type(root["a"]["b"]) is YSeq
    assert type(root["a"]["c"]) is YSeq
    assert root == {"a": {"b": [1, 2], "c": ["x"]}}


def test_scalars_resolve_by_yaml_1_1_rules(parse: Parse) -> None:
    root = ok(
        parse,
        "a: yes\nb: No\nc: on\nd: 0x1F\ne: 1_000\nf: .inf\ng: -.Inf\nh: ~\ni: 2026-01-01\n"
        "j: '1'\nk: \"true\"\nl: 017\nm: 1:30\nn: 1.5\no: null\np:\nq: text\nr: 0o17\ns: '2026-01-01'\n",
    )
    assert root == {
        "a": True,
        "b": False,
        "c": True,
        "d": 31,
        "e": 1000,
        "f": math.inf,
        "g": -math.inf,
        "h": None,
        "i": "2026-01-01",
        "j": "1",
        "k": "true",
        "l": 15,
        "m": 90,
        "n": 1.5,
        "o": None,
        "p": None,
        "q": "text",
        "r": "0o17",
        "s": "2026-01-01",
    }
    assert type(root["a"]) is bool
    assert type(root["d"]) is int


def test_nan_resolves_to_float_nan(parse: Parse) -> None:
    value = ok(parse, "a: .NaN\n")["a"]
    assert isinstance(value, float)
    assert math.isnan(value)


def test_quoted_scalars_always_stay_text(parse: Parse) -> None:
    root = ok(parse, "a: '1'\nb: \"yes\"\nc: '~'\nd: \"0x1F\"\ne: ''\n")
    assert root == {"a": "1", "b": "yes", "c": "~", "d": "0x1F", "e": ""}


def test_block_scalars_keep_their_text(parse: Parse) -> None:
    root = ok(parse, "a: |\n  line 1\n  line 2\nb: >-\n  folded\n  text\nc: |-\n  1\n")
    assert root == {"a": "line 1\nline 2\n", "b": "folded text", "c": "1"}


def test_explicitly_allowed_core_tags_are_constructed_without_problems(parse: Parse) -> None:
    root = ok(
        parse, "a: !!str 1\nb: !!int '12'\nc: !!float 1\nd: !!bool yes\ne: !!null ''\nf: !!map {x: 1}\ng: !!seq [1]\n"
    )
    assert root == {"a": "1", "b": 12, "c": 1.0, "d": True, "e": None, "f": {"x": 1}, "g": [1]}
    assert type(root["c"]) is float


def test_core_tag_on_wrong_text_is_reported_at_the_tag_and_text_kept(parse: Parse) -> None:
    parsed = parse("a: 1\nb: !!int abc\n")
    assert located(single(parsed)) == (SHAPE, 2, 4)
    assert "abc" in single(parsed).message
    assert parsed.fatal is False
    assert parsed.root == {"a": 1, "b": "abc"}


def test_bool_tag_on_text_that_is_not_a_boolean_is_reported(parse: Parse) -> None:
    parsed = parse("a: !!bool banana\n")
    assert located(single(parsed)) == (SHAPE, 1, 4)
    assert parsed.root == {"a": "banana"}


def test_empty_text_has_no_root_and_no_problems(parse: Parse) -> None:
    parsed = parse("")
    assert (parsed.root, parsed.problems, parsed.fatal, parsed.second_document) == (None, [], False, None)


def test_comments_only_text_has_no_root_and_no_problems(parse: Parse) -> None:
    parsed = parse("# just a comment\n  # another\n")
    assert (parsed.root, parsed.problems, parsed.fatal) == (None, [], False)


def test_a_scalar_document_is_the_root(parse: Parse) -> None:
    assert parse("hello\n").root == "hello"
    assert parse("42\n").root == 42


def test_root_equals_safe_load_for_ordinary_yaml(parse: Parse) -> None:
    text = (
        "name: tracking\nevents:\n  - name: click\n    props: {button: primary, count: 3}\n"
        "  - name: view\n    props: []\nflags: [yes, no, ~]\nratio: 0.5\n"
    )
    assert parse(text).root == yaml.safe_load(text)


# -- positions ----------------------------------------------------------------------------------


def test_block_mapping_records_key_and_value_positions(parse: Parse) -> None:
    root = ok(parse, "name: tracking\ncount:   3\n'quoted': \"v\"\n")
    assert (root.line, root.column) == (1, 1)
    assert root.marks == {
        "name": (1, 1, 1, 7),
        "count": (2, 1, 2, 10),
        "quoted": (3, 1, 3, 11),
    }


def test_null_value_is_placed_right_after_the_colon(parse: Parse) -> None:
    root = ok(parse, "a:\nb: 2\n")
    assert root == {"a": None, "b": 2}
    assert root.marks["a"] == (1, 1, 1, 3)
    assert root.marks["b"] == (2, 1, 2, 4)


def test_nested_block_mapping_value_is_placed_at_its_first_key(parse: Parse) -> None:
    root = ok(parse, "outer:\n  inner:\n    leaf: 1\n")
    assert root.marks["outer"] == (1, 1, 2, 3)
    inner = root["outer"]
    assert (inner.line, inner.column) == (2, 3)
    assert inner.marks["inner"] == (2, 3, 3, 5)
    assert inner["inner"].marks["leaf"] == (3, 5, 3, 11)


def test_flow_mapping_records_key_and_value_positions(parse: Parse) -> None:
    root = ok(parse, "a: {x: 1, 'y': [2], z: {w: 3}}\n")
    flow = root["a"]
    assert (flow.line, flow.column) == (1, 4)
    assert flow.marks == {"x": (1, 5, 1, 8), "y": (1, 11, 1, 16), "z": (1, 21, 1, 24)}
    assert flow["z"].marks["w"] == (1, 25, 1, 28)


def test_flow_mapping_key_without_value_is_null_placed_at_the_comma(parse: Parse) -> None:
    root = ok(parse, "{a, b: 1}\n")
    assert root == {"a": None, "b": 1}
    assert root.marks["a"] == (1, 2, 1, 3)


def test_flow_mapping_empty_value_position_differs_libyaml_at_brace_pure_after_colon(parse: Parse, pure: bool) -> None:
    root = ok(parse, "{c: }\n")
    assert root == {"c": None}
    # libyaml places the empty value where the next token (`}`) starts; PyYAML right after the colon.
    assert root.marks["c"] == ((1, 2, 1, 4) if pure else (1, 2, 1, 5))


def test_block_sequence_items_are_located(parse: Parse) -> None:
    root = ok(parse, "items:\n  - one\n  -   two\n  - 'three'\n")
    items = root["items"]
    assert root.marks["items"] == (1, 1, 2, 3)
    assert (items.line, items.column) == (2, 3)
    assert items.marks == [(2, 5), (3, 7), (4, 5)]


def test_indentless_sequence_under_a_key_is_located_at_its_first_dash(parse: Parse) -> None:
    root = ok(parse, "a:\n- 1\n- 2\n")
    assert root.marks["a"] == (1, 1, 2, 1)
    assert root["a"].marks == [(2, 3), (3, 3)]


def test_flow_sequence_items_are_located_including_nested_ones(parse: Parse) -> None:
    root = ok(parse, "a: [1, [2, 3], {b: 4}]\n")
    seq = root["a"]
    assert (seq.line, seq.column) == (1, 4)
    assert seq.marks == [(1, 5), (1, 8), (1, 16)]
    assert seq[1].marks == [(1, 9), (1, 12)]
    assert seq[2].marks["b"] == (1, 17, 1, 20)


def test_sequence_of_mappings_locates_every_key(parse: Parse) -> None:
    root = ok(parse, "events:\n  - name: a\n    pii: no\n  - name: b\n")
    events = root["events"]
    assert events.marks == [(2, 5), (4, 5)]
    assert events[0].marks == {"name": (2, 5, 2, 11), "pii": (3, 5, 3, 10)}
    assert events[1].marks == {"name": (4, 5, 4, 11)}
    assert (events[0].line, events[0].column) == (2, 5)


def test_nested_block_sequences_on_one_line_are_located(parse: Parse) -> None:
    root = parse("- - - x\n").root
    assert isinstance(root, YSeq)
    assert root.marks == [(1, 3)]
    assert root[0].marks == [(1, 5)]
    assert root[0][0].marks == [(1, 7)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: |\n  x\n  y\nb: 1\n", "x\ny\n"),
        ("a: >-\n  x\n  y\nb: 1\n", "x y"),
        ("a: 'x\n  y'\nb: 1\n", "x y"),
        ('a: "x\\\n  y"\nb: 1\n', "xy"),
        ("a: x\n  y\nb: 1\n", "x y"),
    ],
    ids=["literal", "folded", "single-quoted", "double-quoted", "plain"],
)
def test_multi_line_value_starts_on_its_key_line_and_the_next_key_is_located(
    parse: Parse, text: str, value: str
) -> None:
    root = ok(parse, text)
    assert root["a"] == value
    assert root.marks["a"] == (1, 1, 1, 4)
    line = text.count("\n")
    assert root.marks["b"] == (line, 1, line, 4)


def test_columns_count_characters_not_bytes_after_non_ascii_text(parse: Parse) -> None:
    root = ok(parse, "né: ü\nñame: {é: 😀, ключ: [日本, x]}\n")
    assert root.marks["né"] == (1, 1, 1, 5)
    assert root.marks["ñame"] == (2, 1, 2, 7)
    inner = root["ñame"]
    assert inner.marks["é"] == (2, 8, 2, 11)
    assert inner.marks["ключ"] == (2, 14, 2, 20)
    assert inner["ключ"].marks == [(2, 21), (2, 25)]


def test_windows_line_endings_keep_positions_right(parse: Parse) -> None:
    root = ok(parse, "a: 1\r\nb:\r\n  c: 2\r\n  d:\r\n    - x\r\ne: |\r\n  t\r\nf: 3\r\n")
    assert root == {"a": 1, "b": {"c": 2, "d": ["x"]}, "e": "t\n", "f": 3}
    assert root.marks["a"] == (1, 1, 1, 4)
    assert root.marks["b"] == (2, 1, 3, 3)
    assert root["b"].marks == {"c": (3, 3, 3, 6), "d": (4, 3, 5, 5)}
    assert root["b"]["d"].marks == [(5, 7)]
    assert root.marks["f"] == (8, 1, 8, 4)


def test_a_leading_bom_character_does_not_shift_columns(parse: Parse) -> None:
    root = ok(parse, "\ufeffa: 1\nb: 2\n")
    assert root.marks == {"a": (1, 1, 1, 4), "b": (2, 1, 2, 4)}


def test_bom_character_inside_a_line_counts_as_a_column_in_libyaml_but_not_in_the_pure_parser(
    parse: Parse, pure: bool
) -> None:
    # U+FEFF after the start of the text is an ordinary (invisible) character; PyYAML's pure reader
    # does not advance the column for it, libyaml does (libyaml matches "columns count characters").
    root = ok(parse, "k\ufeff: v\n")
    assert root.marks["k\ufeff"] == ((1, 1, 1, 4) if pure else (1, 1, 1, 5))


def test_explicit_key_is_located_after_the_question_mark(parse: Parse) -> None:
    root = ok(parse, "? a\n: 1\n")
    assert root.marks["a"] == (1, 3, 2, 3)


def test_anchored_value_is_located_at_its_anchor(parse: Parse) -> None:
    root = ok(parse, "a: &x 1\nb: &m\n  c: 2\n")
    assert root.marks["a"] == (1, 1, 1, 4)
    assert root.marks["b"] == (2, 1, 2, 4)
    assert root["b"].marks["c"] == (3, 3, 3, 6)


def test_alias_value_is_located_at_the_alias_and_keeps_the_anchors_inner_positions(parse: Parse) -> None:
    root = ok(parse, "a: &x\n  b: 1\nc: *x\n")
    assert root["c"] == {"b": 1}
    assert root.marks["c"] == (3, 1, 3, 4)
    assert root["c"].marks["b"] == (2, 3, 2, 6)


# -- anchors, aliases and merge keys ------------------------------------------------------------


def test_scalar_and_collection_aliases_are_expanded(parse: Parse) -> None:
    root = ok(parse, "a: &s text\nb: &l [1, 2]\nc: &m {k: v}\nd: *s\ne: *l\nf: *m\ng: [*s, *m]\n")
    assert root["d"] == "text"
    assert root["e"] == [1, 2]
    assert root["f"] == {"k": "v"}
    assert root["g"] == ["text", {"k": "v"}]


def test_merge_key_copies_the_keys_of_a_mapping(parse: Parse) -> None:
    root = ok(parse, "base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  z: 3\n")
    assert root["thing"] == {"x": 1, "y": 2, "z": 3}
    assert "<<" not in root["thing"]


def test_explicit_keys_win_over_merged_keys_without_a_duplicate_report(parse: Parse) -> None:
    root = ok(parse, "base: &b {x: 1, y: 2}\nafter:\n  <<: *b\n  x: 10\nbefore:\n  x: 20\n  <<: *b\n")
    assert root["after"] == {"x": 10, "y": 2}
    assert root["before"] == {"x": 20, "y": 2}


def test_merge_of_a_list_of_mappings_lets_earlier_mappings_win(parse: Parse) -> None:
    text = "a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n  z: 3\n"
    root = ok(parse, text)
    assert root["c"] == {"x": 1, "y": 2, "z": 3}
    assert root == yaml.safe_load(text)


def test_merged_keys_keep_the_positions_of_their_definition(parse: Parse) -> None:
    root = ok(parse, "a: &a {x: 1}\nc:\n  <<: *a\n  z: 3\n")
    assert root["c"].marks["x"] == (1, 8, 1, 11)
    assert root["c"].marks["z"] == (4, 3, 4, 6)


def test_chained_merges_and_several_merge_keys_work(parse: Parse) -> None:
    text = "a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b, z: 3}\nd:\n  <<: {p: 1}\n  <<: {q: 2}\n"
    root = ok(parse, text)
    assert root["c"] == {"x": 1, "y": 2, "z": 3}
    assert root["d"] == {"p": 1, "q": 2}
    assert root == yaml.safe_load(text)


def test_quoted_merge_key_is_an_ordinary_key(parse: Parse) -> None:
    root = ok(parse, "c:\n  '<<': {x: 1}\n")
    assert root["c"] == {"<<": {"x": 1}}


def test_alias_to_a_text_scalar_works_as_a_key(parse: Parse) -> None:
    root = ok(parse, "a: &k key\nb: {*k : 1}\n")
    assert root["b"] == {"key": 1}


def test_merge_of_a_scalar_is_reported_at_the_merge_value_and_reading_goes_on(parse: Parse) -> None:
    parsed = parse("a: &a 1\nc:\n  <<: *a\n  d: 2\n")
    assert located(single(parsed)) == (SHAPE, 3, 7)
    assert "merge" in single(parsed).message
    assert parsed.fatal is False
    assert parsed.root == {"a": 1, "c": {"d": 2}}


def test_merge_list_with_a_non_mapping_item_reports_it_and_merges_the_rest(parse: Parse) -> None:
    parsed = parse("a: &a {x: 1}\nc:\n  <<: [*a, 1]\n")
    assert located(single(parsed)) == (SHAPE, 3, 7)
    assert parsed.root == {"a": {"x": 1}, "c": {"x": 1}}


def test_duplicate_explicit_key_next_to_a_merge_is_still_reported(parse: Parse) -> None:
    parsed = parse("a: &a {x: 1}\nc:\n  <<: *a\n  x: 5\n  x: 6\n")
    assert located(single(parsed)) == (DUPLICATE, 5, 3)


def test_alias_to_an_undefined_anchor_is_fatal_at_the_alias(parse: Parse) -> None:
    parsed = parse("a: 1\nb: *nope\n")
    assert located(single(parsed)) == (SYNTAX, 2, 4)
    assert "*nope" in single(parsed).message
    assert parsed.fatal is True
    assert parsed.root is None


def test_alias_used_before_its_anchor_is_fatal(parse: Parse) -> None:
    parsed = parse("a: *later\nb: &later 1\n")
    assert located(single(parsed)) == (SYNTAX, 1, 4)
    assert parsed.fatal is True


@pytest.mark.parametrize(
    ("text", "position"),
    [("a: &a [*a]\n", (1, 8)), ("a: &a\n  b: *a\n", (2, 6)), ("&r {x: *r}\n", (1, 8))],
    ids=["flow-sequence", "block-mapping", "root"],
)
def test_recursive_alias_is_refused_as_fatal(parse: Parse, text: str, position: tuple[int, int]) -> None:
    parsed = parse(text)
    assert located(single(parsed)) == (SYNTAX, *position)
    assert parsed.fatal is True
    assert parsed.root is None


def test_billion_laughs_is_refused_quickly_with_a_fatal_shape_problem(parse: Parse) -> None:
    text = billion_laughs()
    started = time.perf_counter()
    parsed = parse(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0
    assert parsed.fatal is True
    assert parsed.root is None
    problem = single(parsed)
    assert problem.code == SHAPE
    assert "alias" in problem.message
    assert problem.line <= text.count("\n")
    assert problem.column >= 1


def test_alias_budget_counts_every_expanded_value(parse: Parse) -> None:
    # `[1, 2]` is three values (the sequence and two items): one alias fits a budget of 3, two do not.
    assert parse("a: &a [1, 2]\nb: *a\n", max_alias_nodes=3).problems == []
    parsed = parse("a: &a [1, 2]\nb: *a\nc: *a\n", max_alias_nodes=3)
    assert located(single(parsed)) == (SHAPE, 3, 4)
    assert parsed.fatal is True


def test_many_legitimate_aliases_within_the_default_budget_are_fine(parse: Parse) -> None:
    text = "a: &a {x: 1, y: [1, 2, 3]}\nlist:\n" + "".join("  - *a\n" for _ in range(2000))
    root = ok(parse, text)
    assert len(root["list"]) == 2000


# -- nesting ------------------------------------------------------------------------------------


def test_nesting_up_to_max_depth_is_accepted_and_one_more_level_refused(parse: Parse) -> None:
    assert parse("[[[x]]]\n", max_depth=3).problems == []
    parsed = parse("[[[[x]]]]\n", max_depth=3)
    assert located(single(parsed)) == (SHAPE, 1, 4)
    assert "3" in single(parsed).message
    assert parsed.fatal is True
    assert parsed.root is None


def test_block_nesting_deeper_than_max_depth_is_refused_at_the_collection(parse: Parse) -> None:
    assert parse("a:\n  b:\n    c: 1\n", max_depth=3).problems == []
    parsed = parse("a:\n  b:\n    c:\n      d: 1\n", max_depth=3)
    assert located(single(parsed)) == (SHAPE, 4, 7)


def test_flow_nesting_10000_deep_on_one_line_is_refused_quickly_libyaml_at_its_own_limit(
    parse: Parse, pure: bool
) -> None:
    text = "a: " + "[" * 10_000 + "]" * 10_000 + "\n"
    started = time.perf_counter()
    parsed = parse(text)
    assert time.perf_counter() - started < 2.0
    assert parsed.fatal is True
    assert parsed.root is None
    problem = single(parsed)
    assert problem.code == SHAPE
    assert problem.line == 1
    # The root mapping is level 1, so the 200th `[` is level 201. libyaml's scanner looks ahead for a
    # possible simple key and hits its own limit of 1000 flow levels before minlint's builder sees level
    # 201 (so the message says 1000, not 200); the pure parser delivers events and minlint stops at 201.
    assert problem.column == (3 + 200 if pure else 3 + 1000)
    assert ("200" if pure else "1000") in problem.message


def test_flow_nesting_10000_deep_across_lines_is_refused_at_level_201(parse: Parse) -> None:
    text = "[\n" * 10_000 + "]\n" * 10_000
    started = time.perf_counter()
    parsed = parse(text)
    assert time.perf_counter() - started < 2.0
    assert located(single(parsed)) == (SHAPE, 201, 1)
    assert "200" in single(parsed).message
    assert parsed.fatal is True


def test_flow_mapping_nesting_10000_deep_is_refused_at_level_201(parse: Parse) -> None:
    text = "{a: " * 10_000 + "}" * 10_000 + "\n"
    started = time.perf_counter()
    parsed = parse(text)
    assert time.perf_counter() - started < 2.0
    assert located(single(parsed)) == (SHAPE, 1, 4 * 200 + 1)
    assert parsed.fatal is True


def test_block_nesting_10000_deep_is_refused_at_level_201(parse: Parse) -> None:
    text = "- " * 10_000 + "x\n"
    started = time.perf_counter()
    parsed = parse(text)
    assert time.perf_counter() - started < 2.0
    assert located(single(parsed)) == (SHAPE, 1, 2 * 200 + 1)
    assert parsed.fatal is True


def test_block_mapping_nesting_deeper_than_200_is_refused_at_the_line_of_level_201(parse: Parse) -> None:
    text = "".join(" " * level + f"k{level}:\n" for level in range(1000))
    parsed = parse(text)
    assert located(single(parsed)) == (SHAPE, 201, 201)
    assert parsed.fatal is True


# -- duplicate keys -----------------------------------------------------------------------------


def test_duplicate_key_is_reported_at_the_second_key(parse: Parse) -> None:
    parsed = parse("a: 1\nb: 2\na: 3\n")
    problem = single(parsed)
    assert located(problem) == (DUPLICATE, 3, 1)
    assert "`a`" in problem.message
    assert "line 1" in problem.message
    assert parsed.fatal is False


def test_duplicate_key_keeps_the_first_value_and_its_position(parse: Parse) -> None:
    root = parse("a: 1\nb: 2\na: 3\n").root
    assert root == {"a": 1, "b": 2}
    assert isinstance(root, YMap)
    assert root.marks["a"] == (1, 1, 1, 4)


def test_every_repeated_key_is_reported(parse: Parse) -> None:
    parsed = parse("a: 1\na: 2\na: 3\n")
    assert [located(problem) for problem in parsed.problems] == [(DUPLICATE, 2, 1), (DUPLICATE, 3, 1)]


def test_duplicate_key_in_a_flow_mapping_with_non_ascii_text_is_located_in_characters(parse: Parse) -> None:
    parsed = parse("é: 1\nü: {é: 1, é: 2}\n")
    assert located(single(parsed)) == (DUPLICATE, 2, 11)


def test_duplicate_key_inside_a_sequence_of_mappings_is_located(parse: Parse) -> None:
    parsed = parse("- {a: 1}\n- [b, {c: 1, c: 2}]\n")
    assert located(single(parsed)) == (DUPLICATE, 2, 14)


def test_duplicate_key_with_windows_line_endings_is_located(parse: Parse) -> None:
    parsed = parse("x:\r\n  a: 1\r\n  b: 2\r\n  a: 3\r\n")
    assert located(single(parsed)) == (DUPLICATE, 4, 3)


def test_quoted_and_plain_spellings_of_one_key_are_duplicates(parse: Parse) -> None:
    parsed = parse("a: 1\n'a': 2\n")
    assert located(single(parsed)) == (DUPLICATE, 2, 1)


# -- keys that are not text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key_text", "shown"),
    [
        ("1", "1"),
        ("1.5", "1.5"),
        ("null", "null"),
        ("~", "~"),
        ("true", "true"),
        ("no", "no"),
        ("0x1F", "0x1F"),
    ],
)
def test_scalar_key_that_is_not_text_is_reported_at_the_key_and_dropped(
    parse: Parse, key_text: str, shown: str
) -> None:
    parsed = parse(f"first: 1\n  \n{key_text}: value\nlast: 2\n")
    problem = single(parsed)
    assert located(problem) == (SHAPE, 3, 1)
    assert f"`{shown}`" in problem.message
    assert parsed.fatal is False
    assert parsed.root == {"first": 1, "last": 2}


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("[a]: 1\nb: 2\n", (1, 1)),
        ("{a: 1}: 1\nb: 2\n", (1, 1)),
        ("? [a]\n: 1\nb: 2\n", (1, 3)),
        ("? {a: 1}\n: {nested: value}\nb: 2\n", (1, 3)),
        ("x: &m {a: 1}\n*m : 1\nb: 2\n", (2, 1)),
    ],
    ids=["flow-sequence", "flow-mapping", "explicit-sequence", "explicit-mapping", "alias-to-mapping"],
)
def test_collection_key_is_reported_at_the_key_and_dropped(parse: Parse, text: str, position: tuple[int, int]) -> None:
    parsed = parse(text)
    problem = single(parsed)
    assert located(problem) == (SHAPE, *position)
    assert "key" in problem.message
    assert parsed.fatal is False
    root = parsed.root
    assert isinstance(root, YMap)
    assert root["b"] == 2
    assert all(type(key) is str for key in root)


def test_key_in_a_flow_mapping_that_is_not_text_is_located(parse: Parse) -> None:
    parsed = parse("a: {x: 1, 2: y}\n")
    assert located(single(parsed)) == (SHAPE, 1, 11)
    assert parsed.root == {"a": {"x": 1}}


def test_quoted_keys_and_date_like_keys_are_text(parse: Parse) -> None:
    root = ok(parse, "'1': a\n\"null\": b\n'true': c\n2026-01-01: d\n")
    assert root == {"1": "a", "null": "b", "true": "c", "2026-01-01": "d"}


def test_empty_key_is_reported_as_null(parse: Parse) -> None:
    parsed = parse("? \n: 1\nb: 2\n")
    assert single(parsed).code == SHAPE
    assert "null" in single(parsed).message
    assert parsed.root == {"b": 2}


# -- tags ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown", "value"),
    [
        ("a: !!python/object/apply:os.system ['true']\n", "!!python/object/apply:os.system", ["true"]),
        ("a: !!python/object/new:builtins.dict {}\n", "!!python/object/new:builtins.dict", {}),
        ("a: !!python/name:os.system ''\n", "!!python/name:os.system", ""),
        ("a: !custom 1\n", "!custom", "1"),
        ("a: !!binary aGVsbG8=\n", "!!binary", "aGVsbG8="),
        ("a: !!set {x: null}\n", "!!set", {"x": None}),
        ("a: !!omap [{x: 1}]\n", "!!omap", [{"x": 1}]),
        ("a: !!timestamp 2026-01-01\n", "!!timestamp", "2026-01-01"),
        ("a: !<tag:example.com,2026:thing> x\n", "tag:example.com,2026:thing", "x"),
    ],
)
def test_tag_is_reported_at_the_tagged_node_and_the_value_kept_unconstructed(
    parse: Parse, text: str, shown: str, value: object
) -> None:
    parsed = parse(text)
    problem = single(parsed)
    assert located(problem) == (SHAPE, 1, 4)
    assert f"`{shown}`" in problem.message
    assert parsed.fatal is False
    assert parsed.root == {"a": value}


def test_tags_on_keys_and_nested_values_are_each_reported(parse: Parse) -> None:
    parsed = parse("!k a: 1\nb:\n  - !!binary x\n  - {c: !custom y}\n")
    assert [located(problem) for problem in parsed.problems] == [(SHAPE, 1, 1), (SHAPE, 3, 5), (SHAPE, 4, 9)]
    assert parsed.root == {"a": 1, "b": ["x", {"c": "y"}]}


def test_tag_that_would_create_a_file_is_never_constructed(parse: Parse, tmp_path: Path) -> None:
    target = tmp_path / "constructed.txt"
    shell_target = tmp_path / "shell.txt"
    text = (
        f"a: !!python/object/apply:builtins.open [{str(target)!r}, 'w']\n"
        f"b: !!python/object/apply:os.system [{f'touch {shell_target}'!r}]\n"
        f"c: !!python/object/apply:os.system {{args: [{f'touch {shell_target}'!r}]}}\n"
    )
    parsed = parse(text)
    assert [problem.code for problem in parsed.problems] == [SHAPE, SHAPE, SHAPE]
    assert not target.exists()
    assert not shell_target.exists()
    assert parsed.root == {
        "a": [str(target), "w"],
        "b": [f"touch {shell_target}"],
        "c": {"args": [f"touch {shell_target}"]},
    }


def test_the_file_creating_payload_really_works_when_constructed(tmp_path: Path) -> None:
    # Control for the test above: an unsafe loader does create the file.
    target = tmp_path / "constructed.txt"
    handle = yaml.unsafe_load(f"!!python/object/apply:builtins.open [{str(target)!r}, 'w']\n")
    handle.close()
    assert target.exists()


# -- syntax errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("ü: x: y\n", (1, 5)),
        ("a: 1\r\nüü: x: y\r\n", (2, 6)),
        ("a: 'x\n", (2, 1)),
        ("a:\n  b: 1\n c: 2\n", (3, 2)),
        ("a: b\n- c\n", (2, 1)),
        ("😀: {x: 1, 😀: x: y}\n", (1, 15)),
        ("a: @x\n", (1, 4)),
        ("a: [1, 2\nb: 3\n", (2, 2)),
    ],
)
def test_syntax_error_is_fatal_ml901_at_the_parsers_position(
    parse: Parse, text: str, position: tuple[int, int]
) -> None:
    parsed = parse(text)
    problem = single(parsed)
    assert located(problem) == (SYNTAX, *position)
    assert problem.message.startswith("YAML syntax error")
    assert parsed.fatal is True
    assert parsed.root is None


def test_unclosed_flow_at_end_without_newline_is_reported_at_the_end_of_the_last_line(parse: Parse) -> None:
    # libyaml puts the stream end on a (virtual) next line when the last line has no line break;
    # minlint keeps the position inside the file, where the pure parser puts it too.
    parsed = parse("a: [1, 2")
    assert located(single(parsed)) == (SYNTAX, 1, 9)


def test_unclosed_flow_at_end_with_newline_is_reported_on_the_next_line(parse: Parse) -> None:
    assert located(single(parse("a: [1, 2\n"))) == (SYNTAX, 2, 1)


def test_a_document_end_marker_followed_by_content_without_a_start_marker_is_a_syntax_error(
    parse: Parse,
) -> None:
    parsed = parse("a: 1\n...\nb: 2\n")
    assert located(single(parsed)) == (SYNTAX, 3, 1)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("a: \x01\n", (1, 4)),
        ("é: \x01\n", (1, 4)),
        ("a: 1\r\nb: 😀\x7f\n", (2, 5)),
        ("x: " + "é" * 20_000 + "\x02", (1, 20_004)),
    ],
    ids=["ascii", "non-ascii-before", "crlf-astral", "beyond-libyaml-buffer"],
)
def test_character_yaml_does_not_allow_is_fatal_at_its_position_in_characters(
    parse: Parse, text: str, position: tuple[int, int]
) -> None:
    parsed = parse(text)
    problem = single(parsed)
    assert located(problem) == (SYNTAX, *position)
    assert "character" in problem.message
    assert parsed.fatal is True


def test_character_yaml_does_not_allow_after_a_lone_cr_line_break_is_on_the_next_line(parse: Parse) -> None:
    assert parse("a: 1\rb: 2\r").root == {"a": 1, "b": 2}  # the parsers treat '\r' as a line break
    assert located(single(parse("a: 1\rb: \x01\r"))) == (SYNTAX, 2, 4)


# -- tabs: the parsers differ -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position"),
    [("a:\n\tb: 1\n", (2, 1)), ("\ta: 1\n", (1, 1)), ("a: 1\n\tb: 2\n", (2, 1)), ("- \tx\n", (1, 3))],
    ids=["nested", "top-level", "sibling", "after-dash"],
)
def test_tab_indentation_is_a_syntax_error_with_a_hint_under_both_parsers(
    parse: Parse, text: str, position: tuple[int, int]
) -> None:
    parsed = parse(text)
    problem = single(parsed)
    assert located(problem) == (SYNTAX, *position)
    assert "tabs" in problem.message
    assert parsed.fatal is True


@pytest.mark.parametrize(
    ("text", "value", "pure_error_column"),
    [
        ("a:\t1\n", {"a": 1}, 3),
        ("a: [1,\t2]\n", {"a": [1, 2]}, 7),
        ("a: 1\t# comment\n", {"a": 1}, 5),
        ("a: b\tc\n", {"a": "b\tc"}, 5),
    ],
    ids=["after-colon", "in-flow", "before-comment", "inside-plain-scalar"],
)
def test_tab_separation_is_accepted_by_libyaml_but_a_syntax_error_for_the_pure_parser(
    parse: Parse, pure: bool, text: str, value: object, pure_error_column: int
) -> None:
    parsed = parse(text)
    if pure:
        assert located(single(parsed)) == (SYNTAX, 1, pure_error_column)
        assert "tabs" in single(parsed).message
        assert parsed.fatal is True
    else:
        assert parsed.problems == []
        assert parsed.root == value


# -- documents ----------------------------------------------------------------------------------


def test_reading_stops_at_a_second_document_and_records_where_it_starts(parse: Parse) -> None:
    parsed = parse("a: 1\n---\nb: [unclosed\n")
    assert parsed.second_document == (2, 1)
    assert parsed.root == {"a": 1}
    assert parsed.problems == []
    assert parsed.fatal is False


def test_an_explicit_first_document_start_is_not_a_second_document(parse: Parse) -> None:
    parsed = parse("---\na: 1\n")
    assert parsed.second_document is None
    assert parsed.root == {"a": 1}


def test_second_document_after_a_document_end_marker_is_located_at_its_start_marker(parse: Parse) -> None:
    parsed = parse("---\na: 1\n...\n---\nb: 2\n")
    assert parsed.second_document == (4, 1)
    assert parsed.root == {"a": 1}


def test_second_document_with_a_directive_is_located_at_the_directive(parse: Parse) -> None:
    parsed = parse("a: 1\n%YAML 1.1\n---\nb: 2\n")
    assert parsed.second_document == (2, 1)


def test_problems_of_the_first_document_are_kept_when_a_second_one_follows(parse: Parse) -> None:
    parsed = parse("a: 1\na: 2\n---\nb: 2\n")
    assert located(single(parsed)) == (DUPLICATE, 2, 1)
    assert parsed.second_document == (3, 1)


# -- robustness ---------------------------------------------------------------------------------


def test_parsing_the_same_text_twice_gives_equal_results(parse: Parse) -> None:
    text = "a: &a {x: 1}\nb:\n  <<: *a\n  y: !custom 2\n  y: 3\n1: z\n"
    first, second = parse(text), parse(text)
    assert first.root == second.root
    assert first.problems == second.problems
    assert [problem.code for problem in first.problems] == [SHAPE, DUPLICATE, SHAPE]


def test_plain_hex_prefix_without_digits_does_not_make_parse_yaml_raise(parse: Parse) -> None:
    parsed = parse("a: 1\nb: 0x_\nc: 0b_\n")
    assert parsed.root is None or isinstance(parsed.root, YMap)


@needs_libyaml
def test_lone_surrogate_in_text_does_not_make_the_libyaml_parser_raise() -> None:
    parsed = parse_yaml("a: \ud800\n", pure=False)
    assert located(single(parsed)) == (SYNTAX, 1, 4)


def test_lone_surrogate_in_text_is_reported_by_the_pure_parser() -> None:
    parsed = parse_yaml("a: \ud800\n", pure=True)
    assert located(single(parsed)) == (SYNTAX, 1, 4)
