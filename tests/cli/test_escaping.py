"""Nothing a repository's author writes reaches a terminal or a CI log raw, through the real command line.

File names, field names, suppression reasons and configuration values below hold ESC (colours, a screen
clear, a window title), BEL, CR, LF, a forged ``::error::`` workflow command and an encoded ``%0A``. Every
output shows them as visible escapes (``\\x1b``, ``\\n`` …), never raw, and no line they are on can start
a workflow command.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest

from minlint.commands.common import use_color
from minlint.safetext import UNSAFE
from tests.conftest import RunMinlint, minlint_environment, minlint_executable

# ESC (colour, screen clear, window title), BEL, CR, LF, a forged workflow command, an encoded line break, and
# the one-character CSI of the C1 controls, which JSON writers leave raw.
NAME = "x\x1b[31mR\x1b[2J\x1b]0;owned\x07B\rC\nD::error::E%0AF\x9b2J"
SHOWN = "x\\x1b[31mR\\x1b[2J\\x1b]0;owned\\x07B\\rC\\nD::error::E%0AF\\x9b2J"
YAML_NAME = json.dumps(NAME)  # a double-quoted YAML scalar spells the same escapes as JSON
REASON = "vendor DPA ::error::forged %0A and ::stop-commands::tok"

PLAN = f"""minlint: 1
kind: tracking-plan
name: web
defaults: {{basis: consent, retention: P1Y, category: none}}
traits:
  {YAML_NAME}: {{type: string}}
  tier: {{type: string}}  # minlint: ignore ML001 -- {REASON}
"""
COMMAND_LINE = re.compile(r"^::(error|warning|notice) [^:]*::")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose one plan has a hostile file name and a hostile field name (both missing a purpose)."""
    (tmp_path / f"plan-{NAME}.yaml").write_text(PLAN, encoding="utf-8")
    return tmp_path


def raw_controls(text: str) -> set[str]:
    """The control characters of ``text``, other than the line feeds that end its own lines."""
    return {hex(ord(char)) for char in text if ord(char) in UNSAFE and char != "\n"}


def assert_shown_safely(result: subprocess.CompletedProcess[str], *, annotations: int = 0) -> None:
    """No raw control character on stdout or stderr, and no line but minlint's own annotations starts with ``::``."""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert raw_controls(result.stdout) == set() and raw_controls(result.stderr) == set()
    starting = [line for line in result.stdout.splitlines() if line.lstrip().startswith("::")]
    assert len(starting) == annotations, starting
    assert all(COMMAND_LINE.match(line) for line in starting)
    assert not any(line.lstrip().startswith("::") for line in result.stderr.splitlines())


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "junit", "github", "gitlab"])
def test_every_check_format_shows_hostile_names_escaped(
    run_minlint: RunMinlint, project: Path, output_format: str
) -> None:
    result = run_minlint("check", "--format", output_format, "--show-suppressed", cwd=project)
    assert result.returncode == 1, result.stderr
    findings = json.loads(run_minlint("check", "--format", "json", cwd=project).stdout)["findings"]
    assert {item["path"] for item in findings} == {f"plan-{NAME}.yaml"}
    assert_shown_safely(result, annotations=len(findings) if output_format == "github" else 0)
    if output_format in ("text", "junit"):
        assert f"plan-{SHOWN}.yaml" in result.stdout
        assert f"traits.{SHOWN}" in result.stdout
    if output_format == "github":
        # The file property carries the line break GitHub can decode; ESC and BEL cannot travel, so they show.
        file = "plan-x\\x1b[31mR\\x1b[2J\\x1b]0;owned\\x07B%0DC%0AD%3A%3Aerror%3A%3AE%250AF\\x9b2J.yaml"
        assert f"file={file}," in result.stdout
        assert "minlint: suppressed (inline: vendor DPA ::error::forged %0A and ::stop-commands::tok)" in result.stdout


@pytest.mark.parametrize("output_format", ["markdown", "csv", "html", "json"])
def test_every_inventory_format_shows_hostile_names_escaped(
    run_minlint: RunMinlint, project: Path, output_format: str
) -> None:
    result = run_minlint("inventory", "--format", output_format, cwd=project)
    assert result.returncode == 0, result.stderr
    assert_shown_safely(result)
    if output_format in ("markdown", "csv"):
        assert f"traits.{SHOWN}" in result.stdout
        assert f"plan-{SHOWN}.yaml" in result.stdout


@pytest.mark.parametrize("output_format", ["text", "csv", "markdown", "json"])
def test_every_suppressions_format_shows_hostile_names_escaped(
    run_minlint: RunMinlint, project: Path, output_format: str
) -> None:
    result = run_minlint("suppressions", "--format", output_format, cwd=project)
    assert result.returncode == 0, result.stderr
    assert_shown_safely(result)
    if output_format != "json":
        assert f"plan-{SHOWN}.yaml" in result.stdout
        assert REASON in result.stdout


def test_the_suppressions_csv_defuses_a_reason_a_spreadsheet_would_run(run_minlint: RunMinlint, tmp_path: Path) -> None:
    plan = PLAN.replace(f"-- {REASON}", "-- =HYPERLINK(0) reviewed")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = run_minlint("suppressions", "--format", "csv", cwd=tmp_path)
    assert "'=HYPERLINK(0) reviewed" in result.stdout


def test_a_broken_link_named_like_workflow_commands_is_one_escaped_error_line(
    run_minlint: RunMinlint, project: Path
) -> None:
    name = "link\n::error::forged\n::stop-commands::tok.yaml"
    os.symlink("nowhere", project / name)
    shown = "link\\n::error::forged\\n::stop-commands::tok.yaml"
    findings = len(json.loads(run_minlint("check", "--format", "json", cwd=project).stdout)["findings"])
    for output_format in ("text", "github"):
        result = run_minlint("check", "--format", output_format, cwd=project)
        assert result.returncode == 2
        assert result.stderr == f"minlint: error: {shown}: cannot read: a broken symbolic link\n"
        assert_shown_safely(result, annotations=findings + 1 if output_format == "github" else 0)  # and the link
    inventory = run_minlint("inventory", cwd=project)
    assert inventory.returncode == 2
    assert inventory.stderr.splitlines()[0] == f"minlint: error: {shown}: cannot read: a broken symbolic link"
    assert_shown_safely(inventory)


@pytest.mark.parametrize(
    ("setting", "shown"),
    [
        ('exclude: ["\\e]0;owned\\a\\n::error::forged["]', "`\\x1b]0;owned\\x07\\n::error::forged[`"),
        ('fail-on: "\\e[2J\\r::error::forged"', "\\x1b[2J\\r::error::forged"),
    ],
)
def test_a_configuration_error_quoting_a_value_is_one_escaped_line(
    run_minlint: RunMinlint, project: Path, setting: str, shown: str
) -> None:
    (project / ".minlint.yaml").write_text(setting + "\n", encoding="utf-8")
    result = run_minlint("check", cwd=project)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("minlint: error: .minlint.yaml:1:")
    assert shown in line
    assert_shown_safely(result)


@pytest.fixture
def not_utf8(tmp_path: Path) -> tuple[Path, bytes]:
    """A project with one plan whose file name holds the byte 0xff (legal on Linux, not UTF-8)."""
    name = b"\xff-plan.yaml"
    try:
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
            handle.write(PLAN.replace(YAML_NAME, "email").encode())
    except (OSError, UnicodeError) as error:
        pytest.skip(f"this file system does not take a file name that is not UTF-8: {error}")
    (tmp_path / ".git").mkdir()  # the project is a repository: SARIF and GitHub name files relative to it
    return tmp_path, name


def test_sarif_percent_encodes_the_real_bytes_of_a_name_that_is_not_utf8(
    run_minlint: RunMinlint, not_utf8: tuple[Path, bytes]
) -> None:
    folder, name = not_utf8
    result = run_minlint("check", "--format", "sarif", cwd=folder)
    assert result.returncode == 1, result.stderr
    uris = {
        item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for item in json.loads(result.stdout)["runs"][0]["results"]
    }
    assert uris == {"%FF-plan.yaml"}
    assert os.path.isfile(os.path.join(os.fsencode(folder), unquote_to_bytes("%FF-plan.yaml")))  # the real file
    assert unquote_to_bytes(uris.pop()) == name


def test_github_names_a_file_that_is_not_utf8_as_github_reads_it(
    run_minlint: RunMinlint, not_utf8: tuple[Path, bytes]
) -> None:
    folder, name = not_utf8
    result = run_minlint("check", "--format", "github", cwd=folder)
    assert result.returncode == 1, result.stderr
    files = {line.split("file=", 1)[1].split(",", 1)[0] for line in result.stdout.splitlines() if "file=" in line}
    assert files == {name.decode("utf-8", "replace")}  # the runner decodes the real bytes just so
    assert "\\xff" not in "".join(files)
    text = run_minlint("check", cwd=folder).stdout
    assert "\\xff-plan.yaml:6:3  ML001" in text  # people still see the byte


# -- colour ----------------------------------------------------------------------------------------------------


def test_use_color_follows_no_color_force_color_and_a_dumb_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert use_color(no_color=False) is True
    assert use_color(no_color=True) is False
    monkeypatch.setenv("TERM", "dumb")
    assert use_color(no_color=False) is False
    monkeypatch.setenv("FORCE_COLOR", "1")  # asked for explicitly: wins over the terminal's kind
    assert use_color(no_color=False) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color(no_color=False) is False


def _on_terminal(args: list[str], cwd: Path, term: str) -> str:
    """Run ``args`` with a pseudo-terminal as stdout and ``TERM=term``; everything it printed."""
    leader, follower = pty.openpty()
    env = minlint_environment({"TERM": term})
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=follower, stderr=follower, stdin=subprocess.DEVNULL)
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed: Linux reports EIO
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=30)
    os.close(leader)
    return output.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_dumb_terminal_gets_no_colour(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN.replace(YAML_NAME, "email"), encoding="utf-8")
    command = [minlint_executable(), "check"]
    assert "\x1b[" in _on_terminal(command, tmp_path, "xterm-256color")
    dumb = _on_terminal(command, tmp_path, "dumb")
    assert "ML001" in dumb and "\x1b[" not in dumb
