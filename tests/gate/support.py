"""Specs, git repositories and JSON reports shared by the gate tests (configuration, baseline, --new-since …)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tests.conftest import RunMinlint, write_files

# A field of the plans below, written in flow style; what each one is reported for.
OK = "{purpose: analytics.reporting, retention: P1Y}"
NO_PURPOSE = "{retention: P1Y}"  # ML001 missing-purpose
NO_RETENTION = "{purpose: analytics.reporting}"  # ML003 missing-retention
PHONE = "{purpose: analytics.reporting, retention: P1Y}"  # ML101 (warning) when the field is called phone_number
UNKNOWN_PURPOSE = "{purpose: foo.bar, retention: P1Y}"  # ML004 when there is a registry
TOO_LONG = "{purpose: analytics.reporting, retention: P5Y}"  # ML008 when there is a registry
WRONG_BASIS = "{purpose: analytics.reporting, retention: P1Y, basis: consent}"  # ML009 when there is a registry
ADVERTISING = "{purpose: marketing.advertising, retention: P1Y, basis: consent}"  # ML204 when enabled

FIRST_TRAIT_LINE = 6  # line of the first trait written by plan()

PURPOSES = """\
minlint: 1
kind: purposes
purposes:
  analytics.reporting: {description: Reports., bases: [legitimate_interests], interest: Insight., max_retention: P2Y}
  marketing.advertising:
    description: Ads.
    bases: [consent]
    max_retention: P2Y
    activation: true
    consent: {mechanism: cmp}
"""

ORG_PACK = """\
minlint: 1
kind: rules
name: org
description: The organisation's own rules.
rules:
  - id: ORG001
    name: short-retention
    severity: error
    target: field
    summary: Nothing is kept longer than six months.
    rationale: Organisation policy 4.2.
    fix: Shorten the retention.
    check: max-retention
    options: {limit: P6M}
"""

GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}


def plan(name: str = "web", header: str = "", **traits: str) -> str:
    """A tracking plan whose traits are ``name: flow-mapping`` lines, the first at line FIRST_TRAIT_LINE."""
    body = "".join(f"  {key}: {flow}\n" for key, flow in traits.items())
    text = f"minlint: 1\nkind: tracking-plan\nname: {name}\ndefaults: {{basis: legitimate_interests}}\ntraits:\n{body}"
    return header + text


def campaign(*uses: str, name: str = "winback", purpose: str = "marketing.advertising") -> str:
    """A campaign using ``uses`` (references into the project's plans)."""
    listed = "".join(f"  - {use}\n" for use in uses)
    # `opt_out` comes last, so that the uses keep their lines.
    return f"minlint: 1\nkind: campaign\nname: {name}\npurpose: {purpose}\nbasis: consent\nuses:\n{listed}opt_out: x\n"


write = write_files


def check_json(run_minlint: RunMinlint, *args: str, cwd: Path, env: Mapping[str, str] | None = None) -> tuple[int, Any]:
    """``minlint check --format json ARGS``; returns the exit code and the parsed report."""
    result = run_minlint("check", "--format", "json", *args, cwd=cwd, env=env)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def one_error_line(stderr: str) -> str:
    """The one line of ``stderr``, a ``minlint: error:`` line; returned without that prefix."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("minlint: error: "), stderr
    return lines[0].removeprefix("minlint: error: ")


def exit_2_error(run_minlint: RunMinlint, *args: str, cwd: Path, env: Mapping[str, str] | None = None) -> str:
    """``minlint ARGS`` exits 2 with nothing on stdout and one error line, returned without its prefix."""
    result = run_minlint(*args, cwd=cwd, env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    return one_error_line(result.stderr)


def found(document: Any) -> list[tuple[str, int, str]]:
    """``(path, line, rule)`` of every finding of a JSON report, in report order."""
    return [(item["path"], item["line"], item["rule"]) for item in document["findings"]]


def rules_of(document: Any) -> set[str]:
    """The rule codes of a JSON report's findings."""
    return {item["rule"] for item in document["findings"]}


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with no user or system configuration; returns stdout (raises on failure)."""
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=minlint tests",
            "-c",
            "user.email=tests@example.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=repo,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def commit_all(repo: Path, message: str = "change") -> None:
    """Stage everything and commit it."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
