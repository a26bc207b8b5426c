"""The command line: click parses, a typed options object goes to a command function, its return is the exit code."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from minlint import __version__, interrupts
from minlint.dsr import RENDERERS as DSR_FORMATS
from minlint.export import EXPORTERS
from minlint.formatters import FORMATS
from minlint.inventory import RENDERERS as INVENTORY_FORMATS
from minlint.notice import RENDERERS as NOTICE_FORMATS
from minlint.safetext import visible
from minlint.vocabulary import SCHEMA_NAMES

SEVERITY_CHOICE = click.Choice(["error", "warning", "info"])
INVENTORY_ALIASES = {"md": "markdown"}  # other names `inventory --format` accepts
F = TypeVar("F", bound=Callable[..., Any])


def _apply(function: F, options: list[Callable[[F], F]]) -> F:
    for option in reversed(options):
        function = option(function)
    return function


def _positive(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise click.BadParameter(f"{value} is not a number of processes (1 or more).", ctx, param)
    return value


_CONFIG = click.option("--config", metavar="FILE", help="Use this configuration file instead of looking for one.")
_RULE_PACKS = click.option(
    "--rules",
    "rule_packs",
    multiple=True,
    metavar="FILE",
    help="An extra rule pack (kind: rules), e.g. your organisation's policies. Repeatable.",
)
_SELECT = click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Run only these rules: codes, prefixes (ML1) or names, comma-separated. Overrides the config.",
)
_EXTEND_SELECT = click.option(
    "--extend-select", multiple=True, metavar="CODES", help="Run these rules too (e.g. rules off by default)."
)
_IGNORE = click.option("--ignore", multiple=True, metavar="CODES", help="Do not run these rules.")
_EXCLUDE = click.option(
    "--exclude", multiple=True, metavar="GLOB", help="Leave out files matching this glob. Repeatable."
)
_NO_CACHE = click.option("--no-cache", is_flag=True, help="Do not read or write the cache (.minlint_cache/).")
_JOBS = click.option(
    "--jobs",
    "-j",
    type=int,
    callback=_positive,
    metavar="N",
    help="Check files on N processes [default: every core for big runs, 1 for small ones].",
)


def rule_options(function: F) -> F:
    """Which rules exist and which run: ``--config``, ``--select``, ``--extend-select``, ``--ignore``, ``--rules``.

    What ``minlint rules`` uses; no files are read, so it offers nothing about files.
    """
    return _apply(function, [_CONFIG, _SELECT, _EXTEND_SELECT, _IGNORE, _RULE_PACKS])


def format_option(choices: list[str]) -> Callable[[F], F]:
    """``--format``, one of ``choices``, text by default (the option every reporting command has)."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default="text",
        show_default=True,
        help="Output format.",
    )


def selection_options(function: F) -> F:
    """Options every command that checks the project shares: the rule selection and the file selection."""
    return _apply(function, [_CONFIG, _SELECT, _EXTEND_SELECT, _IGNORE, _EXCLUDE, _NO_CACHE, _JOBS, _RULE_PACKS])


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
            detail = visible(str(failure).splitlines()[0]) if str(failure) else ""
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


@main.command(short_help="Check the specs: every finding, where it is and how to fix it.")
@project_options
@format_option(sorted(FORMATS))
@click.option("--output", "-o", metavar="FILE", help="Write the report to FILE (atomically) instead of stdout.")
@click.option("--fail-on", type=SEVERITY_CHOICE, help="Exit 1 when a finding is at least this severe [default: error].")
@click.option("--baseline", metavar="FILE", help="Report only findings not in this baseline file.")
@click.option("--no-baseline", is_flag=True, help="Ignore the project's baseline: report every finding.")
@click.option("--new-since", metavar="REF", help="Report only findings new since git revision REF (e.g. origin/main).")
@click.option("--show-suppressed", is_flag=True, help="Also list the findings suppressions silenced, and why.")
@click.option(
    "--statistics", is_flag=True, help="Count the findings of each rule instead of listing them (--format text)."
)
@click.option("--no-color", is_flag=True, help="No colour, even on a terminal (also: NO_COLOR=1).")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no hints, no summary.")
def check(
    output_format: str,
    output: str | None,
    no_color: bool,
    quiet: bool,
    show_suppressed: bool,
    statistics: bool,
    **values: Any,
) -> None:
    """Check the specs under PATHS (default: the configured paths, else the current folder).

    Folders are searched for *.yaml and *.yml files; YAML files without a top-level `minlint` key
    are not specs and are skipped. Named files are checked with the whole project as context.
    Exit status: 0 no finding at --fail-on or above, 1 findings, 2 usage error, bad configuration
    or unreadable path.
    """
    from minlint.commands.check import CheckOptions, run_check

    if statistics and output_format != "text":
        raise click.UsageError("--statistics counts findings for a reader: use it with --format text")
    options = CheckOptions(_request(**values), output_format, output, no_color, quiet, show_suppressed, statistics)
    raise SystemExit(run_check(options))


@main.command(short_help="Record every current finding, so that `check` reports only new ones.")
@project_options
@click.option("--update", is_flag=True, help="Replace an existing baseline (pruning fixed findings).")
@click.option("--baseline", metavar="FILE", help="Where to write it [default: .minlint-baseline.json at the root].")
def baseline(update: bool, **values: Any) -> None:
    """Record every current finding in the baseline, so that `check` reports only new ones."""
    from minlint.commands.baseline import run_baseline

    raise SystemExit(run_baseline(_request(**values), update))


@main.command(short_help="List every inline suppression: the register of exceptions.")
@project_options
@format_option(["text", "json", "csv", "markdown"])
def suppressions(output_format: str, **values: Any) -> None:
    """List every inline suppression: file, line, rules, reason, expiry and whether it is in effect."""
    from minlint.commands.suppressions import run_suppressions

    raise SystemExit(run_suppressions(_request(**values), output_format))


@main.command(name="rules", short_help="List every rule, and whether it runs under the configuration.")
@rule_options
@format_option(["text", "json", "markdown"])
def rules_command(output_format: str, **values: Any) -> None:
    """List every rule: code, name, severity, target, summary, and whether it runs under the configuration.

    The built-in rules, then those of the rule packs the configuration's `rules` and `--rules` name.
    """
    from minlint.commands.rules import run_rules

    raise SystemExit(run_rules(_request(**values), output_format))


@main.command(short_help="Explain a rule: why it matters, how to fix it, examples.")
@click.argument("rule")
@_CONFIG
@_RULE_PACKS
@click.option("--no-color", is_flag=True, help="Plain Markdown, even on a terminal.")
def explain(rule: str, no_color: bool, **values: Any) -> None:
    """Explain RULE (a code such as ML001, or a name such as missing-purpose): why it matters and how to fix it.

    Knows the built-in rules and those of the rule packs the configuration's `rules` and `--rules` name.
    """
    from minlint.commands.common import use_color
    from minlint.commands.explain import run_explain

    raise SystemExit(run_explain(rule, use_color(no_color), _request(**values)))


@main.command(short_help="List the data categories a field may declare: the Fides taxonomy and the project's own.")
@click.argument("key", required=False)
@click.option("--personal", is_flag=True, help="Only categories of personal data.")
@click.option("--special", is_flag=True, help="Only special-category data (GDPR Art. 9).")
@click.option("--own", is_flag=True, help="Only the project's own categories (from its kind: categories files).")
@format_option(["text", "json", "markdown"])
@_CONFIG
@_EXCLUDE
def categories(key: str | None, personal: bool, special: bool, own: bool, output_format: str, **values: Any) -> None:
    """List the data categories a field's `category:` may name: the built-in Fides taxonomy, with
    minlint's additions, and the project's own from its `kind: categories` files.

    KEY lists only that category and those below it (`user.contact`). Shown for each: its key and
    name, whether it is personal data, whether it is special-category data (GDPR Art. 9), its legal
    regime (art9, art8 for children's data, art10 for criminal data) and where it comes from.
    """
    from minlint.commands.categories import CategoryFilter, run_categories

    wanted = CategoryFilter(key, personal, special, own)
    raise SystemExit(run_categories(_request(**values), wanted, output_format))


@main.command(short_help="Write the record of processing (GDPR Art. 30) of the specs.")
@project_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice([*sorted(INVENTORY_FORMATS), *INVENTORY_ALIASES]),
    metavar="[" + "|".join(sorted(INVENTORY_FORMATS, key=lambda name: name != "markdown")) + "]",
    default="markdown",
    show_default=True,
    help="Output format (md is short for markdown).",
)
@click.option("--output", "-o", metavar="FILE", help="Write the inventory to FILE (atomically) instead of stdout.")
def inventory(output_format: str, output: str | None, **values: Any) -> None:
    """Write the record of processing (GDPR Art. 30) of the specs under PATHS.

    One row per collected field: where it is defined, its data category, purposes, lawful basis,
    retention, recipients and the campaigns using it, with findings next to the field they concern,
    and a view per purpose.

    Exit status: 0 (findings do not fail it), 2 bad configuration or unreadable path.
    """
    from minlint.commands.inventory import run_inventory

    output_format = INVENTORY_ALIASES.get(output_format, output_format)
    raise SystemExit(run_inventory(_request(**values), output_format, output))


@main.command(short_help="Write the runbook for a data-subject request (access, erasure).")
@project_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice([*sorted(DSR_FORMATS), *INVENTORY_ALIASES]),
    metavar="[markdown|json]",
    default="markdown",
    show_default=True,
    help="Output format (md is short for markdown).",
)
@click.option("--output", "-o", metavar="FILE", help="Write the runbook to FILE (atomically) instead of stdout.")
def dsr(output_format: str, output: str | None, **values: Any) -> None:
    """Write the runbook for a data-subject request from the specs under PATHS.

    When a person asks to see, correct, export or erase their data (GDPR Art. 15-17, 20; CPRA
    §1798.105, .106, .110): the identifiers to ask them for, every tracking plan and campaign holding
    their data with the field that finds it (`subject_id:`), every recipient to pass the request
    on to with how it erases and exports data, and the gaps that keep a request from being served.

    Exit status: 0 (gaps do not fail it), 2 bad configuration or unreadable path.
    """
    from minlint.commands.dsr import run_dsr

    output_format = INVENTORY_ALIASES.get(output_format, output_format)
    raise SystemExit(run_dsr(_request(**values), output_format, output))


@main.command(short_help="Write the 'what we collect and why' part of a privacy notice.")
@project_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice([*sorted(NOTICE_FORMATS), *INVENTORY_ALIASES]),
    metavar="[markdown|html]",
    default="markdown",
    show_default=True,
    help="Output format (md is short for markdown); html is one self-contained page.",
)
@click.option("--output", "-o", metavar="FILE", help="Write the notice to FILE (atomically) instead of stdout.")
def notice(output_format: str, output: str | None, **values: Any) -> None:
    """Write the "what we collect and why" part of a privacy notice from the specs under PATHS.

    Per purpose, in plain words from the purposes registry: the personal data collected, the legal
    basis (and for legitimate interests the interest pursued, GDPR Art. 13(1)(d)), the recipients
    and transfers outside the EEA, how long it is kept; then the person's rights under each
    configured jurisdiction. What must still be written first (a purpose with no description …) is
    listed at the top.

    Exit status: 0, 2 bad configuration or unreadable path.
    """
    from minlint.commands.notice import run_notice

    output_format = INVENTORY_ALIASES.get(output_format, output_format)
    raise SystemExit(run_notice(_request(**values), output_format, output))


@main.command(name="import", short_help="Write plans kept in other formats as minlint tracking plans.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option(
    "--output", "-o", metavar="DIR", required=True, help="The folder to write the plans into (made if missing)."
)
@click.option("--force", is_flag=True, help="Overwrite plans that exist already in DIR.")
@click.option("--config", metavar="FILE", help="Use this configuration file instead of looking for one.")
@_EXCLUDE
def import_command(
    paths: tuple[str, ...], output: str, force: bool, config: str | None, exclude: tuple[str, ...]
) -> None:
    """Write each tracking plan under PATHS kept in another format (RudderStack, Segment, Snowplow,
    Fides, a data contract, dbt, JSON Schema) as a minlint tracking plan, DIR/<plan-name>.yaml.

    Every event and field is kept, with its description, type, enum, bounds and nesting. A field
    whose name or format makes its data category clear gets `category:`, marked as guessed with a
    comment; no purpose, basis or retention is invented, so the first `minlint check` of the result
    lists what is left to decide. Existing files are never overwritten without --force.

    Exit status: 0 written, 2 bad path, configuration, existing file or failed write (nothing written).
    """
    from minlint.commands.import_ import run_import

    request = _request(paths=paths, config=config, exclude=exclude)
    raise SystemExit(run_import(request, output, force))


@main.command(name="export", short_help="Write the specs in another tool's format: Fides datasets and systems.")
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(EXPORTERS)),
    required=True,
    help="The format to write: fides (a dataset manifest per plan, a system manifest for the project).",
)
@click.option(
    "--output", "-o", metavar="DIR", required=True, help="The folder to write the manifests into (made if missing)."
)
@click.option("--force", is_flag=True, help="Overwrite manifests that exist already in DIR.")
@_CONFIG
@_EXCLUDE
def export_command(
    paths: tuple[str, ...],
    output_format: str,
    output: str,
    force: bool,
    config: str | None,
    exclude: tuple[str, ...],
) -> None:
    """Write the specs under PATHS (default: the configured paths, else the current folder) in another
    tool's format, into DIR.

    fides: DIR/<plan>.dataset.yml for each tracking plan — its events as collections, its fields with
    their data categories and the identities that find a person — and DIR/<project>.system.yml, whose
    privacy declarations give the fields their data uses, legal bases, retention (in days),
    special-category bases and third parties, with the data uses and categories Fides lacks defined
    beside it. Reading the manifests back gives every field what it declares, but for what Fides cannot
    say exactly: each such loss is a note on stderr. Existing files are never overwritten without --force.

    Exit status: 0 written, 2 bad path or configuration, a purpose with no Fides data use, an existing
    file or a failed write (nothing written).
    """
    from minlint.commands.export import run_export

    request = _request(paths=paths, config=config, exclude=exclude)
    raise SystemExit(run_export(request, output_format, output, force))


@main.command(short_help="Start a project here that passes clean.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask: use the defaults (also when not on a terminal).")
@click.option("--pre-commit", is_flag=True, help="Also write .pre-commit-config.yaml (only if there is none).")
def init(yes: bool, pre_commit: bool) -> None:
    """Create a starting project here: configuration, purposes registry, example plan and campaign.

    Existing files are never overwritten. The result passes `minlint check` with no finding.
    """
    from minlint.commands.init import run_init

    raise SystemExit(run_init(yes, pre_commit))


@main.command(short_help="Print the JSON Schema of a spec kind, for editors.")
@click.argument("kind", type=click.Choice(SCHEMA_NAMES))
def schema(kind: str) -> None:
    """Print the JSON Schema of a spec KIND (or of the configuration), for editors."""
    import json

    from minlint.schema import load_schema

    click.echo(json.dumps(load_schema(kind), indent=2, ensure_ascii=False))


@main.command(short_help="Run the language server, for findings in the editor as you type.")
@click.option("--stdio", is_flag=True, help="Talk over stdin and stdout (the only way; for clients that pass it).")
def server(stdio: bool) -> None:
    """Run minlint's language server (LSP over stdin and stdout), for editors: the findings of every
    open spec as you type, checked with the rest of its project; each rule explained on hover; quick
    fixes; completion of purposes, bases, categories and recipients. See docs/editors.md.

    Needs pygls: pip install 'minlint[server]'. Exit status: 0 after the client's shutdown, 1 when
    the client left without one, 2 when pygls is missing.
    """
    from minlint.server import run_server

    raise SystemExit(run_server())


def run() -> None:
    """The console script (and ``python -m minlint``): :func:`main`, then a quick exit.

    The process is short-lived and builds many objects but no cycles worth collecting, so the
    cyclic garbage collector stays off; and it leaves without tearing its heap down object by
    object (as mypy does), once its output is flushed — after a large run that alone saves a
    noticeable part of a second.

    SIGINT and SIGTERM stop the run cleanly (:mod:`minlint.interrupts`): no traceback, no
    temporary file left, worker processes stopped, and exit status 130 or 143 — never 0 or 1,
    whatever the command was doing when the signal came.
    """
    gc.disable()
    interrupts.install()
    try:
        try:
            main()
            code = 0
        except SystemExit as leaving:
            code = _exit_code(leaving.code)
        interrupts.closing()  # a signal from here on ends the process at once, with 128 + its number
    except interrupts.Interrupted:
        code = 2  # replaced just below: received() is set
    if interrupts.received() is not None:
        code = interrupts.finish()  # stops what is left (worker processes), says so on stderr
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
