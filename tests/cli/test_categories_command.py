"""`minlint categories`: the data-category keys, built-in and the project's own, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from minlint.taxonomy import Taxonomy
from tests.conftest import RunMinlint, write_files

OWN = """\
minlint: 1
kind: categories
categories:
  user.loyalty.tier:
    description: The customer's loyalty tier.
  user.health_and_medical.step_count:
    description: Daily step counts.
  loyalty_programme:
    personal: false
  user.biometric:
    special: false
"""


def listing(run_minlint: RunMinlint, cwd: Path, *args: str) -> list[dict[str, Any]]:
    result = run_minlint("categories", "--format", "json", *args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["version"] == 1
    categories: list[dict[str, Any]] = document["categories"]
    return categories


def test_lists_every_built_in_category_with_its_flags_sorted_by_key(run_minlint: RunMinlint, tmp_path: Path) -> None:
    categories = listing(run_minlint, tmp_path)
    builtin = Taxonomy.builtin()
    assert [category["key"] for category in categories] == builtin.keys()
    email = next(category for category in categories if category["key"] == "user.contact.email")
    assert email == {
        "key": "user.contact.email",
        "name": "User Contact Email",
        "personal": True,
        "special": False,
        "regime": None,
        "source": "fideslang",
        "line": None,
        "parent": "user.contact",
        "description": email["description"],
    }
    assert email["description"]


def test_text_is_a_table_with_a_count_and_a_word_on_none(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = run_minlint("categories", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["key", "name", "personal", "special", "regime", "source"]
    genetic = next(line for line in lines if line.startswith("user.health_and_medical.genetic "))
    assert genetic.split()[-4:] == ["yes", "yes", "art9", "fideslang"]
    children = next(line for line in lines if line.startswith("user.childrens "))
    assert children.split()[-4:] == ["yes", "no", "art8", "fideslang"]
    total = len(Taxonomy.builtin())
    assert lines[-2].startswith(f"{total} categories (")
    assert lines[-1] == "`category: none` declares data that is not personal."


def test_a_key_lists_that_category_and_those_below_it_only(run_minlint: RunMinlint, tmp_path: Path) -> None:
    keys = [category["key"] for category in listing(run_minlint, tmp_path, "user.contact.address")]
    assert keys[0] == "user.contact.address"
    assert all(key.startswith("user.contact.address.") for key in keys[1:])
    assert len(keys) > 3
    text = run_minlint("categories", "user.contact.address", cwd=tmp_path).stdout
    assert f"{len(keys)} of {len(Taxonomy.builtin())} categories" in text


def test_special_and_personal_keep_only_those(run_minlint: RunMinlint, tmp_path: Path) -> None:
    special = listing(run_minlint, tmp_path, "--special")
    assert special and all(category["special"] and category["regime"] == "art9" for category in special)
    assert "user.demographic.trade_union_membership" in {category["key"] for category in special}
    personal = listing(run_minlint, tmp_path, "--personal")
    assert all(category["personal"] is True for category in personal)
    assert not any(category["key"].startswith("system") for category in personal)
    both = listing(run_minlint, tmp_path, "--personal", "--special", "user.biometric")
    assert {category["key"] for category in both} == {
        key for key in Taxonomy.builtin() if key.startswith("user.biometric")
    }


def test_the_projects_own_categories_are_listed_as_the_checks_see_them(run_minlint: RunMinlint, tmp_path: Path) -> None:
    write_files(tmp_path, {"specs/categories.yaml": OWN})
    by_key = {category["key"]: category for category in listing(run_minlint, tmp_path)}
    tier = by_key["user.loyalty.tier"]
    assert (tier["personal"], tier["special"], tier["source"], tier["line"]) == (
        True,
        False,
        "specs/categories.yaml",
        4,
    )
    assert by_key["user.health_and_medical.step_count"]["special"] is True  # a child of health data
    assert by_key["loyalty_programme"]["personal"] is False
    biometric = by_key["user.biometric"]  # overridden, but Art. 9 data stays special
    assert (biometric["special"], biometric["name"], biometric["source"]) == (
        True,
        "Biometric Data",
        "specs/categories.yaml",
    )
    own = listing(run_minlint, tmp_path, "--own")
    assert [category["key"] for category in own] == [
        "loyalty_programme",
        "user.biometric",
        "user.health_and_medical.step_count",
        "user.loyalty.tier",
    ]
    text = run_minlint("categories", "--own", cwd=tmp_path).stdout
    assert "specs/categories.yaml:4" in text
    assert "4 declared by the project." in text


def test_exclude_and_config_choose_the_files_as_for_check(run_minlint: RunMinlint, tmp_path: Path) -> None:
    write_files(tmp_path, {"specs/categories.yaml": OWN, "legacy/old.yaml": OWN.replace("loyalty", "rewards")})
    keys = {category["key"] for category in listing(run_minlint, tmp_path, "--own", "--exclude", "legacy/**")}
    assert "user.rewards.tier" not in keys and "user.loyalty.tier" in keys
    write_files(tmp_path, {"project.yaml": "paths: [legacy]\n"})
    keys = {category["key"] for category in listing(run_minlint, tmp_path, "--own", "--config", "project.yaml")}
    assert "user.rewards.tier" in keys and "user.loyalty.tier" not in keys


def test_markdown_is_a_table_with_descriptions(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = run_minlint("categories", "--format", "markdown", "user.name", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines[0] == "| key | name | personal | special | regime | source | description |"
    assert lines[2].startswith("| `user.name` | Name | yes | no |  | fideslang | ")
    assert len(lines) == 2 + 3


def test_an_unknown_key_is_an_error_with_a_suggestion(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = run_minlint("categories", "user.contct", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert "no category `user.contct`" in result.stderr
    assert "did you mean `user.contact`?" in result.stderr
    none = run_minlint("categories", "none", cwd=tmp_path)
    assert none.returncode == 2
    assert "`category: none` declares data that is not personal" in none.stderr


def test_filters_that_keep_nothing_list_nothing_and_succeed(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = run_minlint("categories", "--special", "user.contact", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].split()[0] == "key"
    assert f"0 of {len(Taxonomy.builtin())} categories" in result.stdout


def test_a_bad_configuration_or_an_unreadable_path_fails_with_exit_2(run_minlint: RunMinlint, tmp_path: Path) -> None:
    write_files(tmp_path, {".minlint.yaml": "ignore: [ML999]\n"})
    result = run_minlint("categories", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert "no rule is called `ML999`" in result.stderr
    write_files(tmp_path, {".minlint.yaml": "paths: [nowhere]\n"})
    result = run_minlint("categories", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert "categories not listed" in result.stderr
