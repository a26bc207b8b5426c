"""Rule packs: the built-in ones load; broken ones fail with a located, one-line error."""

from __future__ import annotations

from pathlib import Path

import pytest

from minlint.engine.packs import PackError, builtin_pack_dir, builtin_packs, builtin_rules, combine, load_pack

RULE = """\
  - id: ORG001
    name: org-rule
    severity: warning
    target: field
    summary: s
    rationale: r
    fix: f
    require: {required: [category]}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_packs_come_from_the_rules_folder_and_have_unique_codes() -> None:
    assert (builtin_pack_dir() / "core.yaml").is_file()
    rules = builtin_rules()
    assert len({rule.id for rule in rules}) == len(rules)
    assert len({rule.name for rule in rules}) == len(rules)
    assert [rule.id for rule in rules][:3] == ["ML001", "ML002", "ML003"]


@pytest.mark.parametrize("name", sorted(path.name for path in builtin_pack_dir().glob("*.yaml")))
def test_builtin_packs_pass_the_validation_they_skip_at_run_time(name: str) -> None:
    # builtin_packs() trusts its own files to keep a pre-commit hook fast; this is why it may.
    pack = load_pack(builtin_pack_dir() / name, f"rules/{name}")
    assert pack == next(pack for pack in builtin_packs() if pack.source == f"rules/{name}")


def test_a_valid_pack_loads(tmp_path: Path) -> None:
    (loaded,) = load_pack(write(tmp_path, f"minlint: 1\nkind: rules\nname: org\nrules:\n{RULE}")).rules
    assert (loaded.id, loaded.pack, loaded.targets, loaded.line) == ("ORG001", "org", ("field",), 5)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "minlint: 1\nkind: rules\nrules:\n" + RULE.replace("severity: warning", "severity: fatal"),
            "6:15",
            "`fatal`",
        ),
        (
            "minlint: 1\nkind: rules\nrules:\n" + RULE.replace("require: {required: [category]}", ""),
            "4:5",
            "either",
        ),
        ("minlint: 1\nkind: rules\nrules:\n" + RULE.replace("id: ORG001", "id: org1"), "4:9", "letters then"),
        ("minlint: 1\nkind: rules\nrules:\n" + RULE + RULE, "12:5", "used twice"),
        ("minlint: 1\nkind: rules\nrules:\n  - id: [\n", "5:1", "YAML syntax error"),
        ("minlint: 1\nkind: tracking-plan\nname: x\n", "2:7", "expected `kind: rules`"),
        ("a: 1\n", "1:1", "not a rule pack"),
        (
            "minlint: 1\nkind: rules\nrules:\n"
            + RULE.replace("severity: warning", "message: '{ref!x}'\n    severity: warning"),
            "6:14",
            "unknown conversion",
        ),
    ],
)
def test_broken_pack_is_one_located_error(tmp_path: Path, text: str, where: str, message: str) -> None:
    with pytest.raises(PackError) as raised:
        load_pack(write(tmp_path, text), "pack.yaml")
    assert str(raised.value).startswith(f"pack.yaml:{where}: ")
    assert message in str(raised.value)


def test_unreadable_pack_is_a_pack_error(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="cannot read rule pack"):
        load_pack(tmp_path / "missing.yaml", "missing.yaml")


def test_a_code_clashing_with_a_builtin_rule_is_refused(tmp_path: Path) -> None:
    own = load_pack(write(tmp_path, f"minlint: 1\nkind: rules\nrules:\n{RULE.replace('ORG001', 'ML001')}"))
    with pytest.raises(PackError, match=r"already defined by rules/core\.yaml"):
        combine([*builtin_packs(), own])
