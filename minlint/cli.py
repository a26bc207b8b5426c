"""The command line: click parses, a typed options object goes to a command function, its return is the exit code."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from minlint import __version__
from minlint.formatters import FORMATS
from minlint.inventory import RENDERERS as INVENTORY_FORMATS
from minlint.vocabulary import SCHEMA_NAMES

SEVERITY_CHOICE = click.Choice(["error", "warning", "info"])
F = TypeVar("F", bound=Callable[..., Any])


def selection_options(function: F) -> F:
    """Options every command that reads the configuration shares: the file and rule selection."""
    options = [
        click.option("--config", metavar="FILE", help="Use this configuration file instead of looking for one."),
        click.option(
            "--select",
            multiple=True,
            metavar="CODES",
            help="Run only these rules: codes, prefixes (ML1) or names, comma-separated. Overrides the config.",
        ),
        click.option(
            "--extend-select", multiple=True, metavar="CODES", help="Run these rules too (e.g. rules off by default)."
        ),
        click.option("--ignore", multiple=True, metavar="CODES", help="Do not run these rules."),
        click.option(
            "--exclude", multiple=True, metavar="GLOB", help="Leave out files matching this glob. Repeatable."
        ),
        click.option("--no-cache", is_flag=True, help="Do not read or write the cache (.minlint_cache/)."),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(min=1),
            metavar="N",
            help="Check files on N processes [default: every core for big runs, 1 for small ones].",
        ),
        click.option(
            "--rules",
            "rule_packs",
            multiple=True,
            metavar="FILE",
            help="An extra rule pack (kind: rules), e.g. your organisation's policies. Repeatable.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def project_options(function: F) -> F:
    """:func:`selection_options` plus the PATHS to check."""
    return click.argument("paths", nargs=-1, type=click.Path(readable=False))(selection_options(function))


def _request(**values: Any) -> Any:
    from minlint.run.request import Request

    return Request(
        paths=tuple(values.get("paths") or ()),
        config=values.get("config"),
        select=tuple(values["select"]) if values.get("select") else None,
        extend_select=tuple(values.get("extend_select") or ()),
        ignore=tuple(values.get("ignore") or ()),
        exclude=tuple(values.get("exclude") or ()),
        rule_packs=tuple(values.get("rule_packs") or ()),
        fail_on=values.get("fail_on"),
        baseline=values.get("baseline"),
        use_baseline=not values.get("no_baseline", False),
        new_since=values.get("new_since"),
        use_cache=not values.get("no_cache", False),
        jobs=values.get("jobs"),
    )


ISSUES_URL = "https://github.com/minlint/minlint/issues"


class MinlintGroup(click.Group):
    """Turns any unexpected exception into exit code 2 and one line saying it is a bug.

    The exit-code contract: 0 clean, 1 findings, 2 usage, configuration, I/O or internal error —
    never a Python traceback (unless ``--debug`` or ``MINLINT_DEBUG=1``), never exit 0 after a failure.
    """

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; map unexpected exceptions to exit code 2 (see the class docstring)."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            # The reader went away (`minlint check | head`): stop quietly, not with a traceback.
            _silence_stdout()
            raise SystemExit(1) from None
        except MemoryError:
            sys.stderr.write("minlint: error: out of memory; check fewer or smaller files (see `max-file-size`)\n")
            raise SystemExit(2) from None
        except Exception as failure:
            if _debugging(ctx):
                import traceback  # only here: it costs every run several milliseconds to import

                traceback.print_exc()
            detail = str(failure).splitlines()[0] if str(failure) else ""
            sys.stderr.write(
                f"minlint: internal error: {type(failure).__name__}{': ' + detail if detail else ''} — "
                f"this is a bug in minlint {__version__}; please report it at {ISSUES_URL} with the "
                "command you ran (run again with --debug for the traceback)\n"
            )
            raise SystemExit(2) from None


def _debugging(ctx: click.Context) -> bool:
    return bool(ctx.meta.get("minlint.debug")) or os.environ.get("MINLINT_DEBUG", "") not in ("", "0")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


@click.group(cls=MinlintGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="minlint", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="On an internal error, show the Python traceback.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """minlint: flag every collected field without a declared purpose, lawful basis or retention limit."""
    ctx.meta["minlint.debug"] = debug


@main.command()
@project_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--output", "-o", metavar="FILE", help="Write the report to FILE (atomically) instead of stdout.")
@click.option("--fail-on", type=SEVERITY_CHOICE, help="Exit 1 when a finding is at least this severe [default: error].")
@click.option("--baseline", metavar="FILE", help="Report only findings not in this baseline file.")
@click.option("--no-baseline", is_flag=True, help="Ignore the project's baseline: report every finding.")
@click.option("--new-since", metavar="REF", help="Report only findings new since git revision REF (e.g. origin/main).")
@click.option("--show-suppressed", is_flag=True, help="Also list the findings suppressions silenced, and why.")
@click.option("--no-color", is_flag=True, help="No colour, even on a terminal (also: NO_COLOR=1).")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no hints, no summary.")
def check(
    output_format: str, output: str | None, no_color: bool, quiet: bool, show_suppressed: bool, **values: Any
) -> None:
    """Check the specs under PATHS (default: the configured paths, else the current folder).

    Folders are searched for *.yaml and *.yml files; YAML files without a top-level `minlint` key
    are not specs and are skipped. Named files are checked with the whole project as context.
    Exit status: 0 no finding at --fail-on or above, 1 findings, 2 usage error, bad configuration
    or unreadable path.
    """
    from minlint.commands.check import CheckOptions, run_check

    options = CheckOptions(_request(**values), output_format, output, no_color, quiet, show_suppressed)
    raise SystemExit(run_check(options))


@main.command()
@project_options
@click.option("--update", is_flag=True, help="Replace an existing baseline (pruning fixed findings).")
@click.option("--baseline", metavar="FILE", help="Where to write it [default: .minlint-baseline.json at the root].")
def baseline(update: bool, **values: Any) -> None:
    """Record every current finding in the baseline, so that `check` reports only new ones."""
    from minlint.commands.baseline import run_baseline

    raise SystemExit(run_baseline(_request(**values), update))


@main.command()
@project_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "csv", "markdown"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def suppressions(output_format: str, **values: Any) -> None:
    """List every inline suppression: file, line, rules, reason, expiry and whether it is in effect."""
    from minlint.commands.suppressions import run_suppressions

    raise SystemExit(run_suppressions(_request(**values), output_format))


@main.command(name="rules")
@selection_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def rules_command(output_format: str, **values: Any) -> None:
    """List every rule: code, name, severity, target, summary, and whether it runs under the configuration."""
    from minlint.commands.rules import run_rules

    raise SystemExit(run_rules(_request(**values), output_format))


@main.command()
@project_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(INVENTORY_FORMATS)),
    default="markdown",
    show_default=True,
    help="Output format.",
)
@click.option("--output", "-o", metavar="FILE", help="Write the inventory to FILE (atomically) instead of stdout.")
def inventory(output_format: str, output: str | None, **values: Any) -> None:
    """Write the record of processing (GDPR Art. 30) of the specs under PATHS.

    One row per collected field: where it is defined, its data category, purposes, lawful basis,
    retention, recipients and the campaigns using it, with findings next to the field they concern,
    and a view per purpose. Exit status: 0 (findings do not fail it), 2 bad configuration or
    unreadable path.
    """
    from minlint.commands.inventory import run_inventory

    raise SystemExit(run_inventory(_request(**values), output_format, output))


@main.command()
@click.option("--yes", "-y", is_flag=True, help="Do not ask: use the defaults (also when not on a terminal).")
@click.option("--pre-commit", is_flag=True, help="Also write .pre-commit-config.yaml (only if there is none).")
def init(yes: bool, pre_commit: bool) -> None:
    """Create a starting project here: configuration, purposes registry, example plan and campaign.

    Existing files are never overwritten. The result passes `minlint check` with no finding.
    """
    from minlint.commands.init import run_init

    raise SystemExit(run_init(yes, pre_commit))


@main.command()
@click.argument("rule")
@click.option("--no-color", is_flag=True, help="Plain Markdown, even on a terminal.")
def explain(rule: str, no_color: bool) -> None:
    """Explain RULE (a code such as ML001, or a name such as missing-purpose): why it matters and how to fix it."""
    from minlint.commands.common import use_color
    from minlint.commands.explain import run_explain

    raise SystemExit(run_explain(rule, use_color(no_color)))


@main.command()
@click.argument("kind", type=click.Choice(SCHEMA_NAMES))
def schema(kind: str) -> None:
    """Print the JSON Schema of a spec KIND (or of the configuration), for editors."""
    import json

    from minlint.schema import load_schema

    click.echo(json.dumps(load_schema(kind), indent=2, ensure_ascii=False))


def run() -> None:
    """The console script (and ``python -m minlint``): :func:`main`, then a quick exit.

    The process is short-lived and builds many objects but no cycles worth collecting, so the
    cyclic garbage collector stays off; and it leaves without tearing its heap down object by
    object (as mypy does), once its output is flushed — after a large run that alone saves a
    noticeable part of a second.
    """
    gc.disable()
    try:
        main()
        code = 0
    except SystemExit as leaving:
        code = _exit_code(leaving.code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 1  # a reader that went away (`| head`): nothing more to say
    os._exit(code)


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")  # what Python itself does with `sys.exit("message")`
    return 1
