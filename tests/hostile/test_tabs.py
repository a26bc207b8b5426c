"""Tabs: as indentation (never allowed in YAML) at every level, and where YAML allows them.

Tab indentation ends in ML901 at the tab's line with the hint that indentation must use spaces; tabs
inside values, after a colon, in flow collections and in comments are ordinary text and must not
disturb anything (the default parser, libyaml, follows the YAML spec here; PyYAML's pure-Python
parser rejects several of them, see tests/loader).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunMinlint
from tests.hostile.support import HEADER, VALID_PLAN, Batch, check_batch, check_json, found

TAB_HINT = "YAML indentation must use spaces, not tabs"

INDENTED_WITH_TABS = {
    # name: (text, line of the tab)
    "first-level-key": (HEADER + "traits:\n\temail: {type: string}\n", 5),
    "second-level-key": (HEADER + "traits:\n  email:\n\t\ttype: string\n", 6),
    "property-three-deep": (HEADER + "events:\n  E:\n    properties:\n\t\t\ta: {}\n", 7),
    "tab-then-spaces": (HEADER + "traits:\n\t  email: {}\n", 5),
    "spaces-then-tab": (HEADER + "traits:\n  \temail: {}\n", 5),
    "before-a-sequence-dash": (HEADER + "x-list:\n\t- a\n", 5),
    "after-a-sequence-dash": (HEADER + "x-list:\n  -\ta\n", 5),
    "block-scalar-content": (HEADER + "description: |\n\tfirst line\n", 5),
    "top-level-key": (HEADER + "\tdescription: x\n", 4),
    "line-of-only-a-tab": (HEADER + "\t\ndescription: x\n", 4),
    "tab-before-a-comment": (HEADER + "\t# comment\n", 4),
}


@pytest.fixture(scope="module")
def tab_batch(tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint) -> Batch:
    """Every case of this module as its own file, checked in one run."""
    files = {f"indented-{name}.yaml": text for name, (text, _) in INDENTED_WITH_TABS.items()}
    files.update({f"allowed-{name}.yaml": text for name, text in ALLOWED_TABS.items()})
    return check_batch(run_minlint_module, tmp_path_factory.mktemp("tabs"), files)


@pytest.mark.parametrize(("name", "line"), [(name, line) for name, (_, line) in INDENTED_WITH_TABS.items()])
def test_tab_indentation_is_ml901_at_its_line_with_the_spaces_hint(tab_batch: Batch, name: str, line: int) -> None:
    (finding,) = tab_batch.findings(f"indented-{name}.yaml")
    assert (finding["rule"], finding["line"]) == ("ML901", line)
    assert finding["message"].endswith(TAB_HINT)


ALLOWED_TABS = {
    "after-a-colon": VALID_PLAN.replace("order_id: {type: string}", "order_id:\t{type:\tstring}"),
    "inside-a-double-quoted-value": VALID_PLAN + 'description: "a\ttab"\n',
    "inside-a-single-quoted-value": VALID_PLAN + "description: 'a\ttab'\n",
    "inside-a-plain-value": VALID_PLAN + "description: a\ttab\n",
    "trailing-after-a-value": VALID_PLAN.replace("name: shop\n", "name: shop\t\t\n"),
    "in-a-flow-mapping": VALID_PLAN.replace("{type: string}", "{\ttype: string,\tformat: uuid\t}"),
    "indenting-a-flow-sequence": VALID_PLAN + "x-list: [\n\ta,\n\tb\n]\n",
    "in-a-comment": VALID_PLAN + "# a\tcomment\twith tabs\n",
    "after-a-value-before-a-comment": VALID_PLAN.replace("name: shop\n", "name: shop\t# the shop\n"),
}


@pytest.mark.parametrize("name", list(ALLOWED_TABS))
def test_tabs_yaml_allows_are_read_without_findings(tab_batch: Batch, name: str) -> None:
    assert tab_batch.findings(f"allowed-{name}.yaml") == []


def test_every_file_with_tabs_is_a_spec_and_the_run_fails_only_on_findings(tab_batch: Batch) -> None:
    assert (tab_batch.code, tab_batch.stderr) == (1, "")
    assert tab_batch.document["summary"]["files"] == len(INDENTED_WITH_TABS) + len(ALLOWED_TABS)


def test_a_tab_counts_as_one_column_in_positions(run_minlint: RunMinlint, tmp_path: Path) -> None:
    text = HEADER + "traits:\n  email:\t{type: string, purpose: x, basis: consent}\n"
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    _, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert ("spec.yaml", 5, 3, "ML003") in found(document)


def test_file_indented_entirely_with_tabs_is_one_ml901_not_one_per_line(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    text = HEADER + "events:\n\tA:\n\t\tproperties:\n\t\t\ta: {}\n\tB:\n\t\tproperties: {}\n"
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    _, document, _ = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert found(document) == [("spec.yaml", 5, 1, "ML901")]
