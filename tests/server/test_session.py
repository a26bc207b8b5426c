"""The session itself: what the server offers, when it checks, what it publishes where, and what it survives."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

import minlint
from minlint import __version__
from tests.server.conftest import Session, copy_example, position, replaced, where

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]

TYPO = ("purpose: essential.fraud_detection", "purpose: essential.fraud_detectoin")


async def test_initialize_announces_what_the_server_does(vscode_client: LanguageClient) -> None:
    result: types.InitializeResult = vscode_client.initialized_with  # type: ignore[attr-defined]
    assert result.server_info is not None
    assert (result.server_info.name, result.server_info.version) == ("minlint", __version__)
    capabilities = result.capabilities
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions) and sync.change == types.TextDocumentSyncKind.Full
    assert sync.open_close and sync.save
    assert capabilities.hover_provider
    actions = capabilities.code_action_provider
    assert isinstance(actions, types.CodeActionOptions)
    assert list(actions.code_action_kinds or ()) == [types.CodeActionKind.QuickFix]
    assert capabilities.completion_provider is not None


async def test_two_quick_edits_make_one_check_of_the_latest_version(vscode: Session, tmp_path: Path) -> None:
    root = copy_example("storefront", tmp_path / "storefront")
    plan = root / "web-plan.yaml"
    clean = plan.read_text(encoding="utf-8")
    uri = vscode.open(plan)
    assert await vscode.diagnostics(uri, 1) == []
    before = len(vscode.published)

    vscode.change(uri, replaced(clean, *TYPO))
    latest = vscode.change(uri, replaced(clean, "retention: P30D\n", "retention: P30Y\n"))
    diagnostics = await vscode.diagnostics(uri, latest)
    await vscode.quiet()  # a check of version 2, had there been one, would have come by now
    published = [params for params in vscode.published[before:] if params.uri == uri]
    assert [params.version for params in published] == [latest]
    assert {diagnostic.code for diagnostic in diagnostics} == {"ML008"}  # P30Y, not the typo of version 2


async def test_an_unsaved_registry_is_the_context_of_the_open_plan(vscode: Session, tmp_path: Path) -> None:
    root = copy_example("storefront", tmp_path / "storefront")
    plan_uri = vscode.open(root / "web-plan.yaml")
    assert await vscode.diagnostics(plan_uri) == []

    registry = root / "purposes.yaml"
    text = registry.read_text(encoding="utf-8")
    registry_uri = vscode.open(registry, replaced(text, "  essential.fraud_detection:\n", "  essential.fraud:\n"))
    diagnostics = await _next(vscode, plan_uri)
    assert ("ML004", 16, 13, 16, 38) in [where(diagnostic) for diagnostic in diagnostics]
    assert all(diagnostic.code != "ML004" for diagnostic in await vscode.diagnostics(registry_uri))

    vscode.close(registry_uri)  # the buffer goes: the registry on disk is the context again
    assert await _next(vscode, plan_uri, after=len(vscode.published)) == []


async def _next(session: Session, uri: str, after: int | None = None) -> list[types.Diagnostic]:
    """The next diagnostics published for ``uri`` with findings, or the next after ``after`` publishes."""
    async with asyncio.timeout(15):
        while True:
            for params in session.published[after or 0 :]:
                if params.uri == uri and (after is not None or params.diagnostics):
                    return list(params.diagnostics)
            await asyncio.sleep(0.02)


async def test_each_document_gets_exactly_the_findings_in_its_own_file(vscode: Session, tmp_path: Path) -> None:
    root = copy_example("violations", tmp_path / "violations")
    names = ("plan.yaml", "campaign.yaml", "segment-plan.json", "purposes.yaml")
    opened = {name: vscode.open(root / name) for name in names}
    await vscode.quiet(0.3)
    expected = minlint.check([str(root / name) for name in names], cwd=root, cache=False).findings
    for name, uri in opened.items():
        published = await vscode.diagnostics(uri)
        wanted = sorted((f.rule, f.line - 1, f.message) for f in expected if f.path == name)
        assert sorted((d.code, d.range.start.line, d.message) for d in published) == wanted, name
    assert any(f.path == "plan.yaml" for f in expected) and any(f.path == "campaign.yaml" for f in expected)


async def test_files_that_are_not_specs_get_no_diagnostics_and_stale_ones_are_cleared(
    vscode: Session, tmp_path: Path
) -> None:
    compose = tmp_path / "docker-compose.yaml"
    compose.write_text("services:\n  web: {image: nginx}\n", encoding="utf-8")
    uri = vscode.open(compose)
    assert await vscode.diagnostics(uri) == []

    plan = tmp_path / "draft.yaml"
    text = "minlint: 1\nkind: tracking-plan\nname: draft\ntraits:\n  email: {type: string}\n"
    plan.write_text(text, encoding="utf-8")
    plan_uri = vscode.open(plan)
    diagnostics = await vscode.diagnostics(plan_uri)
    assert {"ML001", "ML002", "ML003"} <= {diagnostic.code for diagnostic in diagnostics}  # no project: still checked
    assert ("ML001", 4, 2, 4, 7) in [where(diagnostic) for diagnostic in diagnostics]

    version = vscode.change(plan_uri, "services:\n  web: {image: nginx}\n")
    assert await vscode.diagnostics(plan_uri, version) == []


async def test_a_broken_configuration_is_one_diagnostic_never_a_crash(vscode: Session, tmp_path: Path) -> None:
    root = copy_example("storefront", tmp_path / "storefront")
    config = root / ".minlint.yaml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "fail-on: fatal\n", encoding="utf-8")
    plan_uri = vscode.open(root / "web-plan.yaml")
    [diagnostic] = await vscode.diagnostics(plan_uri)
    assert diagnostic.range.start == position(0, 0) and diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.message.startswith("minlint cannot check this project: .minlint.yaml:")
    assert any(".minlint.yaml" in message.message for message in vscode.client.messages)

    config_uri = vscode.open(config)  # the configuration itself shows where it is wrong
    [here] = await vscode.diagnostics(config_uri)
    assert here.range.start.line == len(good.splitlines())
    assert "fatal" in here.message

    config.write_text(good, encoding="utf-8")
    vscode.change(config_uri, good)
    vscode.client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=config_uri))
    )
    assert await _next(vscode, plan_uri, after=len(vscode.published)) == []


ALIASES = ["x"] + [",".join([f"*{chr(97 + i)}"] * 50) for i in range(6)]  # a billion laughs
HOSTILE = {
    "binary.yaml": "minlint: 1\n\x00\x01\x02\xff" * 10,
    "tabs.yaml": "minlint: 1\nkind: tracking-plan\n\tname: x\n",
    "deep.yaml": "minlint: 1\nkind: tracking-plan\nname: deep\ntraits: " + "[" * 5000 + "]" * 5000 + "\n",
    "bomb.yaml": "minlint: 1\n" + "".join(f"{chr(97 + i)}: &{chr(97 + i)} [{ALIASES[i]}]\n" for i in range(7)),
    "surrogate.yaml": "minlint: 1\nkind: tracking-plan\nname: \ud800\n",
    "separators.yaml": "minlint: 1\nkind: tracking-plan\nname: x\u2028y\x0c\x85\ntraits:\n  a\u2029b: {}\n",
}


async def test_the_server_survives_hostile_buffers(vscode: Session, tmp_path: Path) -> None:
    for name, text in HOSTILE.items():
        uri = vscode.open(tmp_path / name, text)
        diagnostics = await vscode.diagnostics(uri)
        for diagnostic in diagnostics:
            assert diagnostic.range.start.line >= 0
        hover = await vscode.hover(uri, position(1, 0))
        assert hover is None or isinstance(hover.contents, types.MarkupContent)
        await vscode.complete(uri, position(2, 6))
        for diagnostic in diagnostics:
            await vscode.actions(uri, diagnostic)
    huge = "minlint: 1\nkind: tracking-plan\nname: huge\n# " + "x" * (17 * 1024 * 1024) + "\n"
    uri = vscode.open(tmp_path / "huge.yaml", huge)
    [diagnostic] = await vscode.diagnostics(uri)
    assert "MB" in diagnostic.message  # minlint's own size limit applies


async def test_a_new_file_not_saved_yet_is_checked_with_its_project(vscode: Session, tmp_path: Path) -> None:
    root = copy_example("storefront", tmp_path / "storefront")
    text = "minlint: 1\nkind: tracking-plan\nname: draft\ntraits:\n  email: {purpose: essential.servic}\n"
    uri = vscode.open(root / "draft.yaml", text)  # no such file on disk
    diagnostics = await vscode.diagnostics(uri)
    [unknown] = [d for d in diagnostics if d.code == "ML004"]  # the registry on disk is its context
    assert where(unknown) == ("ML004", 4, 19, 4, 35)
    assert "did you mean `essential.service`?" in unknown.message
