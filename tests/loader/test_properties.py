"""Property tests for the loader: it never raises, positions stay inside the text, and it reads what PyYAML reads.

Profiles: ``loader-fast`` (default: 150 examples, no deadline, no example database so nothing is
written outside ``tests/loader``) and ``loader-thorough`` (2,000 examples); pick one with the
``LOADER_HYPOTHESIS_PROFILE`` environment variable.
"""

from __future__ import annotations

import math
import os
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minlint.loader.decode import decode
from minlint.loader.load import LoadedFile, load_document
from minlint.loader.nodes import YMap, YSeq
from minlint.loader.tree import parse_yaml
from minlint.vocabulary import DUPLICATE, SHAPE, SYNTAX

settings.register_profile(
    "loader-fast",
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("loader-thorough", settings.get_profile("loader-fast"), max_examples=2000)
PROFILE = settings.get_profile(os.environ.get("LOADER_HYPOTHESIS_PROFILE", "loader-fast"))

CODES = {SYNTAX, SHAPE, DUPLICATE}

# Everything YAML counts as a line break (the parsers' marks count these).
# Lines as editors count them: minlint reports positions at CR and LF breaks only (NEL, LS and PS
# inside a spec do not shift them).
LINE_BREAK = re.compile(r"\r\n|[\r\n]")

FRAGMENTS = [
    "minlint: 1\n",
    "kind: campaign\n",
    "minlint",
    "kind",
    "a",
    "b",
    "é",
    "😀",
    "日本",
    ":",
    ": ",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "- ",
    "? ",
    ",",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: ",
    "!!int ",
    "!!bool ",
    "!x ",
    "!!python/object/apply:os.system ",
    "'",
    '"',
    "\\",
    "# c",
    "|",
    ">-",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "0x1F",
    "0b",
    "yes",
    "~",
    "null",
    "1",
    "1.5",
    ".inf",
    ".nan",
    "1:30",
    "2026-01-01",
    "=",
    "\x00",
    "\x01",
    "\x7f",
    "\ufeff",
    "\x85",
    "\u2028",
]

yamlish = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
texts = st.one_of(st.text(), yamlish, yamlish.map(lambda body: "minlint: 1\nkind: campaign\n" + body))

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-32", "latin-1"]


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be", "surrogatepass")
    if encoding == "latin-1":
        return text.encode("latin-1", "replace")
    return text.encode(encoding, "surrogatepass")


byte_strings = st.one_of(
    st.binary(max_size=300),
    st.builds(encode, texts, st.sampled_from(ENCODINGS)),
    st.builds(lambda head, tail: head + b"minlint: 1\n" + tail, st.binary(max_size=40), st.binary(max_size=40)),
)


def check_loaded(loaded: LoadedFile, data: bytes) -> None:
    assert isinstance(loaded, LoadedFile)
    decoded = decode(data)
    # One more than the number of lines: libyaml puts the end of a text without a final line break on
    # a virtual next line. A failed decode is located by counting b"\n" in the bytes.
    if isinstance(decoded, str):
        last_line = len(decoded.splitlines()) + 1
    else:
        last_line = len(LINE_BREAK.findall(data.decode("latin-1"))) + 1
    for problem in loaded.problems:
        assert problem.code in CODES
        assert 1 <= problem.line <= last_line, (problem, last_line)
        assert problem.column >= 1
        assert problem.message
    if loaded.problems or loaded.kind is not None:
        assert loaded.is_spec
    else:
        assert loaded.root is None
    if loaded.root is not None:
        assert isinstance(loaded.root, YMap)
        assert loaded.kind is not None


# -- (a) never raises, problems are located inside the text -------------------------------------


@PROFILE
@given(text=texts, pure=st.booleans())
def test_load_document_never_raises_on_any_text_and_locates_problems_inside_it(text: str, pure: bool) -> None:
    data = text.encode("utf-8")
    check_loaded(load_document("t.yaml", data, pure=pure), data)


@PROFILE
@given(data=byte_strings, pure=st.booleans())
def test_load_document_never_raises_on_any_bytes_and_locates_problems_inside_them(data: bytes, pure: bool) -> None:
    check_loaded(load_document("b.yaml", data, pure=pure), data)


@PROFILE
@given(text=texts, pure=st.booleans())
def test_parse_yaml_never_raises_and_problems_have_known_codes(text: str, pure: bool) -> None:
    parsed = parse_yaml(text, pure=pure)
    last_line = len(text.splitlines()) + 1
    for problem in parsed.problems:
        assert problem.code in CODES
        assert 1 <= problem.line <= last_line
        assert problem.column >= 1
    if parsed.fatal:
        assert parsed.root is None
        assert parsed.problems


# -- (b) round trip against yaml.safe_load ------------------------------------------------------

keys = st.one_of(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,11}", fullmatch=True),
    st.from_regex(r"[a-zé][a-zéßжλ日本0-9_]{0,5}", fullmatch=True),
)
tricky_text = st.sampled_from(
    [
        "",
        " leading space",
        "trailing space ",
        "a: b",
        "key:",
        "# not a comment",
        "a #b",
        "- item",
        "? q",
        "[x]",
        "{y}",
        "yes",
        "No",
        "1",
        "0x1F",
        "1_000",
        ".inf",
        "~",
        "null",
        "2026-01-01",
        "<<",
        "=",
        "&a",
        "*a",
        "!tag",
        "'",
        '"',
        "it's",
        "tab\there",
        "line\nbreak",
        "crlf\r\nbreak",
        "ünïcödé 😀",
        "\u2028",
        "\x85",
        "\ufeff",
        "%percent",
        "@at",
        "`tick",
        "a" * 100 + " " + "b" * 100,
    ]
)
scalars = st.one_of(
    st.text(max_size=30),
    tricky_text,
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=4),
    ),
    max_leaves=25,
)
mapping_documents = st.dictionaries(keys, documents, min_size=1, max_size=5)
dumped = st.builds(
    lambda data, flow, unicode: yaml.safe_dump(data, sort_keys=False, allow_unicode=unicode, default_flow_style=flow),
    st.one_of(mapping_documents, documents),
    st.sampled_from([False, True, None]),
    st.booleans(),
)


def walk_mappings(node: object) -> list[YMap]:
    found: list[YMap] = []
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, YMap):
            found.append(current)
            pending.extend(current.values())
        elif isinstance(current, YSeq):
            pending.extend(current)
    return found


@PROFILE
@given(data=st.one_of(mapping_documents, documents), flow=st.sampled_from([False, True, None]), unicode=st.booleans())
def test_dumped_data_reads_back_like_safe_load_with_keys_located_at_their_text(
    data: Any, flow: bool | None, unicode: bool
) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=unicode, default_flow_style=flow)
    parsed = parse_yaml(text)
    assert parsed.problems == []
    assert parsed.fatal is False
    assert parsed.second_document is None
    assert parsed.root == yaml.safe_load(text)
    lines = LINE_BREAK.split(text)
    for mapping in walk_mappings(parsed.root):
        assert set(mapping.marks) == set(mapping)
        for key, (key_line, key_column, value_line, value_column) in mapping.marks.items():
            assert (value_line, value_column) >= (key_line, key_column)
            if not unicode and not key.isascii():
                continue  # written as a "\xE9"-style escape
            at = lines[key_line - 1][key_column - 1 :]
            assert at.startswith(key) or (at[:1] in "'\"" and at[1:].startswith(key)), (key, at, text)


# -- (c) both parsers agree on valid documents --------------------------------------------------


def snapshot(node: object) -> object:
    """A comparable picture of a parsed tree, positions included (NaN made comparable)."""
    if isinstance(node, YMap):
        return ("map", node.line, node.column, [(key, node.marks[key], snapshot(value)) for key, value in node.items()])
    if isinstance(node, YSeq):
        return (
            "seq",
            node.line,
            node.column,
            [(mark, snapshot(value)) for mark, value in zip(node.marks, node, strict=True)],
        )
    if isinstance(node, float) and math.isnan(node):
        return ("nan",)
    return (type(node).__name__, node)


@PROFILE
@given(text=dumped)
def test_libyaml_and_pure_parser_agree_on_every_valid_document(text: str) -> None:
    c_parsed = parse_yaml(text, pure=False)
    pure_parsed = parse_yaml(text, pure=True)
    assert c_parsed.root == pure_parsed.root
    assert [problem.code for problem in c_parsed.problems] == [problem.code for problem in pure_parsed.problems]
    assert snapshot(c_parsed.root) == snapshot(pure_parsed.root)


# -- (d) determinism ----------------------------------------------------------------------------


@PROFILE
@given(text=st.one_of(texts, dumped), pure=st.booleans())
def test_parsing_the_same_text_twice_gives_the_same_tree_and_problems(text: str, pure: bool) -> None:
    first = parse_yaml(text, pure=pure)
    second = parse_yaml(text, pure=pure)
    assert snapshot(first.root) == snapshot(second.root)
    assert first.problems == second.problems
    assert (first.fatal, first.second_document) == (second.fatal, second.second_document)
