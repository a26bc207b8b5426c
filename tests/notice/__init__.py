"""Tests of ``minlint notice``, the "what we collect and why" part of a privacy notice.

What the modules share: the notice of a project, built as ``minlint notice`` builds it (the project
checked, its record of processing, then :func:`~minlint.notice.build.build_notice` with the configured
jurisdictions), small projects to build it from, and hostile text to feed it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from minlint.commands.inventory import record_project
from minlint.notice.build import build_notice
from minlint.notice.model import Notice, Purpose
from minlint.run.request import Request
from tests.conftest import REPO, write_files

STOREFRONT = "examples/storefront"
VIOLATIONS = "examples/violations"


def notice_of(*paths: str, cwd: Path = REPO, jurisdictions: tuple[str, ...] | None = None) -> Notice:
    """The notice of the project ``paths`` name (relative to ``cwd``, as on the command line).

    ``jurisdictions`` replaces the configured ones when given.
    """
    recorded = record_project(Request(paths=paths), cwd)
    if recorded.problems:
        raise AssertionError(f"paths could not be read: {recorded.problems}")
    laws = recorded.jurisdictions if jurisdictions is None else jurisdictions
    return build_notice(recorded.analysis, recorded.inventory, laws)


def project_notice(folder: Path, files: Mapping[str, str], jurisdictions: tuple[str, ...] | None = None) -> Notice:
    """The notice of a project of ``files`` written under ``folder``."""
    write_files(folder, files)
    return notice_of(".", cwd=folder, jurisdictions=jurisdictions)


def purpose(notice: Notice, purpose_id: str) -> Purpose:
    """The one purpose of ``notice`` with id ``purpose_id``."""
    found = [item for item in notice.purposes if item.id == purpose_id]
    if len(found) != 1:
        raise AssertionError(f"{len(found)} purposes {purpose_id!r}: {[item.id for item in notice.purposes]}")
    return found[0]


def right_laws(notice: Notice) -> list[list[str]]:
    """The law of each right, group by group."""
    return [[right.law for right in group.rights] for group in notice.rights]


# A registry of two described purposes: one on legitimate interests (its interest stated), one on consent.
REGISTRY = """\
minlint: 1
kind: purposes
purposes:
  custom.helpdesk:
    description: Answering the questions customers send us.
    bases: [legitimate_interests]
    interest: Helping customers who write to us.
    max_retention: P2Y
  marketing.communications.email:
    description: Offers by email to people who asked for them.
    bases: [consent]
    max_retention: P2Y
    consent: {mechanism: double_opt_in, scope: newsletter, record: crm.consent_events}
"""

# Recipients: one in the EEA, one outside it with a safeguard, one outside it without.
RECIPIENTS = """\
minlint: 1
kind: recipients
recipients:
  crm: {description: Keeps our customer records., role: processor, country: DE, erasure: api}
  desk: {description: Runs our help desk., role: processor, country: US, transfer: sccs, erasure: api}
  mailer: {description: Sends our emails., role: processor, country: JP, erasure: api}
"""

# A plan whose fields serve the two purposes; which purpose a field serves is what a test makes it.
PLAN = """\
minlint: 1
kind: tracking-plan
name: web
subject_id: traits.email
defaults: {retention: P6M}
traits:
  email:
    type: string
    category: user.contact.email
    purpose: custom.helpdesk
    basis: legitimate_interests
    shared_with: [crm, desk]
  tier: {type: string, category: none, purpose: custom.helpdesk, basis: legitimate_interests}
"""

# Text that would do harm if any output took it as markup: HTML, Markdown blocks and inlines, a comment
# end, control characters and line breaks that could start a line of their own.
EVIL = (
    '</p></style><script>alert("x")</script><img src=x onerror=alert(1)> | a | b |\n'
    "# Heading\n## Sub\n| c | d |\n|---|---|\n"
    "`tick` ``` --> --!> <!-- [link](https://evil.example) *em* _em_ "
    "\x1b[31mred\x07 \x00 \r\n\u202e\u2028 & end"
)
