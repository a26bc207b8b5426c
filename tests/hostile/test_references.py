"""References with odd characters in a campaign's ``uses``: unicode, colons, dots in event names, quotes,
spaces, control characters, empty and very long ones, and items that are not text at all.

Each reference either resolves to the field it names (no finding) or gets a located finding at its list item
(ML201 for a reference that names nothing, ML902 for an item that is not a reference) — and the report stays
well-formed in every output format.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import RunMinlint
from tests.hostile.support import Batch, check_batch, check_json, write

PLAN = """\
minlint: 1
kind: tracking-plan
name: web
defaults: {purpose: marketing, basis: consent, retention: P1Y, category: none, shared_with: [acme]}
traits:
  "naïve 漢字 😀": {type: string}
  "with:colon": {type: string}
  "trailing ": {type: string}
  "quote'd \\"x\\"": {type: string}
  "x-ab-bucket": {type: string}
events:
  Order.Completed:
    properties:
      total: {type: number}
  "v2:Signup":
    properties:
      plan: {type: string}
  "Ünïcödé Évent 🎉":
    properties:
      größe: {type: number}
"""

LONG = "traits." + "x" * 100_000

# The campaign's `uses`, in order: (YAML text of the item, the rules expected at the item; none if it resolves).
USES: list[tuple[str, str | None]] = [
    ('"traits.naïve 漢字 😀"', None),
    ('"traits.with:colon"', None),
    ('"traits.trailing "', None),
    ('"traits.quote\'d \\"x\\""', None),
    ("traits.x-ab-bucket", None),
    ("Order.Completed.total", None),
    ('"v2:Signup.plan"', None),
    ('"web:v2:Signup.plan"', None),
    ('"web:Order.Completed.total"', None),
    ("Ünïcödé Évent 🎉.größe", None),
    ('"traits.trailing"', "ML201"),
    ('"traits.naïve"', "ML201"),
    ('"nope:traits.x"', "ML201"),
    ('":"', "ML201"),
    ('"web:"', "ML201"),
    ('"traits."', "ML201"),
    ('"."', "ML201"),
    ('"   "', "ML201"),
    ('"\\t"', "ML201"),
    ('"traits.email\\n"', "ML201"),
    ('"\\0"', "ML201"),
    ('"\\e[31mred\\e[0m"', "ML201"),
    ('"\\u202Etxt.exe"', "ML201"),
    ('"web:web:web:traits.x"', "ML201"),
    (f'"{LONG}"', "ML201"),
    ('""', "ML201 ML902"),
    ("null", "ML902"),
    ("42", "ML902"),
    ("true", "ML902"),
    ("[traits.email]", "ML902"),
    ("{traits: email}", "ML902"),
]
FIRST_USE_LINE = 9

CAMPAIGN = (
    "minlint: 1\nkind: campaign\nname: odd\npurpose: marketing\nbasis: consent\nrecipients: [acme]\n"
    "opt_out: [unsubscribe_link]\nuses:\n" + "".join(f"  - {item}\n" for item, _ in USES)
)


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint) -> Batch:
    folder = tmp_path_factory.mktemp("references")
    started = time.monotonic()
    batch = check_batch(run_minlint_module, folder, {"plan.yaml": PLAN, "campaign.yaml": CAMPAIGN})
    assert time.monotonic() - started < 20
    return batch


def test_the_plan_with_odd_names_is_clean_and_the_run_fails_only_on_findings(references: Batch) -> None:
    assert references.findings("plan.yaml") == []
    assert (references.code, references.stderr) == (1, "")


@pytest.mark.parametrize(
    ("index", "rule"),
    [(index, rule) for index, (_, rule) in enumerate(USES)],
    ids=[f"{index}-{item[:30]}" for index, (item, _) in enumerate(USES)],
)
def test_each_odd_reference_resolves_or_has_a_finding_at_its_item(
    references: Batch, index: int, rule: str | None
) -> None:
    line = FIRST_USE_LINE + index
    at_item = [(item["rule"], item["column"]) for item in references.findings("campaign.yaml") if item["line"] == line]
    assert at_item == ([] if rule is None else [(code, 5) for code in rule.split()])


def test_an_unresolved_reference_is_quoted_whole_in_the_message(references: Batch) -> None:
    messages = [item["message"] for item in references.findings("campaign.yaml")]
    assert any(f"`{LONG}`" in message for message in messages)
    assert any(
        "`traits.trailing` is not defined" in message and "`traits.trailing `" in message for message in messages
    )


@pytest.mark.parametrize("output_format", ["json", "sarif", "gitlab", "junit", "github", "text"])
def test_every_output_format_survives_odd_references(
    run_minlint: RunMinlint, tmp_path: Path, output_format: str
) -> None:
    write(tmp_path, {"plan.yaml": PLAN, "campaign.yaml": CAMPAIGN})
    result = run_minlint("check", "--no-color", "--format", output_format, ".", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "")
    if output_format in ("json", "sarif", "gitlab"):
        json.loads(result.stdout)
    if output_format == "github":
        lines = result.stdout.splitlines()
        assert all(line.startswith(("::", "minlint: ")) for line in lines if line), lines
        assert sum(line.startswith("::error") for line in lines) == sum(rule is not None for _, rule in USES) + 1


CONTROL_BUG = (
    "BUG: the text format prints text taken from the spec (here a reference) raw: a newline splits a finding "
    "over two lines, and NUL and ESC (terminal escape sequences, e.g. `\\e]0;title\\a` or colour codes) reach "
    "the terminal unescaped"
)


def test_text_output_shows_control_characters_of_a_reference_escaped_on_one_line(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    campaign = CAMPAIGN.split("uses:\n")[0] + 'uses:\n  - "a\\nb"\n  - "\\0"\n  - "\\e]0;pwned\\a"\n'
    write(tmp_path, {"plan.yaml": PLAN, "campaign.yaml": campaign})
    result = run_minlint("check", "--no-color", "--quiet", "campaign.yaml", cwd=tmp_path)
    finding_lines = [line for line in result.stdout.splitlines() if line.startswith("campaign.yaml:")]
    assert len(finding_lines) == 3
    assert not any(char in result.stdout for char in "\x00\x1b\x07")


def test_a_reference_that_names_two_fields_of_one_plan_is_reported_as_ambiguous(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    plan = (
        "minlint: 1\nkind: tracking-plan\nname: web\n"
        "defaults: {purpose: marketing, basis: consent, retention: P1Y, category: none, shared_with: [acme]}\n"
        "events:\n"
        "  Order.Completed:\n    properties:\n      total: {type: number}\n"
        "  Order:\n    properties:\n      Completed:\n        properties:\n          total: {type: number}\n"
    )
    campaign = CAMPAIGN.split("uses:\n")[0] + "uses:\n  - Order.Completed.total\n"
    write(tmp_path, {"plan.yaml": plan, "campaign.yaml": campaign})
    _, document, _ = check_json(run_minlint, ".", cwd=tmp_path)
    assert [(item["path"], item["line"]) for item in document["findings"]] == [("campaign.yaml", 9)]


def test_a_reference_in_another_unicode_normal_form_is_reported_not_matched(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    # `é` as one code point in the plan, as `e` + combining accent in the campaign: they look the same, but
    # minlint (like YAML) compares code points, so the reference is unresolved — with a located finding.
    campaign = CAMPAIGN.split("uses:\n")[0] + 'uses:\n  - "traits.nai\\u0308ve 漢字 😀"\n'
    write(tmp_path, {"plan.yaml": PLAN, "campaign.yaml": campaign})
    code, document, _ = check_json(run_minlint, ".", cwd=tmp_path)
    assert code == 1
    assert [(item["rule"], item["line"], item["column"]) for item in document["findings"]] == [("ML201", 9, 5)]
    assert "did you mean `traits.naïve 漢字 😀`" in document["findings"][0]["message"]
