"""Links from a finding to its file and line: read from the CI's environment by the command layer
(:mod:`minlint.commands.links`, tested with explicit environments), made by the markdown format."""

from __future__ import annotations

from pathlib import Path

import pytest

from minlint.commands.links import source_url
from minlint.formatters import FormatOptions
from minlint.formatters.markdown import format_markdown
from tests.conftest import RunMinlint
from tests.formatters.rendered import read
from tests.formatters.support import finding, report

SHA = "0123456789abcdef0123456789abcdef01234567"
GITHUB = {
    "GITHUB_ACTIONS": "true",
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "acme/tracking",
    "GITHUB_SHA": SHA,
}
GITLAB = {"GITLAB_CI": "true", "CI_PROJECT_URL": "https://gitlab.example.com/data/web/tracking", "CI_COMMIT_SHA": SHA}
# What the tests' own environment may hold when they run in CI: never a link to minlint's repository.
NO_CI = {"GITHUB_ACTIONS": "", "GITLAB_CI": ""}


def test_on_github_actions_files_are_linked_at_the_checked_commit() -> None:
    assert source_url(GITHUB) == f"https://github.com/acme/tracking/blob/{SHA}/"


def test_on_github_enterprise_the_server_url_is_the_instance() -> None:
    env = GITHUB | {"GITHUB_SERVER_URL": "https://git.acme.example/"}
    assert source_url(env) == f"https://git.acme.example/acme/tracking/blob/{SHA}/"


def test_on_gitlab_ci_files_are_linked_at_the_checked_commit() -> None:
    assert source_url(GITLAB) == f"https://gitlab.example.com/data/web/tracking/-/blob/{SHA}/"


def test_a_sha256_repository_is_linked_too() -> None:
    assert source_url(GITLAB | {"CI_COMMIT_SHA": "ab" * 32}).endswith(f"/-/blob/{'ab' * 32}/")


def test_elsewhere_there_is_no_address() -> None:
    assert source_url({}) == ""
    assert source_url({"CI": "true", "CI_PROJECT_URL": GITLAB["CI_PROJECT_URL"], "CI_COMMIT_SHA": SHA}) == ""
    assert source_url({key: value for key, value in GITHUB.items() if key != "GITHUB_ACTIONS"}) == ""


def test_gitea_and_forgejo_runners_keep_relative_links() -> None:
    assert source_url(GITHUB | {"GITEA_ACTIONS": "true"}) == ""
    assert source_url(GITHUB | {"FORGEJO_ACTIONS": "true"}) == ""


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("GITHUB_SHA", "main"),
        ("GITHUB_SHA", SHA.upper()),
        ("GITHUB_SHA", ""),
        ("GITHUB_SERVER_URL", "javascript:alert(1)"),
        ("GITHUB_SERVER_URL", "https://github.com) [x](https://evil.example"),
        ("GITHUB_SERVER_URL", "https://github.com/<img>"),
        ("GITHUB_SERVER_URL", "ftp://github.com"),
        ("GITHUB_SERVER_URL", "https://"),
        ("GITHUB_REPOSITORY", "acme"),
        ("GITHUB_REPOSITORY", "acme/tracking) x"),
        ("GITHUB_REPOSITORY", "acme/../../evil"),
    ],
)
def test_a_value_the_host_would_not_set_gives_no_address(name: str, value: str) -> None:
    assert source_url(GITHUB | {name: value}) == ""


def test_a_gitlab_project_url_that_is_not_an_address_gives_none() -> None:
    assert source_url(GITLAB | {"CI_PROJECT_URL": "https://gitlab.example.com/a b"}) == ""


def links(markdown: str) -> list[str]:
    """Every link target of the rendered markdown but the rules' documentation."""
    return [href for href, _ in read(markdown).links if "docs/rules.md" not in href]


def test_a_finding_is_linked_to_its_line_on_the_host_by_its_path_in_the_repository() -> None:
    value = report(finding(path="web.yaml", line=12), root="/repo", cwd="/repo/specs")
    markdown = format_markdown(value, FormatOptions(source_url=f"https://github.com/acme/tracking/blob/{SHA}/"))
    assert links(markdown) == [f"https://github.com/acme/tracking/blob/{SHA}/specs/web.yaml#L12"]
    assert [text for href, text in read(markdown).links if href.endswith("#L12")] == ["web.yaml:12"]


def test_without_an_address_a_finding_is_linked_relative_to_the_working_directory() -> None:
    value = report(finding(path="specs/web.yaml", line=12), root="/repo", cwd="/repo")
    assert links(format_markdown(value, FormatOptions())) == ["specs/web.yaml#L12"]


def test_a_file_outside_the_repository_is_named_but_not_linked() -> None:
    value = report(finding(path="/elsewhere/web.yaml", line=3), root="/repo", cwd="/repo")
    for options in (FormatOptions(), FormatOptions(source_url=f"https://github.com/a/b/blob/{SHA}/")):
        markdown = format_markdown(value, options)
        assert links(markdown) == []
        assert "/elsewhere/web.yaml:3" in markdown


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("plans/my plan (v2).yaml", "plans/my%20plan%20%28v2%29.yaml#L3"),
        ("plans/a]b[c.yaml", "plans/a%5Db%5Bc.yaml#L3"),
        ("plans/javascript:alert(1).yaml", "plans/javascript%3Aalert%281%29.yaml#L3"),
        ("javascript:alert(1)", "javascript%3Aalert%281%29#L3"),
        ("plans/spécs.yaml", "plans/sp%C3%A9cs.yaml#L3"),
        ("plans/bad\\xff.yaml", "plans/bad%FF.yaml#L3"),  # a name whose byte is not UTF-8, as findings show it
        ("plans/new\nline.yaml", "plans/new%0Aline.yaml#L3"),
    ],
)
def test_a_file_name_is_percent_encoded_and_cannot_end_or_redirect_the_link(path: str, target: str) -> None:
    assert links(format_markdown(report(finding(path=path)), FormatOptions())) == [target]


def test_a_finding_at_line_zero_links_line_one() -> None:
    assert links(format_markdown(report(finding(line=0)), FormatOptions())) == ["plans/web.yaml#L1"]


def test_the_installed_command_links_files_on_github_actions(run_minlint: RunMinlint, checkout: Path) -> None:
    result = run_minlint("check", "violations", "--format", "markdown", cwd=checkout / "examples", env=GITHUB)
    assert result.returncode == 1, result.stderr
    targets = links(result.stdout)
    assert targets and all(target.startswith(f"https://github.com/acme/tracking/blob/{SHA}/") for target in targets)
    assert f"https://github.com/acme/tracking/blob/{SHA}/examples/violations/plan.yaml#L11" in targets


def test_the_installed_command_links_files_on_gitlab_ci(run_minlint: RunMinlint, checkout: Path) -> None:
    result = run_minlint("check", "examples/violations", "--format", "markdown", cwd=checkout, env=NO_CI | GITLAB)
    assert result.returncode == 1, result.stderr
    targets = links(result.stdout)
    assert f"https://gitlab.example.com/data/web/tracking/-/blob/{SHA}/examples/violations/plan.yaml#L11" in targets


def test_the_installed_command_links_relative_paths_elsewhere(run_minlint: RunMinlint, checkout: Path) -> None:
    result = run_minlint("check", "violations", "--format", "markdown", cwd=checkout / "examples", env=NO_CI)
    assert "violations/plan.yaml#L11" in links(result.stdout)
