"""Completion of purposes, bases, categories and recipients where a declaration's value is typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from minlint.vocabulary import LAWFUL_BASES
from tests.server.conftest import Session, copy_example, position

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]

PLAN = """\
minlint: 1
kind: tracking-plan
name: draft
traits:
  email:
    purpose: ess
    basis: leg
    category: user.contact.em
    shared_with: [mailchimp, fi
    retention: P1Y
  phone: {category: "user.contact.pho", purpose: [analytics.reporting, mar
  city:
    purpose:
      - analytics.reporting
      - es
  notes:
    description: the purpose: not a declaration
"""


def _end(line: str) -> int:
    return len(PLAN.splitlines()[int(line)])


async def test_values_of_declarations_are_completed_from_the_project(vscode: Session, tmp_path: Path) -> None:
    root = copy_example("storefront", tmp_path / "storefront")
    uri = vscode.open(root / "draft.yaml", PLAN)
    lines = PLAN.splitlines()
    cases = {
        5: ("essential.service", "ess"),
        6: ("legitimate_interests", "leg"),
        7: ("user.contact.email", "user.contact.em"),
        8: ("firebase", "fi"),
        14: ("essential.service", "es"),
    }
    for line, (wanted, typed) in cases.items():
        items = await vscode.complete(uri, position(line, len(lines[line])))
        labels = [item.label for item in items]
        assert wanted in labels, (line, labels[:5])
        [item] = [item for item in items if item.label == wanted]
        assert item.text_edit is not None
        start = item.text_edit.range.start  # type: ignore[union-attr]
        assert (start.line, start.character) == (line, len(lines[line]) - len(typed))
    purposes = [item.label for item in await vscode.complete(uri, position(5, len(lines[5])))]
    assert "analytics.reporting" in purposes and "user.contact.email" not in purposes  # the registry's purposes
    bases = [item.label for item in await vscode.complete(uri, position(6, len(lines[6])))]
    assert bases == list(LAWFUL_BASES)

    phone = lines[10]
    quoted = phone.index('pho"') + 3
    assert "user.contact.phone_number" in [item.label for item in await vscode.complete(uri, position(10, quoted))]
    listed = [item.label for item in await vscode.complete(uri, position(10, len(phone)))]
    assert "marketing.communications.email" in listed
    assert await vscode.complete(uri, position(9, len(lines[9]))) == []  # retention: nothing to offer
    assert await vscode.complete(uri, position(16, len(lines[16]))) == []  # inside a description


async def test_without_a_registry_the_fides_data_uses_are_offered(vscode: Session, tmp_path: Path) -> None:
    text = "minlint: 1\nkind: tracking-plan\nname: x\ntraits:\n  email: {purpose: marketing.adv"
    uri = vscode.open(tmp_path / "alone.yaml", text)
    labels = [item.label for item in await vscode.complete(uri, position(4, len(text.splitlines()[4])))]
    assert "marketing.advertising" in labels


async def test_json_keys_and_values_are_completed_too(vscode: Session, tmp_path: Path) -> None:
    root = copy_example("segment", tmp_path / "segment")
    text = '{"x-minlint": {"purpose": "analytics.rep'
    uri = vscode.open(root / "draft.json", text, language="json")
    labels = [item.label for item in await vscode.complete(uri, position(0, len(text)))]
    assert "analytics.reporting" in labels


async def test_completion_offers_only_the_words_of_the_documents_own_project(vscode: Session, tmp_path: Path) -> None:
    violations = copy_example("violations", tmp_path / "violations")
    storefront = copy_example("storefront", tmp_path / "storefront")
    vscode.open(violations / "plan.yaml", (violations / "plan.yaml").read_text(encoding="utf-8"))  # opened first
    uri = vscode.open(storefront / "draft.yaml", PLAN)
    lines = PLAN.splitlines()
    recipients = [item.label for item in await vscode.complete(uri, position(8, len(lines[8])))]
    assert "firebase" in recipients  # the storefront's recipient …
    assert "data-broker" not in recipients  # … and none of the other project's
