"""The command line: click parses, a typed options object goes to a command function, its return is the exit code."""

from __future__ import annotations

import click

from minlint import __version__
from minlint.formatters import FORMATS

SEVERITY_CHOICE = click.Choice(["error", "warning", "info"])


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="minlint", message="%(prog)s %(version)s")
def main() -> None:
    """minlint: flag every collected field without a declared purpose, lawful basis or retention limit."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--fail-on",
    type=SEVERITY_CHOICE,
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@click.option("--no-color", is_flag=True, help="No colour, even on a terminal (also: NO_COLOR=1).")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no hints, no summary.")
@click.option(
    "--rules",
    "rule_packs",
    multiple=True,
    metavar="FILE",
    help="An extra rule pack (kind: rules), e.g. your organisation's policies. Repeatable.",
)
def check(
    paths: tuple[str, ...], output_format: str, fail_on: str, no_color: bool, quiet: bool, rule_packs: tuple[str, ...]
) -> None:
    """Check the specs under PATHS (default: the current folder).

    Folders are searched for *.yaml and *.yml files; YAML files without a top-level `minlint` key
    are not specs and are skipped. Exit status: 0 no finding at --fail-on or above, 1 findings,
    2 usage error or unreadable path.
    """
    from minlint.commands.check import CheckOptions, run_check

    code = run_check(CheckOptions(paths, output_format, fail_on, no_color, quiet, rule_packs))
    raise SystemExit(code)


@main.command()
@click.argument("rule")
@click.option("--no-color", is_flag=True, help="Plain Markdown, even on a terminal.")
def explain(rule: str, no_color: bool) -> None:
    """Explain RULE (a code such as ML001, or a name such as missing-purpose): why it matters and how to fix it."""
    from minlint.commands.check import use_color
    from minlint.commands.explain import run_explain

    raise SystemExit(run_explain(rule, use_color(no_color)))


@main.command()
@click.argument("kind", type=click.Choice(["tracking-plan", "campaign", "purposes", "categories", "rules"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of a spec KIND, for editors (see docs/editors.md)."""
    import json

    from minlint.schema import load_schema

    click.echo(json.dumps(load_schema(kind), indent=2, ensure_ascii=False))
