"""Inventories of the example projects, built once per test session, as ``minlint inventory`` builds them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from minlint.commands.inventory import collect_inventory, run_inventory
from minlint.inventory.model import FindingRef, Inventory, PurposeRef, Row
from minlint.run.request import Request
from tests.conftest import REPO, RunMinlint

InventoryOf = Callable[[Path], Inventory]


def inventory_of(folder: Path, cwd: Path = REPO) -> Inventory:
    """The inventory of ``folder`` (named relative to ``cwd``, as on the command line)."""
    inventory, problems = collect_inventory(Request(paths=(str(folder.relative_to(cwd)),)), cwd)
    assert not problems, problems
    return inventory


def row(inventory: Inventory, key: str) -> Row:
    """The row of the field ``plan:ref``."""
    found = [item for item in inventory.rows if item.key == key]
    assert len(found) == 1, [item.key for item in inventory.rows]
    return found[0]


@pytest.fixture(scope="session")
def storefront() -> Inventory:
    """The inventory of examples/storefront (a clean project with two plans and two campaigns)."""
    return inventory_of(REPO / "examples" / "storefront")


@pytest.fixture(scope="session")
def violations() -> Inventory:
    """The inventory of examples/violations (every rule fires once)."""
    return inventory_of(REPO / "examples" / "violations")


EVIL = '</code><script>alert("x")</script><img src=x onerror=alert(1)> | `tick` ]"] #quot; & end\n--> d0 ``` [link](https://evil.example)'


@pytest.fixture(scope="session")
def hostile(storefront: Inventory) -> Inventory:
    """The storefront inventory with hostile text wherever spec text reaches the output."""
    first = replace(
        storefront.rows[0],
        ref=f"traits.{EVIL}",
        plan=EVIL,
        description=EVIL,
        category_name=EVIL,
        purposes=(PurposeRef(EVIL, EVIL),),
        basis=EVIL,
        retention=f"={EVIL}",
        recipients=(EVIL,),
        shared_with=(EVIL,),
        campaigns=(EVIL,),
        findings=(FindingRef("ML001", EVIL, "error", EVIL, EVIL, 3),),
    )
    purpose = replace(storefront.purposes[0], id=EVIL, name=EVIL, description=EVIL, recipients=(EVIL,))
    campaign = replace(storefront.campaigns[0], name=EVIL, description=EVIL, purposes=(EVIL,), recipients=(EVIL,))
    return replace(
        storefront,
        generated_from=EVIL,
        rows=(first, *storefront.rows[1:]),
        purposes=(purpose, *storefront.purposes[1:]),
        campaigns=(campaign, *storefront.campaigns[1:]),
        other_findings=(FindingRef("ML901", EVIL, "warning", EVIL, EVIL, 1),),
    )


def command_registered() -> bool:
    """Whether ``minlint inventory`` is registered in the command line yet."""
    from minlint.cli import main

    return "inventory" in getattr(main, "commands", {})


def inventory_output(
    output_format: str, folder: str, run_minlint: RunMinlint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """What ``minlint inventory FOLDER --format FORMAT`` prints, run from the repository root.

    Through the installed command once it is registered; until then through :func:`run_inventory`
    in-process (same code path after click), writing with ``--output``.
    """
    if command_registered():
        result = run_minlint("inventory", folder, "--format", output_format, cwd=REPO)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        return result.stdout
    monkeypatch.chdir(REPO)
    target = tmp_path / f"inventory.{output_format}"
    assert run_inventory(Request(paths=(folder,)), output_format, str(target)) == 0
    return target.read_text(encoding="utf-8")
