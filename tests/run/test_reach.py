"""Reporting on a few files reads only what they can reach — and finds exactly what a full run finds there."""

from __future__ import annotations

from pathlib import Path

import pytest

from minlint.engine.builtin import PROJECT_CHECKS
from minlint.engine.packs import builtin_rules
from minlint.run import Settings, check_sources
from minlint.run.discover import SourceFile, discover
from minlint.run.reach import READS, can_skip, probe, probes
from minlint.run.read import may_be_campaign
from tests.conftest import REPO

PLAN = """\
minlint: 1
kind: tracking-plan
name: {name}
defaults: {{basis: consent, retention: P1Y}}
traits:
{traits}
"""

PURPOSES = """\
minlint: 1
kind: purposes
purposes:
  marketing.communications.email:
    description: Newsletters.
    activation: true
  analytics.reporting:
    description: Reports.
"""

CAMPAIGN = """\
minlint: 1
kind: campaign
name: spring
purpose: marketing.communications.email
basis: consent
retention: P6M
uses: [{uses}]
"""


def plan(name: str, **traits: str) -> str:
    lines = "\n".join(f"  {trait}: {{purpose: {purpose}}}" for trait, purpose in traits.items())
    return PLAN.format(name=name, traits=lines)


def findings_for(sources: list[SourceFile], path: str, *, only: bool) -> list[tuple[object, ...]]:
    settings = Settings(rules=builtin_rules())
    report = check_sources(sources, settings, report_only=frozenset({path}) if only else None)
    return sorted(
        (finding.path, finding.line, finding.column, finding.rule, finding.message)
        for finding in report.findings
        if finding.path == path
    )


def project_files(folder: Path) -> list[SourceFile]:
    sources, problems = discover([str(folder)], folder)
    assert not problems
    return sources


# --- the bytes-level tests ----------------------------------------------------------------------------


def test_probe_takes_every_word_of_every_part_of_a_reference() -> None:
    assert probe("traits.email") == (b"traits", b"email")
    assert probe("Order Completed.items.sku") == (b"Order", b"Completed", b"items", b"sku")
    assert probe("context.\u00e9t\u00e9") == (b"context", "\u00e9t\u00e9".encode())
    assert probe(" . ") == ()


def test_a_plain_plan_without_the_words_can_be_skipped() -> None:
    data = plan("web", phone="analytics.reporting").encode()
    assert can_skip(data, probes(["traits.email"]))
    assert not can_skip(data, probes(["traits.phone"]))


@pytest.mark.parametrize(
    ("why", "data"),
    [
        ("an escape could spell the name", plan("web", phone='"analytics\\x2ereporting"').encode()),
        ("not UTF-8", plan("web", phone="analytics.reporting").encode("utf-16")),
        ("two kind lines", plan("web", phone="analytics.reporting").encode() + b"---\nkind: campaign\n"),
        ("not a plan", CAMPAIGN.format(uses="traits.phone").encode()),
        ("kind in flow style", b"{minlint: 1, kind: tracking-plan, name: web}\n"),
    ],
)
def test_a_file_whose_text_could_hide_a_name_or_a_kind_is_always_read(why: str, data: bytes) -> None:
    assert not can_skip(data, probes(["traits.email"])), why


def test_a_single_quoted_key_with_a_doubled_quote_still_shows_its_words() -> None:
    # In the file `'it''s'` stands for the key `it's`: the key's text is not in the bytes, its pieces are.
    data = PLAN.format(name="web", traits="  'it''s': {purpose: analytics.reporting}").encode()
    assert not can_skip(data, probes(["traits.it's"]))
    assert can_skip(data, probes(["traits.ice"]))


def test_a_named_plan_finds_the_conflict_with_a_plan_that_quotes_the_same_key_differently(tmp_path: Path) -> None:
    (tmp_path / "purposes.yaml").write_text(PURPOSES, encoding="utf-8")
    (tmp_path / "web.yaml").write_text(plan("web", **{"it's": "analytics.reporting"}), encoding="utf-8")
    quoted = PLAN.format(name="app", traits="  'it''s': {purpose: marketing.communications.email}")
    (tmp_path / "app.yaml").write_text(quoted, encoding="utf-8")
    sources = project_files(tmp_path)
    named = findings_for(sources, "web.yaml", only=True)
    assert named == findings_for(sources, "web.yaml", only=False)
    assert any(finding[3] == "ML205" for finding in named)


def test_a_decoy_kind_line_inside_a_string_does_not_make_a_registry_skippable(tmp_path: Path) -> None:
    # The real kind is in a flow mapping; the only `kind:` at the start of a line is inside a string.
    registry = (
        '{minlint: 1, kind:\n  purposes, description: "Ads,\nkind: tracking-plan\n",\n'
        "  purposes: {marketing.ads: {description: Ads.}}}\n"
    )
    assert not can_skip(registry.encode(), probes(["traits.email"]))
    (tmp_path / "purposes.yaml").write_text(registry, encoding="utf-8")
    (tmp_path / "web.yaml").write_text(plan("web", email="marketing.ads"), encoding="utf-8")
    sources = project_files(tmp_path)
    named = findings_for(sources, "web.yaml", only=True)
    assert named == findings_for(sources, "web.yaml", only=False)
    assert not [finding for finding in named if finding[3] == "ML004"]  # the purpose is known


def test_a_plan_that_mentions_a_context_kind_in_a_comment_is_still_checked_as_a_plan(tmp_path: Path) -> None:
    (tmp_path / "categories.yaml").write_text(
        "minlint: 1\nkind: categories\ncategories:\n"
        "  user.demographic.caste: {name: Caste, personal: true, special: true}\n",
        encoding="utf-8",
    )
    body = (
        "minlint: 1\nkind: tracking-plan\nname: web\ntraits:\n"
        "  caste: {purpose: analytics.reporting, basis: contract, retention: P1Y, category: user.demographic.caste}\n"
    )
    (tmp_path / "web.yaml").write_text(body, encoding="utf-8")
    sources = project_files(tmp_path)
    plain = findings_for(sources, "web.yaml", only=False)
    assert any(finding[3] == "ML102" for finding in plain)  # special-category data on a contract
    (tmp_path / "web.yaml").write_text("# our own categories: see the kind: categories file\n" + body, encoding="utf-8")
    sources = project_files(tmp_path)
    commented = findings_for(sources, "web.yaml", only=False)
    assert [finding[3:] for finding in commented] == [finding[3:] for finding in plain]
    report = check_sources(sources, Settings(rules=builtin_rules()))
    assert report.summary.fields == 1


def test_only_whole_words_count_and_every_way_yaml_can_bound_a_key_is_a_word_boundary() -> None:
    def data(traits: str) -> bytes:
        return PLAN.format(name="web", traits=traits).encode()

    wanted = probes(["traits.id"])
    assert can_skip(data("  paid: {purpose: x}\n  idle: {purpose: x}\n  user_id: {purpose: x}"), wanted)
    for spelling in [
        "  id: {purpose: x}",
        '  "id": {purpose: x}',
        "  'id': {purpose: x}",
        "  ? id\n  : {purpose: x}",
        "  {id: {purpose: x}}",
        "  [{x: 1},{id: 2}]",
        "  {a: 1,id: 2}",
        "  id\t: {purpose: x}",
        "  \u00a0id: {purpose: x}",
        "  a.id: {purpose: x}",
        '  "it\'s id": {purpose: x}',
    ]:
        assert not can_skip(data(spelling), wanted), spelling
    assert not can_skip(b"\xef\xbb\xbfid: 1\nkind: tracking-plan\ntraits: {}\n", wanted)  # after a BOM


def test_a_reference_with_no_certain_word_makes_every_file_reachable() -> None:
    assert not can_skip(plan("web", phone="x").encode(), probes(["  "]))


def test_may_be_campaign_is_true_for_any_mention_and_for_text_that_could_hide_one() -> None:
    assert may_be_campaign(CAMPAIGN.encode())
    assert may_be_campaign(b'kind: "c\\x61mpaign"\n')
    assert may_be_campaign("kind: campaign".encode("utf-16"))
    assert not may_be_campaign(plan("web", email="analytics.reporting").encode())


def test_every_project_check_says_what_it_reads() -> None:
    # A new project check must say what it reads, and reach must be reviewed for it.
    assert set(READS) == set(PROJECT_CHECKS)


# --- a named file finds exactly what the full run finds in it ------------------------------------------


@pytest.fixture
def cross_file_project(tmp_path: Path) -> Path:
    files = {
        "purposes.yaml": PURPOSES,
        "web.yaml": plan("web", email="marketing.communications.email", phone="analytics.reporting"),
        # Same reference, another purpose: a conflicting definition (ML205) on both sides.
        "app.yaml": plan("app", email="analytics.reporting", city="analytics.reporting"),
        # Collected only for activation, used by no campaign: unused-field on `web` and `shop`.
        "shop.yaml": plan("shop", newsletter="marketing.communications.email"),
        "unrelated.yaml": plan("unrelated", zip="analytics.reporting"),
        "campaign.yaml": CAMPAIGN.format(uses="web:traits.email, traits.phon"),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "name", ["web.yaml", "app.yaml", "shop.yaml", "unrelated.yaml", "campaign.yaml", "purposes.yaml"]
)
def test_a_named_file_has_the_findings_of_a_full_run(cross_file_project: Path, name: str) -> None:
    sources = project_files(cross_file_project)
    full = findings_for(sources, name, only=False)
    assert findings_for(sources, name, only=True) == full
    if name in ("web.yaml", "app.yaml"):
        assert any(rule == "ML205" for _, _, _, rule, _ in full)  # the test means something


def test_a_context_file_in_another_encoding_is_still_found_when_one_plan_is_named(tmp_path: Path) -> None:
    (tmp_path / "purposes.yaml").write_bytes(PURPOSES.encode("utf-16"))
    (tmp_path / "web.yaml").write_text(plan("web", email="marketing.communications.email"), encoding="utf-8")
    sources = project_files(tmp_path)
    named = findings_for(sources, "web.yaml", only=True)
    assert named == findings_for(sources, "web.yaml", only=False)
    assert not [finding for finding in named if finding[3] == "ML004"]  # the purpose is known


@pytest.mark.parametrize("folder", ["storefront", "violations", "policies/project"])
def test_each_shipped_example_file_named_alone_has_the_findings_of_the_full_run(folder: str) -> None:
    sources = project_files(REPO / "examples" / folder)
    checked = 0
    for source in sources:
        assert findings_for(sources, source.display, only=True) == findings_for(sources, source.display, only=False)
        checked += 1
    assert checked >= 3
