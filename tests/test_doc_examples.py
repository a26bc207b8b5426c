"""Every command the documentation shows is a tested example (README.md and docs/*.md).

The convention is written for people in docs/development.md ("Documentation examples"); in short:

- ```console blocks are transcripts: each ``$ `` command is run (in a shell, in a temporary git
  repository holding a copy of ``examples/``, with ``NO_COLOR=1`` and 80 columns) and what it prints must be
  the lines shown after it — exactly, or as an excerpt where a line ``...`` stands for lines left out;
- ``<!-- file: PATH -->`` before a fenced block writes it into that folder for the console blocks
  after it on the page; ``<!-- cwd: DIR -->`` before a console block runs it in DIR, a project (and
  git repository) of its own, as the reader's would be;
- ``minlint`` commands in ```sh blocks, CI steps of ```yaml blocks and inline code are not run, but
  must parse (the command, its options and their values exist).

``MINLINT_UPDATE_GOLDEN=1 pytest tests/test_doc_examples.py`` rewrites the shown outputs from the
current code (see :func:`regenerate` for what happens to an excerpt).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import click
import pytest

from minlint.cli import main
from tests.conftest import REPO, minlint_environment, minlint_executable, run_installed

UPDATE = bool(os.environ.get("MINLINT_UPDATE_GOLDEN"))
REGENERATE = "MINLINT_UPDATE_GOLDEN=1 pytest tests/test_doc_examples.py"
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
ELLIPSIS = "..."
PROMPT = "$ "
CONSOLE = "console"
SHELL = ("sh", "bash", "shell")
# The commands a console block may run: minlint, and what sets a folder up without touching the network.
HARMLESS = {"minlint", "cd", "mkdir", "ls", "cat", "echo", "true", "false"}
HARMLESS_GIT = {"init"}
# The line before a fence: `<!-- file: PATH -->` or `<!-- cwd: DIR -->`.
DIRECTIVE = re.compile(r"^<!-- (?P<name>file|cwd): (?P<value>\S+) -->$")
OPENING = re.compile(r"^(?P<fence>`{3,})(?P<language>[\w+-]*)\s*$")
PLACEHOLDER = re.compile(r"^[A-Z][A-Z0-9_-]*$|\$|…|\.\.\.")


# --- reading a page ---------------------------------------------------------------------------------


class Block(NamedTuple):
    """A fenced block of a page: its language, its lines, where it is and its directives."""

    language: str
    fence: str
    opening: int  # index (0-based) of the opening fence line
    closing: int  # index of the closing fence line
    body: list[str]
    directives: dict[str, str]

    @property
    def line(self) -> int:
        """The 1-based line number of the opening fence, for messages."""
        return self.opening + 1


def fenced_blocks(lines: Sequence[str]) -> list[Block]:
    """Every fenced block (fences at the start of a line), with the directive on the line before it."""
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = OPENING.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence = opening["fence"]
        closing = next((end for end in range(index + 1, len(lines)) if lines[end].rstrip() == fence), None)
        assert closing is not None, f"line {index + 1}: the {fence} fence is never closed"
        directives: dict[str, str] = {}
        if index > 0 and (directive := DIRECTIVE.match(lines[index - 1])):
            directives[directive["name"]] = directive["value"]
        found.append(Block(opening["language"], fence, index, closing, list(lines[index + 1 : closing]), directives))
        index = closing + 1
    return found


def page_name(page: Path) -> str:
    """The page's path relative to the repository, for test ids and messages."""
    return page.relative_to(REPO).as_posix()


def read_lines(page: Path) -> list[str]:
    """The page's lines, without line ends (``"\\n".join`` gives the text back)."""
    return page.read_text(encoding="utf-8").split("\n")


# --- console blocks: commands and their output ------------------------------------------------------


class Step(NamedTuple):
    """One ``$ `` command of a console block and the output shown for it."""

    command: str
    shown: list[str]


def console_steps(block: Block) -> list[Step]:
    """The commands of a console block, each with the lines shown after it."""
    steps: list[Step] = []
    for line in block.body:
        if line.startswith(PROMPT):
            steps.append(Step(line[len(PROMPT) :].strip(), []))
        else:
            assert steps, f"line {block.line}: a console block starts with a `$ ` command, not with output"
            steps[-1].shown.append(line)
    return steps


def simple_commands(line: str) -> Iterator[list[str]]:
    """The simple commands of a shell line (split at ``&&``, ``||``, ``;``, ``|``, parentheses),
    as words, without redirections, leading variable assignments or keywords such as ``do``."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    words: list[str] = []
    skip_next = False
    for token in [*lexer, ";"]:
        if skip_next:
            skip_next = False
            continue
        if token in (">", ">>", "<", ">&", "<&", "&>", ">|"):
            skip_next = True
            if words and words[-1].isdigit():
                words.pop()  # the `2` of `2>&1`
            continue
        if token and set(token) <= set(";&|()"):
            while words and (re.fullmatch(r"\w+=.*", words[0]) or words[0] in ("do", "then", "else", "time", "!")):
                words.pop(0)
            if words:
                yield words
            words = []
            continue
        words.append(token)


def assert_harmless(command: str, where: str) -> None:
    """Fail unless every simple command of ``command`` is one a test may run."""
    for words in simple_commands(command):
        harmless = words[0] in HARMLESS or (words[0] == "git" and len(words) > 1 and words[1] in HARMLESS_GIT)
        assert harmless, (
            f"{where}: `{command}` runs `{words[0]}`, which a test cannot run; show it in a ```sh block instead"
        )


def lines_of(output: str) -> list[str]:
    """Output as lines: trailing spaces and trailing blank lines dropped."""
    lines = [line.rstrip() for line in output.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


class Sandbox:
    """The temporary folder a console block runs in: a git repository, like a clone of minlint's, with
    a copy of ``examples/`` and the page's files so far."""

    def __init__(self, folder: Path, files: dict[str, str]) -> None:
        self.root = folder / "project"
        shutil.copytree(
            REPO / "examples", self.root / "examples", ignore=shutil.ignore_patterns(".minlint_cache", "__pycache__")
        )
        subprocess.run(["git", "init", "-q", str(self.root)], check=True, capture_output=True)
        for name, text in files.items():
            target = self.root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        self.state = folder / "cwd"
        scripts = str(Path(minlint_executable()).parent)
        self.env = {key: value for key, value in minlint_environment().items() if not key.startswith("MINLINT_")}
        self.env.update(
            {
                "PATH": scripts + os.pathsep + self.env.get("PATH", ""),
                "NO_COLOR": "1",
                "COLUMNS": "80",
                "LINES": "24",
                "PYTHONUNBUFFERED": "1",  # stdout and stderr interleaved as on a terminal
            }
        )

    def run(self, command: str, cwd: Path) -> tuple[str, Path]:
        """Run ``command`` in a shell in ``cwd``: what it printed, and the folder it ended in."""
        script = f'{command}\nstatus=$?\npwd > "{self.state}"\nexit $status\n'
        result = subprocess.run(
            ["/bin/sh", "-c", script],
            cwd=cwd,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            timeout=180,
            check=False,
        )
        return result.stdout, Path(self.state.read_text(encoding="utf-8").strip())


# --- comparing output, excerpts ---------------------------------------------------------------------


def segments(shown: list[str]) -> list[list[str]]:
    """The runs of lines between ``...`` lines (the first and last may be empty)."""
    parts: list[list[str]] = [[]]
    for line in shown:
        if line == ELLIPSIS:
            parts.append([])
        else:
            parts[-1].append(line)
    return parts


def matches(shown: list[str], real: list[str]) -> bool:
    """Whether output ``real`` is what ``shown`` shows: the same lines, or an excerpt of them."""
    shown = lines_of("\n".join(shown))
    parts = segments(shown)
    if len(parts) == 1:
        return shown == real
    head, *middle, tail = parts
    if real[: len(head)] != head:
        return False
    position = len(head)
    for part in middle:
        found = _find(part, real, position)
        if found is None:
            return False
        position = found + len(part)
    return len(real) - len(tail) >= position and (not tail or real[-len(tail) :] == tail)


def _find(part: list[str], real: list[str], start: int) -> int | None:
    if not part:
        return start
    for index in range(start, len(real) - len(part) + 1):
        if real[index : index + len(part)] == part:
            return index
    return None


def _paragraphs(lines: list[str]) -> int:
    return sum(1 for index, line in enumerate(lines) if line.strip() and (index == 0 or not lines[index - 1].strip()))


def _last_paragraphs(lines: list[str], count: int) -> list[str]:
    start = len(lines)
    for _ in range(count):
        while start > 0 and not lines[start - 1].strip():
            start -= 1
        while start > 0 and lines[start - 1].strip():
            start -= 1
    return lines[start:]


def regenerate(shown: list[str], real: list[str]) -> list[str] | None:
    """``shown`` brought up to date with ``real``; None when it cannot be.

    A whole output becomes ``real``. In an excerpt, a part that still matches is kept; the lines
    before the first ``...`` become as many first lines of ``real``, those after the last ``...`` as
    many final paragraphs of it (so a summary that gains a line stays whole); a part in between that
    no longer matches cannot be guessed.
    """
    if matches(shown, real):
        return shown
    parts = segments(lines_of("\n".join(shown)))
    if len(parts) == 1:
        return real
    head, *middle, tail = parts
    new_head = head if real[: len(head)] == head else real[: len(head)]
    new_tail = tail if not tail or real[-len(tail) :] == tail else _last_paragraphs(real, _paragraphs(tail))
    fresh = [*new_head, *[line for part in middle for line in [ELLIPSIS, *part]], ELLIPSIS, *new_tail]
    return fresh if matches(fresh, real) else None


# --- a page's console blocks, run ---------------------------------------------------------------------


class Mismatch(NamedTuple):
    """A command whose shown output is not what it prints."""

    where: str
    command: str
    shown: list[str]
    real: list[str]

    def describe(self) -> str:
        """The command and a diff of the shown output against the real one."""
        diff = difflib.unified_diff(self.shown, self.real, "shown in the documentation", "printed", lineterm="")
        return f"{self.where}: $ {self.command}\n" + "\n".join(diff)


def check_page(page: Path, folder: Path) -> tuple[list[str], list[Mismatch], list[str]]:
    """Run every console block of ``page``: the page's lines with fresh outputs, the mismatches,
    and the excerpts that could not be regenerated."""
    lines = read_lines(page)
    fresh = list(lines)
    mismatches: list[Mismatch] = []
    stuck: list[str] = []
    files: dict[str, str] = {}
    # Replaced from the last block up, so earlier line numbers stay valid.
    replacements: list[tuple[int, int, list[str]]] = []
    for number, block in enumerate(fenced_blocks(lines)):
        where = f"{page_name(page)}:{block.line}"
        if "file" in block.directives:
            name = block.directives["file"]
            assert not Path(name).is_absolute() and ".." not in Path(name).parts, f"{where}: {name} leaves the folder"
            files[name] = "\n".join(block.body) + "\n"
        if block.language != CONSOLE:
            continue
        steps = console_steps(block)
        assert steps, f"{where}: a console block without a `$ ` command; use ```text (or no language) for output"
        sandbox = Sandbox(folder / f"block{number}", files)
        cwd = sandbox.root
        if "cwd" in block.directives:  # the reader's own project, in a repository of its own
            cwd = sandbox.root / block.directives["cwd"]
            cwd.mkdir(parents=True, exist_ok=True)
            subprocess.run(["git", "init", "-q", str(cwd)], check=True, capture_output=True)
        body: list[str] = []
        for step in steps:
            assert_harmless(step.command, where)
            output, cwd = sandbox.run(step.command, cwd)
            real = lines_of(output)
            updated = regenerate(step.shown, real)
            if not matches(step.shown, real):
                mismatches.append(Mismatch(where, step.command, lines_of("\n".join(step.shown)), real))
                if updated is None:
                    stuck.append(f"{where}: $ {step.command}: the excerpt's middle no longer matches; edit it by hand")
            body += [PROMPT + step.command, *(updated if updated is not None else step.shown)]
        replacements.append((block.opening + 1, block.closing, body))
    for start, end, body in reversed(replacements):
        fresh[start:end] = body
    return fresh, mismatches, stuck


@pytest.mark.skipif(sys.platform == "win32", reason="runs the examples in a POSIX shell")
@pytest.mark.parametrize("page", PAGES, ids=page_name)
def test_every_console_example_shows_what_the_command_prints(page: Path, tmp_path: Path) -> None:
    fresh, mismatches, stuck = check_page(page, tmp_path)
    if UPDATE:
        text = "\n".join(fresh)
        if text != page.read_text(encoding="utf-8"):
            page.write_text(text, encoding="utf-8")
        assert not stuck, "\n".join(stuck)
        return
    details = "\n\n".join(mismatch.describe() for mismatch in mismatches)
    assert not mismatches, f"{page_name(page)} shows outputs the commands no longer print ({REGENERATE}):\n{details}"


# --- commands that are shown but not run ---------------------------------------------------------------

# A CI step in YAML: `- run: minlint …`, `- minlint …` (a script line), `run: minlint …`.
YAML_STEP = re.compile(r"^\s*(?:-\s+)?(?:run:\s+)?(?P<command>minlint\s.*)$")
INLINE = re.compile(r"`(?P<command>[^`]*\bminlint [^`]+)`")
PYTHON_MODULE = ("-m", "minlint")


def shown_commands(page: Path) -> Iterator[tuple[str, list[str], bool]]:
    """``(where, minlint arguments, complete)`` of every minlint command the page shows but does not run:
    in ```sh and ```yaml blocks (complete command lines) and in inline code (perhaps only a name)."""
    lines = read_lines(page)
    blocks = fenced_blocks(lines)
    inside: set[int] = set()
    for block in blocks:
        inside.update(range(block.opening, block.closing + 1))
        if block.language not in (*SHELL, "yaml"):
            continue
        for offset, text in _joined(block.body):
            where = f"{page_name(page)}:{block.opening + 2 + offset}"
            step = YAML_STEP.match(text) if block.language == "yaml" else None
            if block.language == "yaml" and step is None:
                continue
            for words in simple_commands(step["command"] if step else text):
                arguments = _minlint_arguments(words)
                if arguments is not None:
                    yield where, arguments, True
    for number, line in enumerate(lines):
        if number in inside:
            continue
        for found in INLINE.finditer(line):
            for words in simple_commands(found["command"]):
                arguments = _minlint_arguments(words)
                if arguments is not None:
                    yield f"{page_name(page)}:{number + 1}", arguments, False


def _joined(lines: list[str]) -> list[tuple[int, str]]:
    """``(index, line)``: lines with backslash continuations joined, each at the index it starts at."""
    joined: list[tuple[int, str]] = []
    start, carry = 0, ""
    for index, line in enumerate(lines):
        if not carry:
            start = index
        if line.endswith("\\"):
            carry += line[:-1] + " "
            continue
        joined.append((start, carry + line))
        carry = ""
    return joined


def _minlint_arguments(words: list[str]) -> list[str] | None:
    if words[0] == "minlint":
        return words[1:]
    for index in range(len(words) - 1):
        if (words[index], words[index + 1]) == PYTHON_MODULE:  # python -m minlint …
            return words[index + 2 :]
    return None


def parse_problem(arguments: list[str], complete: bool) -> str | None:
    """Why ``minlint ARGUMENTS`` does not parse, or None when it does.

    ``complete``: the arguments a command requires must be there. Placeholders (``FILE``, ``$kind``)
    stand for any value, also for options with a fixed set of values.
    """
    if not arguments or arguments[0] in ("--help", "-h", "--version", "-V"):
        return None
    name, *rest = arguments
    if PLACEHOLDER.search(name):
        return None  # `minlint …`: any command
    command = main.commands.get(name)
    if command is None:
        return f"there is no command `minlint {name}`"
    rest = [word for word in rest if word not in ("--help", "-h")]
    parent = click.Context(main, info_name="minlint")
    for _ in range(len(rest) + 1):
        try:
            command.make_context(name, list(rest), parent=parent)
            return None
        except click.MissingParameter as missing:
            return None if not complete else missing.format_message()
        except click.BadParameter as bad:
            choices = getattr(bad.param.type, "choices", None) if bad.param is not None else None
            placeholders = [index for index, word in enumerate(rest) if PLACEHOLDER.search(word)]
            if not choices or not placeholders:
                return bad.format_message()
            rest[placeholders[0]] = str(choices[0])
        except click.UsageError as failure:
            return failure.format_message()
    return "cannot be parsed"


@pytest.mark.parametrize("page", PAGES, ids=page_name)
def test_prompts_appear_only_in_console_blocks(page: Path) -> None:
    lines = read_lines(page)
    prompted = [
        f"{page_name(page)}:{block.opening + 2 + offset}"
        for block in fenced_blocks(lines)
        if block.language != CONSOLE
        for offset, line in enumerate(block.body)
        if line.startswith(PROMPT + "minlint")
    ]
    assert prompted == [], "a `$ minlint` transcript belongs in a ```console block, where it is run"


@pytest.mark.parametrize("page", PAGES, ids=page_name)
def test_every_minlint_command_shown_but_not_run_parses(page: Path) -> None:
    problems = [
        f"{where}: minlint {shlex.join(arguments)}: {problem}"
        for where, arguments, complete in shown_commands(page)
        if (problem := parse_problem(arguments, complete)) is not None
    ]
    assert problems == []


# --- the machinery itself ------------------------------------------------------------------------------------


def test_an_excerpt_shows_lines_in_order_and_dots_skip_any_number_of_lines() -> None:
    real = ["a", "b", "c", "", "d", "e"]
    assert matches(["a", "...", "e"], real)
    assert matches(["a", "b", "...", "d", "...", "e"], real)
    assert matches(["...", "c", "...", "e"], real)
    assert matches(["a", "..."], real)
    assert not matches(["b", "...", "e"], real)  # lines before the first `...` start the output
    assert not matches(["a", "...", "d"], real)  # lines after the last `...` end it
    assert not matches(["a", "...", "e", "...", "d", "..."], real)  # in order
    assert not matches(["a", "b"], real)  # without `...`, the whole output
    assert matches(["a  ", "b", "c", "", "d", "e", ""], real)  # trailing spaces and blank lines do not count


def test_regenerating_an_excerpt_keeps_its_shape() -> None:
    real = ["x 1", "x 2", "x 3", "", "Checked 6 files.", "1 silenced."]
    assert regenerate(["a", "b", "...", "Checked 4 files."], real) == ["x 1", "x 2", "...", *real[-2:]]
    assert regenerate(["x 1", "...", "x 3", "...", "old"], real) == ["x 1", "...", "x 3", "...", *real[-2:]]
    assert regenerate(["x 1", "...", "gone", "..."], real) is None
    assert regenerate(["old"], real) == real


def test_shell_lines_are_split_into_minlint_commands() -> None:
    line = 'for k in a b; do minlint schema "$k" > ".minlint/$k.json"; done && minlint check 2>&1 | head'
    assert [words for words in simple_commands(line) if words[0] == "minlint"] == [
        ["minlint", "schema", "$k"],
        ["minlint", "check"],
    ]
    assert _minlint_arguments(["python", "-X", "importtime", "-m", "minlint", "check", "FILE"]) == ["check", "FILE"]


def test_a_command_line_parses_only_with_known_commands_options_and_values() -> None:
    assert parse_problem(["check", "--format", "sarif", "--output", "x.sarif"], complete=True) is None
    assert parse_problem(["schema", "KIND"], complete=True) is None
    assert parse_problem(["explain"], complete=False) is None
    assert parse_problem(["explain"], complete=True) is not None
    assert parse_problem(["check", "--no-such-option"], complete=False) is not None
    assert parse_problem(["check", "--format", "pdf"], complete=False) is not None
    assert parse_problem(["lint"], complete=False) is not None


def test_console_blocks_cannot_run_what_a_test_must_not() -> None:
    assert_harmless("mkdir p && cd p && git init -q", "here")
    for command in ("pip install minlint", "minlint check && pre-commit install", "git push"):
        with pytest.raises(AssertionError, match="cannot run"):
            assert_harmless(command, "here")


# --- examples that must pass clean --------------------------------------------------------------------------


def page_files(*pages: str) -> dict[str, str]:
    """The ``<!-- file: PATH -->`` blocks of ``pages``, by path (a path given twice is an error)."""
    files: dict[str, str] = {}
    for name in pages:
        for block in fenced_blocks(read_lines(REPO / name)):
            if "file" in block.directives:
                path = block.directives["file"]
                assert path not in files, f"{name}: {path} is also a file of another page"
                files[path] = "\n".join(block.body) + "\n"
    return files


def test_the_readme_tour_and_the_format_page_examples_make_a_project_that_passes_clean(tmp_path: Path) -> None:
    files = page_files("README.md", "docs/format.md")
    kinds = {
        line.removeprefix("kind: ")
        for text in files.values()
        for line in text.splitlines()
        if line.startswith("kind: ")
    }
    assert kinds == {"tracking-plan", "campaign", "purposes", "recipients", "categories"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_installed("check", "--format", "json", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    report = json.loads(result.stdout)
    assert (report["findings"], report["summary"]["files"]) == ([], len(files))


def test_the_configuration_example_of_the_ci_page_is_a_configuration_minlint_accepts(tmp_path: Path) -> None:
    (example,) = [
        block for block in fenced_blocks(read_lines(REPO / "docs" / "ci.md")) if "per-path-ignores:" in block.body
    ]
    (tmp_path / ".minlint.yaml").write_text("\n".join(example.body) + "\n", encoding="utf-8")
    packs = re.findall(r"^rules: \[(.+?)\]", "\n".join(example.body), re.MULTILINE)
    for pack in packs[0].split(",") if packs else []:
        (tmp_path / pack.strip()).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "examples" / "policies" / "acme-policy.yaml", tmp_path / pack.strip())
    (tmp_path / "specs").mkdir()
    result = run_installed("rules", "--format", "json", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
