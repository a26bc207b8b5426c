"""Export, then read the export back with minlint: every field declares what it declared, but for what
the notes said could not be carried over."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import RunMinlint, write_files
from tests.export.support import (
    CORPUS,
    CORPUS_DECLARATIONS,
    EXAMPLES,
    declared_fields,
    export,
    manifests,
    project_copy,
    read_back,
)

# A project whose every declaration Fides can hold: each category's fields declare alike.
EXACT = {
    "purposes.yaml": """\
minlint: 1
kind: purposes
purposes:
  essential.service: {description: Running the clinic's app., bases: [contract], max_retention: P6Y}
  marketing.communications.push:
    description: Reminders.
    bases: [consent]
    max_retention: P1Y
    consent: {mechanism: in_app_prompt}
""",
    "recipients.yaml": """\
minlint: 1
kind: recipients
recipients:
  firebase: {role: processor, country: US, transfer: sccs, erasure: api}
""",
    "categories.yaml": """\
minlint: 1
kind: categories
categories:
  user.loyalty.tier: {description: The patient's loyalty tier, personal: true}
""",
    "clinic.yaml": """\
minlint: 1
kind: tracking-plan
name: clinic-app
subject_id: [traits.email, context.device_id]
context:
  device_id:
    category: user.device.device_id
    purpose: [essential.service, marketing.communications.push]
    basis: {essential.service: contract, marketing.communications.push: consent}
    retention: {essential.service: P6Y, marketing.communications.push: P30D}
    shared_with: [firebase]
traits:
  email: {category: user.contact.email, purpose: essential.service, basis: contract, retention: P2Y}
  condition:
    category: user.health_and_medical
    purpose: essential.service
    basis: contract
    retention: P90D
    special_condition: explicit_consent
    protection: encrypted
    access: [clinicians]
  tier: {category: user.loyalty.tier, purpose: essential.service, basis: contract, retention: P2Y}
events:
  Appointment Booked:
    properties:
      address:
        type: object
        category: user.contact.address
        purpose: essential.service
        basis: contract
        retention: P2Y
        properties:
          city: {type: string, category: user.contact.address.city}
      slot: {type: string, category: none, purpose: essential.service, basis: contract, retention: P1Y}
""",
}

# Projects whose fields do not all read back as they were, and why (in notes).
LOSSY = {
    "storefront": (EXAMPLES / "storefront",),
    "snowplow": (EXAMPLES / "snowplow",),
    "segment": (EXAMPLES / "segment",),
    "rudderstack": (EXAMPLES / "rudderstack",),
    "segment-corpus": (
        CORPUS / "segment-typewriter",
        CORPUS_DECLARATIONS / "segment.declarations.yaml",
        CORPUS_DECLARATIONS / "purposes.yaml",
    ),
    "fides-corpus": (
        CORPUS / "fides",
        CORPUS_DECLARATIONS / "fides.declarations.yaml",
        CORPUS_DECLARATIONS / "purposes.yaml",
    ),
}
INEXACT = re.compile(r"^plan `(?P<plan>[^`]+)`: fields of category `(?P<category>[^`]+)` would read back with other ")


@pytest.mark.parametrize("name", ["fides", "data-contract"])
def test_an_example_reads_back_with_every_declaration_it_made(
    name: str, tmp_path: Path, run_minlint: RunMinlint
) -> None:
    project = project_copy(tmp_path, EXAMPLES / name)
    _, notes = export(run_minlint, project, tmp_path / "out")
    assert not [note for note in notes if INEXACT.match(note)]
    assert read_back(project, tmp_path / "out") == declared_fields(project)


def test_a_project_fides_can_hold_reads_back_exactly(tmp_path: Path, run_minlint: RunMinlint) -> None:
    project = write_files(tmp_path / "project", {**EXACT, ".git/HEAD": "ref: refs/heads/main\n"})
    out = tmp_path / "exported"
    _, notes = export(run_minlint, project, out)
    original = declared_fields(project)
    assert len(original) == 7
    assert read_back(project, out) == original
    assert notes == [
        "retention written in whole days, as Fides counts it, rounded down so that it is never longer than declared: "
        "1 year as 365, 2 years as 730, 6 years as 2191",
        "`access` and `protection` not written: Fides has no place for them (clinic-app: traits.condition)",
    ]
    assert run_minlint("check", "--no-cache", "--format", "json", str(project)).returncode == 0
    (out / "categories.yaml").write_text(EXACT["categories.yaml"], encoding="utf-8")
    check = run_minlint("check", "--no-cache", "--format", "json", str(out))
    found = [(finding["rule"], finding["target"]) for finding in json.loads(check.stdout)["findings"]]
    assert found == [("ML303", "traits.condition")]  # the protection the notes said was not written
    documents = manifests(out)
    dataset = documents["clinic-app.dataset.yml"]["dataset"][0]
    identities = {
        (collection["name"], field["name"]): field["fides_meta"]["identity"]
        for collection in dataset["collections"]
        for field in collection["fields"]
        if "identity" in field.get("fides_meta", {})
    }
    assert identities == {("context", "device_id"): "device_id", ("traits", "email"): "email"}
    system = next(document for document in documents.values() if "system" in document)
    assert [item["fides_key"] for item in system["data_use"]] == ["marketing.communications.push"]
    assert [item["fides_key"] for item in system["data_category"]] == ["none", "user.loyalty", "user.loyalty.tier"]


@pytest.mark.parametrize("name", sorted(LOSSY))
def test_every_field_reads_back_as_declared_but_those_the_notes_name(
    name: str, tmp_path: Path, run_minlint: RunMinlint
) -> None:
    project = project_copy(tmp_path, *LOSSY[name])
    _, notes = export(run_minlint, project, tmp_path / "out")
    original = declared_fields(project)
    back = read_back(project, tmp_path / "out")
    assert set(back) == set(original)
    differing = {key for key, value in original.items() if back[key] != value}
    noted = {(match["plan"], match["category"]) for note in notes if (match := INEXACT.match(note))}
    unclassified = any(note.startswith("no data category: ") for note in notes)
    for plan, ref in differing:
        category = original[(plan, ref)].category
        assert (plan, category) in noted or (category is None and unclassified), (plan, ref)
    assert noted <= {(plan, original[(plan, ref)].category) for plan, ref in differing}  # no false alarm
    for note in notes:
        if (match := INEXACT.match(note)) is not None:
            shown = note.split(" (", 1)[1].split("): ", 1)[0].split(" and ")[0].split(", ")
            assert {(match["plan"], ref) for ref in shown} <= differing
