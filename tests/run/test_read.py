"""The read stage's first look: which files the context pass must read (it must never miss one)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minlint.loader.load import load_document
from minlint.run.read import could_hide_words, may_be_campaign, maybe_context

# Every way of giving `kind` a context value that YAML allows and a file could plausibly use.
SPELLINGS = [
    "kind: {kind}\n",
    "kind: '{kind}'\n",
    'kind: "{kind}"\n',
    '"kind": "{kind}"\n',
    "'kind' : {kind}\n",
    "kind:\n  {kind}\n",
    "kind: # the kind\n  {kind}\n",
    "kind: !!str {kind}\n",
    "kind: &k {kind}\n",
    "kind: !!str &k {kind}\n",
    "kind: >-\n  {kind}\n",
    "kind: |-\n  {kind}\n",
    "? kind\n: {kind}\n",
    "? kind # key\n: {kind}\n",
    "anchor: &k {kind}\nkind: *k\n",
    "anchor: &key kind\n*key : {kind}\n",
    'kind: "{escaped}"\n',
]


def escaped(kind: str) -> str:
    return "".join(f"\\x{ord(character):02x}" for character in kind)


@pytest.mark.parametrize("kind", ["purposes", "categories"])
@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_context_file_is_always_maybe_context_however_its_kind_is_written(spelling: str, kind: str) -> None:
    text = "minlint: 1\n" + spelling.format(kind=kind, escaped=escaped(kind))
    assert load_document("f.yaml", text.encode()).kind == kind  # the spelling really is that kind
    assert maybe_context(text.encode())


@given(
    before=st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
    spelling=st.sampled_from(SPELLINGS),
    kind=st.sampled_from(["purposes", "categories"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
)
def test_whatever_surrounds_it_a_context_kind_is_never_missed(
    before: str, spelling: str, kind: str, encoding: str
) -> None:
    comment = "# " + before.replace("\r", " ").replace("\n", " ") + "\n"
    text = comment + "minlint: 1\n" + spelling.format(kind=kind, escaped=escaped(kind))
    data = text.encode(encoding)
    if load_document("f.yaml", data).kind == kind:
        assert maybe_context(data)


def test_a_plan_that_does_not_mention_the_words_is_not_context() -> None:
    plan = b"minlint: 1\nkind: tracking-plan\nname: web\nevents:\n  Signed Up:\n    properties: {}\n"
    assert not maybe_context(plan)


def test_a_plan_that_only_uses_the_words_as_names_is_not_context() -> None:
    plan = b"minlint: 1\nkind: tracking-plan\nname: web\ntraits:\n  product_categories: {}\n  purposes: {}\n"
    assert not maybe_context(plan)


def test_a_backslash_outside_double_quotes_hides_nothing() -> None:
    # Only double-quoted scalars have escapes: a regex in a plain or single-quoted value is just text.
    plan = b"minlint: 1\nkind: tracking-plan\nname: web\ntraits:\n  id: {pattern: '^\\d+$'}\n"
    assert not could_hide_words(plan)
    assert not maybe_context(plan)
    assert could_hide_words(plan.replace(b"'", b'"'))


def test_a_plan_mentioning_a_context_kind_in_a_comment_is_maybe_context() -> None:
    # The context pass reads it, finds a plan, and hands it to the file pass (tests/run/test_context.py).
    assert maybe_context(b"minlint: 1\n# see kind: purposes in purposes.yaml\nkind: tracking-plan\n")


@pytest.mark.parametrize(
    "data",
    [b'kind: "\\x70urposes"', "kind: purposes".encode("utf-16"), "kind: caf\xe9".encode("latin-1")],
    ids=["escape", "utf-16", "not-utf-8"],
)
def test_text_that_could_hide_a_word_is_maybe_everything(data: bytes) -> None:
    assert could_hide_words(data)
    assert maybe_context(data)
    assert may_be_campaign(data)


@pytest.mark.parametrize(
    "hostile",
    [
        b"purposes kind: " + b"!" * 2_000_000,
        b"purposes " + b"kind:!" * 500_000,
        b"purposes " + b"kind:#" * 500_000,
        b"purposes " + b"*" * 2_000_000,
        b"purposes " + b"kind:    " * 300_000,
    ],
    ids=["one-long-tag", "many-tags", "many-comments", "many-stars", "much-space"],
)
def test_the_first_look_takes_linear_time_on_hostile_text(hostile: bytes) -> None:
    # Not a speed test: a quadratic search over 2 MB would take minutes, a linear one milliseconds.
    started = time.perf_counter()
    maybe_context(hostile)
    assert time.perf_counter() - started < 5


def test_a_fides_system_is_context_for_the_datasets_it_declares() -> None:
    assert maybe_context(b"system:\n  - fides_key: shop\n    privacy_declarations: []\n")
    assert not maybe_context(b"dataset:\n  - fides_key: shop\n    collections: []\n")
