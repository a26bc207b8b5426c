"""Quick fixes, applied as a client applies them, then checked again by the server: the finding is gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

import minlint
from tests.server.conftest import Session, copy_example, replaced, where

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]


async def _fix(session: Session, uri: str, diagnostic: types.Diagnostic, title: str) -> dict[str, list[types.TextEdit]]:
    actions = await session.actions(uri, diagnostic)
    chosen = [action for action in actions if action.title.startswith(title)]
    assert len(chosen) == 1, [action.title for action in actions]
    return session.edits(chosen[0])


async def _broken(session: Session, root: Path, name: str, old: str, new: str) -> tuple[str, str]:
    """Open ``name`` of ``root`` with ``old`` replaced by ``new`` in its buffer: its URI and text."""
    path = root / name
    text = replaced(path.read_text(encoding="utf-8"), old, new)
    return session.open(path, text), text


async def test_a_misspelt_key_is_corrected(vscode: Session, tmp_path: Path) -> None:
    root = copy_example("storefront", tmp_path / "storefront")
    uri, text = await _broken(
        vscode, root, "web-plan.yaml", "    type: string\n    format: email\n", "    type: string\n    fromat: email\n"
    )
    [diagnostic] = await vscode.diagnostics(uri)
    assert where(diagnostic) == ("ML902", 27, 4, 27, 10)
    edits = await _fix(vscode, uri, diagnostic, "Replace `fromat` with `format`")
    version = vscode.change(uri, vscode.apply(text, edits[uri]))
    assert await vscode.diagnostics(uri, version) == []


async def test_a_suppression_is_added_above_the_line_with_a_reason_to_write(vscode: Session, tmp_path: Path) -> None:
    root = copy_example("storefront", tmp_path / "storefront")
    typo = ("purpose: essential.fraud_detection", "purpose: essential.fraud_detectoin")
    uri, text = await _broken(vscode, root, "web-plan.yaml", *typo)
    [diagnostic] = await vscode.diagnostics(uri)
    edits = await _fix(vscode, uri, diagnostic, "Suppress ML004 on this line")
    fixed = vscode.apply(text, edits[uri])
    assert fixed.splitlines()[16] == "    # minlint: ignore ML004 -- <why this is acceptable, and who decided>"
    version = vscode.change(uri, fixed)
    assert await vscode.diagnostics(uri, version) == []
    (root / "web-plan.yaml").write_text(fixed, encoding="utf-8")
    [listed] = minlint.check([str(root)], cwd=root, cache=False).report.suppressed
    assert listed.finding.rule == "ML004"


async def test_json_has_no_comments_so_no_suppression_is_offered(vscode: Session, tmp_path: Path) -> None:
    root = copy_example("segment", tmp_path / "segment")
    old, new = '"x-minlint": {"purpose": "essential.service"', '"x-minlint": {"purpose": "nonsense.purpose"'
    uri, _ = await _broken(vscode, root, "tracking-plan.json", old, new)
    [diagnostic] = [d for d in await vscode.diagnostics(uri) if d.code == "ML004"]
    assert await vscode.actions(uri, diagnostic) == []  # no suggestion in the message, no comment in JSON


async def test_a_missing_declaration_is_added_to_a_block_field_with_the_most_common_value(
    vscode: Session, tmp_path: Path
) -> None:
    root = copy_example("storefront", tmp_path / "storefront")
    old = "    category: user.device.cookie_id\n    purpose: analytics.reporting\n"
    uri, text = await _broken(vscode, root, "web-plan.yaml", old, "    category: user.device.cookie_id\n")
    [diagnostic] = await vscode.diagnostics(uri)
    assert where(diagnostic) == ("ML001", 18, 2, 18, 14)
    edits = await _fix(vscode, uri, diagnostic, "Declare `purpose: analytics.reporting` (the project's most common")
    fixed = vscode.apply(text, edits[uri])
    assert "  anonymous_id:\n    purpose: analytics.reporting\n    type: string\n" in fixed
    version = vscode.change(uri, fixed)
    assert await vscode.diagnostics(uri, version) == []


async def test_missing_basis_and_retention_are_added_to_a_flow_field(vscode: Session, tmp_path: Path) -> None:
    root = copy_example("storefront", tmp_path / "storefront")
    uri, text = await _broken(
        vscode, root, "web-plan.yaml", "defaults:\n  basis: legitimate_interests\n  retention: P13M\n", ""
    )
    line = next(number for number, content in enumerate(text.splitlines()) if "product_id: {type: string}" in content)
    for code, title in (("ML002", "Declare `basis: legitimate_interests`"), ("ML003", "Declare `retention: P13M`")):
        diagnostics = await vscode.diagnostics(uri)
        [diagnostic] = [d for d in diagnostics if d.code == code and d.range.start.line == line]
        edits = await _fix(vscode, uri, diagnostic, title)
        text = vscode.apply(text, edits[uri])
        version = vscode.change(uri, text)
        after = await vscode.diagnostics(uri, version)
        assert [d for d in after if d.code == code and d.range.start.line == line] == []
    assert "      product_id: {retention: P13M, basis: legitimate_interests, type: string}\n" in text


async def test_a_plan_in_another_format_is_declared_in_its_declarations_file(vscode: Session, tmp_path: Path) -> None:
    root = copy_example("snowplow", tmp_path / "snowplow")
    declarations = root / "acme.declarations.yaml"
    without = replaced(declarations.read_text(encoding="utf-8"), "  purpose: analytics.reporting\n", "")
    declarations_uri = vscode.open(declarations, without)  # unsaved: the defaults no longer give a purpose
    schema_uri = vscode.open(root / "schemas/com.acme/customer/jsonschema/1-0-0", language="json")
    diagnostics = await vscode.diagnostics(schema_uri)
    by_line = {d.range.start.line: d for d in diagnostics if d.code == "ML001"}
    assert sorted(by_line) == [11, 13]  # customer_id (declared in the file, without a purpose); plan_tier (not)

    assert await vscode.actions(schema_uri, by_line[13]) == []  # no entry to add it to: nothing rather than a guess
    edits = await _fix(
        vscode, schema_uri, by_line[11], "Declare `purpose: essential.service` in acme.declarations.yaml"
    )
    assert list(edits) == [declarations_uri]
    fixed = vscode.apply(without, edits[declarations_uri])
    assert "      customer_id: {purpose: essential.service, category: user.unique_id}\n" in fixed
    vscode.change(declarations_uri, fixed)
    after = await _published_after_change(vscode, schema_uri)
    assert [d.range.start.line for d in after if d.code == "ML001"] == [13]


async def _published_after_change(session: Session, uri: str) -> list[types.Diagnostic]:
    """The diagnostics of ``uri`` published after the last change elsewhere in its project."""
    count = len(session.published)
    await session.quiet()
    for params in reversed(session.published[count:]):
        if params.uri == uri:
            return list(params.diagnostics)
    return await session.diagnostics(uri)


async def test_positions_are_in_the_clients_encoding(vscode: Session, neovim: Session, tmp_path: Path) -> None:
    root = copy_example("storefront", tmp_path / "storefront")
    plan = root / "web-plan.yaml"
    old = "      price: {type: number}\n"
    new = "      price: {description: Prix café 😀, type: number, purpose: analytics.reportin}\n"
    text = replaced(plan.read_text(encoding="utf-8"), old, new)
    line = text.splitlines().index(new.rstrip("\n"))
    prefix = new[: new.index("analytics.reportin")]
    for session, units in ((vscode, len(prefix.encode("utf-16-le")) // 2), (neovim, len(prefix.encode("utf-8")))):
        uri = session.open(plan, text)
        [diagnostic] = [d for d in await session.diagnostics(uri) if d.code == "ML004"]
        assert where(diagnostic) == ("ML004", line, units, line, units + len("analytics.reportin")), session.encoding
        edits = await _fix(session, uri, diagnostic, "Replace `analytics.reportin` with `analytics.reporting`")
        assert "purpose: analytics.reporting}" in session.apply(text, edits[uri])
        session.close(uri)
