"""docs/usage.md is a tour of the commands with real output.

Its outputs are compared with what the commands print by ``tests/test_doc_examples.py``, like every
console example of the documentation (``MINLINT_UPDATE_GOLDEN=1 pytest tests/test_doc_examples.py``
rewrites them); this module checks what is particular to the tour.
"""

from __future__ import annotations

import re

from minlint.cli import main
from tests.conftest import REPO
from tests.test_doc_examples import CONSOLE, console_steps, fenced_blocks, read_lines

DOC = REPO / "docs" / "usage.md"
# Shown with real output elsewhere, or only as commands: what `inventory` writes (docs/inventory.md,
# tested against its golden files), what `baseline` records and the JSON `schema` prints.
TOURED_ELSEWHERE = {"inventory", "baseline", "schema", "import"}  # inventory.md, ci.md, editors.md, formats.md


def shown_commands() -> set[str]:
    """The minlint commands the tour runs in its console examples."""
    commands: set[str] = set()
    for block in fenced_blocks(read_lines(DOC)):
        if block.language == CONSOLE:
            for step in console_steps(block):
                commands.update(re.findall(r"(?:^|&& )minlint (\w+)", step.command))
    return commands


def test_the_tour_runs_every_command_but_those_toured_elsewhere() -> None:
    assert shown_commands() == set(main.commands) - TOURED_ELSEWHERE


def test_the_readme_names_the_commands_the_tour_shows() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    entry = next(line for line in readme.split("\n- ") if line.startswith("[docs/usage.md]"))
    named = set(re.findall(r"`(\w+)`", entry))
    assert named == shown_commands()


def test_every_console_example_of_the_tour_runs_a_command() -> None:
    blocks = [block for block in fenced_blocks(read_lines(DOC)) if block.language == CONSOLE]
    assert len(blocks) >= 8
    assert all(step.command.startswith(("minlint", "mkdir ")) for block in blocks for step in console_steps(block))
