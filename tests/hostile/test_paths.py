"""Paths with spaces, non-ASCII names (é, 漢字, emoji), punctuation and file-name bytes that are not UTF-8, in
folders and files: found by the walk, accepted on the command line, and shown correctly in every format
(as text where text is expected, percent-encoded in SARIF's URIs, escaped in GitHub annotations).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

import pytest

from tests.conftest import RunMinlint
from tests.hostile.support import assert_no_crash, check_json, run_cli

SPEC = "minlint: 1\nkind: tracking-plan\nname: NAME\ntraits:\n  email: {purpose: x, basis: consent, category: none}\n"
# ML003 (no retention) at 5:3 in every file.

PATHS = [
    "dir with space/é 漢字 😀/plän 😀.yaml",
    "two  spaces .yaml",
    "日本語/計画.yml",
    "emoji 🎉🎉/🙂.yaml",
    "Ünïcödé/Ärger.yaml",
    "punctuation/a,b;c=d&e#f%g+h.yaml",
    "punctuation/colon:in:name.yaml",
    "punctuation/[brackets] (parens) {braces}.yaml",
    "punctuation/'quotes' and \"double\".yaml",
    "-starts-with-a-dash.yaml",
    "nfd/cafe\u0301.yaml",
]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("paths")
    for index, name in enumerate(PATHS):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SPEC.replace("NAME", f"plan-{index}"), encoding="utf-8")
    return folder


def test_every_odd_path_is_walked_and_shown_as_is_in_json(run_minlint: RunMinlint, tree: Path) -> None:
    code, document, stderr = check_json(run_minlint, cwd=tree)
    assert (code, stderr) == (1, "")
    assert sorted((item["path"], item["line"], item["column"]) for item in document["findings"]) == sorted(
        (name, 5, 3) for name in PATHS
    )


def test_text_output_starts_each_finding_with_the_path_as_is(run_minlint: RunMinlint, tree: Path) -> None:
    result = run_minlint("check", "--no-color", "--quiet", cwd=tree)
    assert_no_crash(result)
    assert sorted(line.split(":5:3  ")[0] + ":5:3" for line in result.stdout.splitlines() if "ML003" in line) == sorted(
        f"{name}:5:3" for name in PATHS
    )


def test_sarif_percent_encodes_the_paths(run_minlint: RunMinlint, tree: Path) -> None:
    result = run_minlint("check", "--format", "sarif", cwd=tree)
    assert_no_crash(result)
    uris = {
        result_["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for run in json.loads(result.stdout)["runs"]
        for result_ in run["results"]
    }
    assert uris == {quote(name, safe="/") for name in PATHS}


@pytest.mark.parametrize("output_format", ["gitlab", "junit", "github"])
def test_other_formats_name_every_path(run_minlint: RunMinlint, tree: Path, output_format: str) -> None:
    result = run_minlint("check", "--format", output_format, cwd=tree)
    assert_no_crash(result)
    assert result.returncode == 1
    if output_format == "gitlab":
        paths = {item["location"]["path"] for item in json.loads(result.stdout)}
        assert paths == set(PATHS)
    elif output_format == "junit":
        ElementTree.fromstring(result.stdout)  # well-formed XML
        for name in PATHS:
            assert name.replace("&", "&amp;").replace('"', "&quot;") in result.stdout or name in result.stdout
    else:
        escaped = {
            name.replace("%", "%25").replace(":", "%3A").replace(",", "%2C") for name in PATHS
        }  # GitHub's escaping of annotation properties
        files = {
            line.split("file=", 1)[1].split(",line=", 1)[0] for line in result.stdout.splitlines() if "file=" in line
        }
        assert files == escaped


@pytest.mark.parametrize("name", PATHS)
def test_each_odd_path_can_be_named_on_the_command_line(run_minlint: RunMinlint, tree: Path, name: str) -> None:
    code, document, _ = check_json(run_minlint, "--", name, cwd=tree)
    assert code == 1
    assert [(item["path"], item["line"]) for item in document["findings"]] == [(name, 5)]


def test_a_folder_with_spaces_and_emoji_can_be_named(run_minlint: RunMinlint, tree: Path) -> None:
    code, document, _ = check_json(run_minlint, "dir with space/é 漢字 😀", cwd=tree)
    assert (code, [item["path"] for item in document["findings"]]) == (1, [PATHS[0]])


def test_a_run_from_inside_a_non_ascii_folder_shows_relative_paths(run_minlint: RunMinlint, tree: Path) -> None:
    code, document, _ = check_json(run_minlint, cwd=tree / "dir with space" / "é 漢字 😀")
    assert (code, [item["path"] for item in document["findings"]]) == (1, ["plän 😀.yaml"])


# -- file names that are not UTF-8 ------------------------------------------------------------------------------

BAD_NAME = b"latin1-caf\xe9.yaml"
NOT_UTF8_BUG = (
    "BUG: a file name that is not valid UTF-8 (bytes such as 0xe9, legal on Linux) crashes the json, sarif, "
    "github and gitlab formats with 'internal error: UnicodeEncodeError: surrogates not allowed': the name "
    "is kept with surrogate escapes and written out with a strict UTF-8 encode"
)


@pytest.fixture
def bad_name_folder(tmp_path: Path) -> Path:
    try:
        path = os.path.join(os.fsencode(tmp_path), BAD_NAME)
        with open(path, "wb") as handle:
            handle.write(SPEC.replace("NAME", "p").encode())
    except (OSError, UnicodeError) as error:
        pytest.skip(f"this file system does not take a file name that is not UTF-8: {error}")
    return tmp_path


@pytest.mark.parametrize(
    "output_format",
    [
        "text",
        "junit",
        "json",
        "sarif",
        "github",
        "gitlab",
    ],
)
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(bad_name_folder: Path, output_format: str) -> None:
    result = run_cli("check", "--no-color", "--format", output_format, ".", cwd=bad_name_folder)
    assert_no_crash(result)
    assert result.returncode == 1
    assert "latin1-caf" in result.stdout


def test_a_file_name_with_a_newline_keeps_each_finding_on_one_text_line(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    (tmp_path / "two\nlines.yaml").write_text(SPEC.replace("NAME", "p"), encoding="utf-8")
    result = run_minlint("check", "--no-color", "--quiet", cwd=tmp_path)
    assert_no_crash(result)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert all(":5:3  ML" in line for line in lines), lines
