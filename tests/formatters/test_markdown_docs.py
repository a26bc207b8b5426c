"""The recipes of docs/ci.md's "Pull-request summaries": CI configuration that parses, asks for what it
needs, and runs the markdown format. (Their ``minlint`` commands are parsed by tests/test_doc_examples.py.)"""

from __future__ import annotations

from typing import Any

import yaml

from minlint.formatters.markdown import MARKER
from tests.conftest import REPO
from tests.test_doc_examples import fenced_blocks, read_lines

PAGE = REPO / "docs" / "ci.md"


def recipes() -> list[str]:
    """The YAML blocks of the section, as text."""
    lines = read_lines(PAGE)
    start = lines.index("## Pull-request summaries")
    end = next(number for number in range(start + 1, len(lines)) if lines[number].startswith("## "))
    return ["\n".join(block.body) for block in fenced_blocks(lines[start:end]) if block.language == "yaml"]


def loaded(text: str) -> Any:
    """A recipe parsed as YAML (a fragment of steps parses as a list)."""
    return yaml.safe_load(text)


def test_every_recipe_is_yaml_and_runs_the_markdown_format() -> None:
    found = recipes()
    assert len(found) == 5
    for text in found:
        assert loaded(text), text
    assert all("--format markdown" in text for text in found if "minlint check" in text)


def test_the_github_workflows_grant_what_they_use() -> None:
    workflows = [loaded(text) for text in recipes() if text.startswith("# .github/workflows/")]
    assert len(workflows) == 2
    for workflow in workflows:
        steps = workflow["jobs"]["minlint"]["steps"]
        comments = any("sticky-pull-request-comment" in step.get("uses", "") for step in steps)
        assert workflow["permissions"] == {"contents": "read", **({"pull-requests": "write"} if comments else {})}
        assert steps[0]["with"]["fetch-depth"] == 0  # --new-since reads the base branch


def test_the_gitlab_job_finds_its_note_by_the_marker_the_format_writes() -> None:
    (job,) = [loaded(text)["minlint-summary"] for text in recipes() if text.startswith("# .gitlab-ci.yml")]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert any(MARKER in line for line in job["script"])
    assert job["script"][-1] == "exit ${status:-0}"
