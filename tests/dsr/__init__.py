"""Tests of ``minlint dsr``, the runbook for a data-subject request.

What the modules share: the runbook of a project, built as ``minlint dsr`` builds it (the project
checked, its record of processing, then :func:`~minlint.dsr.build.build_runbook`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from minlint.commands.inventory import record_project
from minlint.dsr.build import build_runbook
from minlint.dsr.model import Gap, Runbook, Store
from minlint.run.request import Request
from tests.conftest import REPO, write_files


def runbook_of(*paths: str, cwd: Path = REPO) -> Runbook:
    """The runbook of the project ``paths`` name (relative to ``cwd``, as on the command line)."""
    recorded = record_project(Request(paths=paths), cwd)
    if recorded.problems:
        raise AssertionError(f"paths could not be read: {recorded.problems}")
    return build_runbook(recorded.analysis, recorded.inventory)


def project_runbook(folder: Path, files: Mapping[str, str]) -> Runbook:
    """The runbook of a project of ``files`` written under ``folder``."""
    write_files(folder, files)
    return runbook_of(".", cwd=folder)


def store(runbook: Runbook, name: str, kind: str | None = None) -> Store:
    """The one store called ``name`` (of ``kind``, when given)."""
    found = [item for item in runbook.stores if item.name == name and kind in (None, item.kind)]
    if len(found) != 1:
        raise AssertionError(f"{len(found)} stores called {name!r}: {[item.name for item in runbook.stores]}")
    return found[0]


def gap_places(runbook: Runbook) -> list[tuple[str, str, int]]:
    """Each gap as ``(kind, file, line)``, in the runbook's order."""
    return [(gap.kind, gap.file, gap.line) for gap in runbook.gaps]


def gaps_of(runbook: Runbook, kind: str) -> list[Gap]:
    """The gaps of ``kind``."""
    return [gap for gap in runbook.gaps if gap.kind == kind]


# A registry: one recipient that says everything, one that cannot erase, one that says nothing of export.
REGISTRY = """\
minlint: 1
kind: recipients
recipients:
  crm:
    description: The customer database.
    role: processor
    cpra_role: service_provider
    country: DE
    erasure: api
    export: manual
  vault: {role: processor, country: DE, erasure: none, export: manual}
  sheets: {role: processor, country: DE, erasure: manual}
"""

# A plan holding two personal fields and a non-personal one; `subject_id` is what a test makes it.
PLAN = """\
minlint: 1
kind: tracking-plan
description: The web shop.
name: web
subject_id: traits.email
defaults: {basis: consent, purpose: analytics.reporting, retention: P6M}
traits:
  email: {type: string, category: user.contact.email, shared_with: [crm]}
  first_name: {type: string, category: user.name.first}
  plan_tier: {type: string, category: none, shared_with: [sheets]}
events:
  Page Viewed:
    properties:
      path: {type: string, category: none}
"""

# A campaign that uses the plan's email and collects a phone number of its own.
CAMPAIGN = """\
minlint: 1
kind: campaign
name: promo
purpose: marketing.communications.email
basis: consent
opt_out: [unsubscribe_link]
recipients: [crm]
subject_id: web:traits.email
uses: [web:traits.email, Page Viewed.path]
collects:
  phone: {type: string, category: user.contact.phone_number, retention: P1Y}
"""
