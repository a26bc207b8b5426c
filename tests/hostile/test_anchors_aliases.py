"""Anchors, aliases and merge keys: used legitimately they work exactly like the text written out; used
abusively (alias bombs such as 'billion laughs') they are refused quickly, without being expanded, with a
located ML902.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from minlint.loader.load import load_document
from tests.conftest import RunMinlint
from tests.hostile.support import HEADER, Batch, check_batch, check_json, found, laughs, run_measured

ANCHORED = """\
minlint: 1
kind: tracking-plan
name: NAME
x-anchors:
  consented: &consented {basis: consent, retention: P1Y}
  marketing: &marketing marketing.communications.email
  recipients: &recipients [mailchimp, braze]
  analytics: &analytics
    purpose: analytics.reporting
    category: none
defaults:
  <<: *analytics
  basis: legitimate_interests
  retention: P13M
traits:
  email: &email
    <<: *consented
    type: string
    category: user.contact.email
    purpose: *marketing
    shared_with: *recipients
  backup_email: *email
  phone:
    <<: [*consented, *analytics]
    type: string
    retention: forever
  nickname: {<<: *consented, retention: "30", basis: legit, type: string}
events:
  Signed Up:
    defaults: *analytics
    properties:
      plan: {<<: *analytics, type: string}
      referrer: {<<: *consented}
"""

EXPANDED = """\
minlint: 1
kind: tracking-plan
name: NAME
defaults:
  purpose: analytics.reporting
  category: none
  basis: legitimate_interests
  retention: P13M
traits:
  email:
    basis: consent
    retention: P1Y
    type: string
    category: user.contact.email
    purpose: marketing.communications.email
    shared_with: [mailchimp, braze]
  backup_email:
    basis: consent
    retention: P1Y
    type: string
    category: user.contact.email
    purpose: marketing.communications.email
    shared_with: [mailchimp, braze]
  phone:
    basis: consent
    retention: forever
    purpose: analytics.reporting
    category: none
    type: string
  nickname: {retention: "30", basis: legit, type: string}
events:
  Signed Up:
    defaults:
      purpose: analytics.reporting
      category: none
    properties:
      plan: {purpose: analytics.reporting, category: none, type: string}
      referrer: {basis: consent, retention: P1Y}
"""


@pytest.fixture(scope="module")
def legit_batch(tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint) -> Batch:
    files = {
        "anchored.yaml": ANCHORED.replace("NAME", "anchored"),
        "expanded.yaml": EXPANDED.replace("NAME", "expanded"),
    }
    return check_batch(run_minlint_module, tmp_path_factory.mktemp("anchors"), files)


def _what(batch: Batch, path: str) -> list[tuple[str, str, str]]:
    return sorted((item["rule"], item["target"], item["message"]) for item in batch.findings(path))


def test_anchors_aliases_and_merge_keys_give_the_findings_of_the_text_written_out(legit_batch: Batch) -> None:
    assert len(_what(legit_batch, "expanded.yaml")) >= 3
    assert _what(legit_batch, "anchored.yaml") == _what(legit_batch, "expanded.yaml")
    assert legit_batch.stderr == ""


def test_a_mistake_written_once_in_an_anchor_is_one_finding_at_the_anchor(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    # Two fields use the anchored mapping; the bad retention is written once, on line 4, so it is
    # reported once, there (findings are identified by place and message, not by field).
    text = HEADER + 'x-unclear: &unclear {retention: "30", basis: consent, purpose: x, category: none}\n'
    text += "traits:\n  nickname: {<<: *unclear, type: string}\n  alias: *unclear\n"
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    code, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert code == 1
    assert found(document) == [("spec.yaml", 4, 33, "ML006")]


def test_merge_key_loses_to_an_explicit_key_and_earlier_merged_mappings_win(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    text = (
        HEADER
        + "x-a: &a {purpose: analytics.reporting, retention: P1Y, basis: consent, category: none}\n"
        + "x-b: &b {purpose: marketing, retention: forever}\n"
        + "traits:\n  visits:\n    <<: [*a, *b]\n    retention: P2Y\n"
    )
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    code, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert (code, document["findings"]) == (0, [])  # no ML007 from *b's `forever`: the explicit P2Y wins


def test_kind_and_name_may_come_from_a_merge_key(run_minlint: RunMinlint, tmp_path: Path) -> None:
    text = "x-head: &head {kind: tracking-plan, name: merged}\nminlint: 1\n<<: *head\ntraits:\n  a: {}\n"
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    code, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert code == 1
    assert ("spec.yaml", 5, 3, "ML001") in found(document)


# -- abuse ---------------------------------------------------------------------------------------------------------

# `x-l4` (10 ** 5 values) crosses the 100,000-value budget at its 8th alias (line 8, column 47).
BOMB_LINE, BOMB_COLUMN = 8, 47


def test_billion_laughs_is_refused_in_well_under_a_second_without_expanding(tmp_path: Path) -> None:
    data = (HEADER + laughs()).encode()
    for pure in (False, True):
        started = time.perf_counter()
        loaded = load_document("spec.yaml", data, pure=pure)
        assert time.perf_counter() - started < 0.25
        (problem,) = loaded.problems
        assert (problem.code, problem.line, problem.column) == ("ML902", BOMB_LINE, BOMB_COLUMN)
        assert "billion laughs" in problem.message


def test_billion_laughs_through_the_cli_is_one_located_ml902_in_bounded_time_and_memory(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(HEADER + laughs(), encoding="utf-8")
    result = run_measured("check", "--format", "json", "spec.yaml", cwd=tmp_path)
    assert result.code == 1
    assert result.seconds < 5  # the interpreter's start-up included; the refusal itself is milliseconds
    assert result.max_rss_mb < 80  # about 25 MB here, as for any small file; a billion values would need many GB
    (finding,) = result.json["findings"]
    assert (finding["rule"], finding["line"], finding["column"]) == ("ML902", BOMB_LINE, BOMB_COLUMN)
    assert "refusing to expand" in finding["message"]


def _quadratic() -> str:
    """One anchor of 2,000 values aliased 100 times: 200,000 values from 20 KB of text."""
    return "x-big: &big [" + ", ".join(["v"] * 2000) + "]\nx-uses: [" + ", ".join(["*big"] * 100) + "]\n"


ABUSE: dict[str, tuple[str, str, str]] = {
    # name: (text after the header, expected rule, message fragment)
    "billion-laughs": (laughs(), "ML902", "billion laughs"),
    "billion-laughs-in-flow-mappings": (
        "x-a: &a {k0: lol, k1: lol, k2: lol, k3: lol, k4: lol, k5: lol, k6: lol, k7: lol, k8: lol, k9: lol}\n"
        + "".join(
            f"x-{chr(98 + i)}: &{chr(98 + i)} {{" + ", ".join(f"k{j}: *{chr(97 + i)}" for j in range(10)) + "}\n"
            for i in range(9)
        ),
        "ML902",
        "billion laughs",
    ),
    "billion-laughs-through-merge-keys": (
        "x-a: &a {k0: lol, k1: lol, k2: lol, k3: lol, k4: lol, k5: lol, k6: lol, k7: lol, k8: lol, k9: lol}\n"
        + "".join(
            f"x-{chr(98 + i)}: &{chr(98 + i)} {{<<: [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "], own: 1}\n"
            for i in range(9)
        ),
        "ML902",
        "billion laughs",
    ),
    "billion-laughs-as-field-definitions": (
        "x-a: &a {type: string, purpose: x, basis: consent, retention: P1Y}\n"
        + "".join(
            f"x-{chr(98 + i)}: &{chr(98 + i)} {{" + ", ".join(f"f{j}: *{chr(97 + i)}" for j in range(10)) + "}\n"
            for i in range(9)
        )
        + "traits: *j\n",
        "ML902",
        "billion laughs",
    ),
    "one-big-anchor-aliased-many-times": (_quadratic(), "ML902", "billion laughs"),
    "alias-bomb-as-a-mapping-key": (laughs(3) + "traits:\n  ? *l3\n  : {}\n", "ML902", "must be a name"),
    "recursive-alias": ("x-a: &a [1, *a]\n", "ML901", "refers to no anchor defined before it"),
    "alias-to-no-anchor": ("traits: *nothing\n", "ML901", "refers to no anchor"),
    "merge-of-a-scalar": ("x-s: &s text\ntraits:\n  a:\n    <<: *s\n", "ML902", "a merge key (`<<`) takes a mapping"),
    "merge-of-a-list-of-scalars": ("traits:\n  a:\n    <<: [1, 2]\n", "ML902", "takes a mapping"),
}


@pytest.fixture(scope="module")
def abuse_batch(tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint) -> Batch:
    files = {f"{name}.yaml": HEADER + text for name, (text, _, _) in ABUSE.items()}
    return check_batch(run_minlint_module, tmp_path_factory.mktemp("abuse"), files)


@pytest.mark.parametrize(
    ("name", "rule", "message"), [(name, *case[1:]) for name, case in ABUSE.items()], ids=list(ABUSE)
)
def test_alias_abuse_is_a_located_finding(abuse_batch: Batch, name: str, rule: str, message: str) -> None:
    findings = [item for item in abuse_batch.findings(f"{name}.yaml") if item["rule"] == rule]
    assert findings, abuse_batch.findings(f"{name}.yaml")
    assert message in findings[0]["message"]


def test_the_run_over_all_alias_abuse_fails_with_findings_only(abuse_batch: Batch) -> None:
    assert (abuse_batch.code, abuse_batch.stderr) == (1, "")


@pytest.mark.parametrize(
    "text",
    [
        "apiVersion: v1\n" + laughs(),
        "# minlint is mentioned here, but this is no spec\n" + laughs(),
        HEADER + "---\n" + laughs(),
    ],
    ids=["not-a-spec", "mentions-minlint-but-not-a-spec", "in-the-second-document-of-a-spec"],
)
def test_alias_bomb_where_minlint_does_not_read_is_never_expanded(
    run_minlint: RunMinlint, tmp_path: Path, text: str
) -> None:
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    started = time.monotonic()
    code, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert time.monotonic() - started < 5
    assert "billion laughs" not in str(document)
    assert code in (0, 1)
