"""Each format minlint reads, in a real session: one thing broken, its diagnostic where it is, the rule
explained on hover, and a quick fix that, applied, makes the finding go away."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from lsprotocol import types

from tests.server.conftest import Session, copy_example, position, replaced, where

pytestmark = pytest.mark.asyncio(loop_scope="module")  # one server for the module (see conftest.py)


class Case(NamedTuple):
    """A clean example project with one thing broken in one of its files."""

    example: str
    file: str
    old: str
    new: str
    expected: tuple[str, int, int, int, int]  # code and range of the finding
    action: str  # the start of the quick fix's title
    language: str = "yaml"


ODCS = """\
apiVersion: v3.0.2
kind: DataContract
id: 5b3b6f2c-receivers
name: receivers
version: 1.0.0
status: active
schema:
  - name: receivers
    physicalName: receivers_master
    properties:
      - name: receiver_id
        logicalType: string
      - name: receiver_email
        logicalType: string
        customProperties:
          - property: pii
            value: true
slaProperties:
  - property: retention
    value: 3
    unit: y
    element: receivers_master.receiver_email
"""
ODCS_DECLARATIONS = """\
minlint: 1
kind: declarations
plan: receivers
defaults: {purpose: essential.service, basis: contract, retention: P3Y, category: none}
events:
  receivers:
    properties:
      receiver_email: {category: user.contact.email}
"""

CASES = {
    "minlint plan": Case(
        "storefront",
        "web-plan.yaml",
        "purpose: essential.fraud_detection",
        "purpose: essential.fraud_detectoin",
        ("ML004", 16, 13, 16, 38),
        "Replace `essential.fraud_detectoin` with `essential.fraud_detection`",
    ),
    "Segment JSON": Case(
        "segment",
        "tracking-plan.json",
        '"x-minlint": {"purpose": "essential.service"',
        '"x-minlint": {"purpose": "essential.servce"',
        ("ML004", 53, 33, 53, 51),
        "Replace `essential.servce` with `essential.service`",
        "json",
    ),
    "RudderStack": Case(
        "rudderstack",
        "tracking-plan.yaml",
        '"#property:first_name"',
        '"#property:frist_name"',
        ("ML902", 15, 20, 15, 42),
        "Replace `frist_name` with `first_name`",
    ),
    "Snowplow": Case(
        "snowplow",
        "schemas/com.acme/customer/jsonschema/1-0-0",
        '"customer_id": {"type": "string", "maxLength": 36},',
        '"customer_id": {"type": "string", "maxLength": 36, "x-minlint": {"purpose": "analytics.reportin"}},',
        ("ML004", 11, 80, 11, 100),
        "Replace `analytics.reportin` with `analytics.reporting`",
        "json",
    ),
    "Fides dataset": Case(
        "fides",
        "dataset.yml",
        "[user.contact.email]",
        "[user.contact.emial]",
        ("ML105", 15, 29, 15, 49),
        "Replace `user.contact.emial` with `user.contact.email`",
    ),
    "DCS contract": Case(
        "data-contract",
        "datacontract.yaml",
        "      order_total:\n",
        "      phone_number:\n        type: text\n        pii: true\n      order_total:\n",
        ("ML101", 24, 6, 24, 18),
        "Suppress ML101 on this line",
    ),
    "ODCS contract": Case(
        "",
        "contract.odcs.yaml",
        "element: receivers_master.receiver_email",
        "element: receiver_master.receiver_email",
        ("ML902", 21, 13, 21, 43),
        "Suppress ML902 on this line",
    ),
    "dbt property file": Case(
        "dbt",
        "models/marts/customers.yml",
        "{category: user.unique_id}",
        "{category: user.unique_idd}",
        ("ML105", 14, 30, 14, 45),
        "Replace `user.unique_idd` with `user.unique_id`",
    ),
}


def project_of(case: Case, tmp_path: Path) -> Path:
    if case.example:
        return copy_example(case.example, tmp_path / "project")
    root = tmp_path / "project"
    root.mkdir()
    (root / ".minlint.yaml").write_text('paths: ["."]\n', encoding="utf-8")
    (root / "contract.odcs.yaml").write_text(ODCS, encoding="utf-8")
    (root / "receivers.declarations.yaml").write_text(ODCS_DECLARATIONS, encoding="utf-8")
    (root / "purposes.yaml").write_text((Path(__file__).parents[2] / "examples/segment/purposes.yaml").read_text())
    return root


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", list(CASES))
async def test_a_broken_file_of_each_format_gets_its_diagnostic_hover_and_fix(
    vscode: Session, tmp_path: Path, name: str
) -> None:
    case = CASES[name]
    root = project_of(case, tmp_path)
    path = root / case.file
    clean = path.read_text(encoding="utf-8")

    uri = vscode.open(path, language=case.language)
    assert await vscode.diagnostics(uri) == []  # the example is clean

    broken = replaced(clean, case.old, case.new)
    version = vscode.change(uri, broken)
    diagnostics = await vscode.diagnostics(uri, version)
    found = [diagnostic for diagnostic in diagnostics if where(diagnostic) == case.expected]
    assert found, [where(diagnostic) for diagnostic in diagnostics]
    [diagnostic] = found
    assert diagnostic.source == "minlint"

    start = diagnostic.range.start
    hover = await vscode.hover(uri, position(start.line, start.character + 1))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert f"**{case.expected[0]}**" in hover.contents.value
    assert "**Why it matters**" in hover.contents.value and "**How to fix it**" in hover.contents.value
    assert hover.range == diagnostic.range

    actions = await vscode.actions(uri, diagnostic)
    chosen = [action for action in actions if action.title.startswith(case.action)]
    assert chosen, [action.title for action in actions]
    assert chosen[0].kind == types.CodeActionKind.QuickFix and list(chosen[0].diagnostics or ()) == [diagnostic]
    [(edited_uri, edits)] = vscode.edits(chosen[0]).items()
    assert edited_uri == uri
    fixed = vscode.apply(broken, edits)
    version = vscode.change(uri, fixed)
    after = await vscode.diagnostics(uri, version)
    assert [d for d in after if d.code == case.expected[0] and d.range.start.line == start.line] == []
