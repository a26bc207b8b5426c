"""``minlint init``: a starting project in the current folder that passes ``minlint check`` clean.

It writes ``.minlint.yaml``, a purposes registry with a few common purposes, an example tracking
plan and campaign, and the JSON Schemas for editors under ``.minlint/schemas/``. It never
overwrites a file: what exists is kept and said so. The pre-commit snippet is printed, and written
to ``.pre-commit-config.yaml`` only when asked (and only if that file does not exist).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from minlint.commands.common import EXIT_CLEAN, EXIT_ERROR, error
from minlint.fileio import write_atomic
from minlint.schema import load_schema
from minlint.vocabulary import SCHEMA_NAMES

# A local hook runs the minlint installed here, so it works before any release exists; the remote
# form (docs/ci.md) needs a commit to pin, which only the user can choose.
PRE_COMMIT = """\
repos:
  # The minlint installed in this environment. To pin one revision for everyone instead, see
  # https://github.com/minlint/minlint/blob/main/docs/ci.md#pre-commit
  - repo: local
    hooks:
      - id: minlint
        name: minlint
        entry: minlint check
        language: system
        types: [text]
        files: '(\\.(ya?ml|json)|/jsonschema/[1-9][0-9]*-[0-9]+-[0-9]+)$'
        require_serial: true
"""

CONFIG = """\
# minlint configuration: https://github.com/minlint/minlint/blob/main/docs/ci.md
paths: [{specs}]
# extend-select: [ML204]        # rules that are off by default
# ignore: []                    # rules you do not want
# severity: {{ML101: error}}      # make undeclared personal data fail the check
# per-path-ignores: {{}}
"""

PURPOSES = """\
# yaml-language-server: $schema={schemas}/purposes.json
# The purposes your organisation has approved: the lawful bases each allows and how long data
# kept for it may live. Ids follow the Fides data-use taxonomy.
minlint: 1
kind: purposes
purposes:
  essential.service:
    description: Providing the service the customer asked for (accounts, orders, delivery).
    bases: [contract, legal_obligation]
    max_retention: P6Y
  essential.fraud_detection:
    description: Detecting and preventing fraud and abuse.
    bases: [legitimate_interests]
    interest: Protecting customers and the shop from payment fraud and stolen accounts.
    max_retention: P90D
  analytics.reporting:
    description: Aggregate reporting on how the product is used.
    bases: [legitimate_interests, consent]
    interest: Knowing which pages and products work, to improve the shop.
    max_retention: P25M
  marketing.communications.email:
    description: Promotional email to people who opted in.
    bases: [consent]
    max_retention: P2Y
    # How consent is asked and recorded: your consent-management platform, a double opt-in form …
    consent: {{mechanism: double_opt_in, record: your-consent-log}}
"""

PLAN = """\
# yaml-language-server: $schema={schemas}/tracking-plan.json
# A tracking plan: every field says why it is collected (purpose), on what lawful basis and for
# how long. Declarations are inherited: plan defaults <- event defaults <- parent field.
minlint: 1
kind: tracking-plan
name: {name}
owner: you@example.com
defaults:
  basis: legitimate_interests
  retention: P13M
  category: none
traits:
  email:
    type: string
    format: email
    category: user.contact.email
    purpose: [essential.service, marketing.communications.email]
    basis: {{essential.service: contract, marketing.communications.email: consent}}
    retention: {{duration: P30D, after: account_closure}}
    shared_with: [email-provider]
events:
  Page Viewed:
    description: A page of the site was displayed.
    defaults:
      purpose: analytics.reporting
    properties:
      path: {{type: string}}
      referrer_domain: {{type: string}}
"""

CAMPAIGN = """\
# yaml-language-server: $schema={schemas}/campaign.json
# A campaign: what it is for, on what basis, and which tracking-plan data it uses.
minlint: 1
kind: campaign
name: welcome-series
purpose: marketing.communications.email
basis: consent
channels: [email]
recipients: [email-provider]
opt_out: [unsubscribe_link, preference_center]
uses:
  - traits.email
"""


@dataclass(frozen=True, slots=True)
class InitOptions:
    """Answers to ``init``'s questions (from the prompts, or the defaults with ``--yes``)."""

    name: str = "my-product"
    specs: str = "specs"
    pre_commit: bool = False


def ask(defaults: InitOptions) -> InitOptions:
    """Ask the questions on a terminal (click prompts)."""
    name = click.prompt("Name of your tracking plan", default=defaults.name)
    specs = click.prompt("Folder for your specs", default=defaults.specs)
    pre_commit = click.confirm("Write .pre-commit-config.yaml (if there is none)?", default=defaults.pre_commit)
    return InitOptions(str(name).strip() or defaults.name, str(specs).strip().strip("/") or defaults.specs, pre_commit)


def files_for(options: InitOptions) -> dict[str, str]:
    """The files ``init`` creates, relative path -> content."""
    specs = options.specs
    depth = len(Path(specs).parts)
    schemas = "/".join([".."] * depth + [".minlint", "schemas"])
    files = {
        ".minlint.yaml": CONFIG.format(specs=specs),
        f"{specs}/purposes.yaml": PURPOSES.format(schemas=schemas),
        f"{specs}/tracking-plan.yaml": PLAN.format(schemas=schemas, name=json.dumps(options.name)),
        f"{specs}/campaigns/welcome-series.yaml": CAMPAIGN.format(schemas="../" + schemas),
    }
    for kind in SCHEMA_NAMES:
        files[f".minlint/schemas/{kind}.json"] = json.dumps(load_schema(kind), indent=2, ensure_ascii=False) + "\n"
    if options.pre_commit:
        files[".pre-commit-config.yaml"] = PRE_COMMIT
    return files


def run_init(yes: bool, pre_commit: bool, folder: Path | None = None) -> int:
    """Scaffold the project in ``folder`` (the current one); never overwrites. Returns the exit code."""
    root = folder or Path.cwd()
    defaults = InitOptions(pre_commit=pre_commit)
    options = defaults if yes or not sys.stdin.isatty() else ask(defaults)
    if Path(options.specs).is_absolute() or ".." in Path(options.specs).parts:
        error(f"the specs folder must be inside the current folder, not `{options.specs}`")
        return EXIT_ERROR
    created: list[str] = []
    kept: list[str] = []
    for relative, content in files_for(options).items():
        path = root / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, content, overwrite=False)
        except FileExistsError:
            kept.append(relative)
            continue
        except OSError as failure:
            error(f"cannot write {relative}: {(failure.strerror or str(failure)).lower()}")
            return EXIT_ERROR
        created.append(relative)
    out = sys.stdout
    for relative in created:
        out.write(f"created  {relative}\n")
    for relative in kept:
        out.write(f"kept     {relative} (it exists already; not overwritten)\n")
    out.write("\nNext: run `minlint check` — the starting project passes clean. Edit the specs to describe what you\n")
    out.write("really collect; `minlint explain CODE` explains any finding.\n")
    if not options.pre_commit:
        out.write("\nTo run minlint before every commit, add this to .pre-commit-config.yaml:\n\n")
        out.write(PRE_COMMIT)
    return EXIT_CLEAN
