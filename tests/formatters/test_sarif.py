"""The ``sarif`` format: schema-valid SARIF 2.1.0, rule metadata, stable fingerprints, suppressions."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import minlint
from minlint.docgen import rule_markdown
from minlint.engine.packs import builtin_rules
from minlint.engine.rule import RuleDef
from minlint.findings import Summary
from minlint.formatters import FormatOptions
from minlint.formatters.sarif import format_sarif, plain_text
from minlint.report import PathProblem, Report, Suppressed
from tests.conftest import REPO, RunMinlint
from tests.formatters.support import Reports, check_violations

SCHEMA = REPO / "tests" / "data" / "schemas" / "sarif-2.1.0.json"

RULES = (
    RuleDef(
        "ML001",
        "missing-purpose",
        "error",
        ("field",),
        "No purpose.",
        "Art. 5(1)(b).",
        "Add `purpose:`.",
        pack="core",
        source="rules/core.yaml",
    ),
    RuleDef(
        "ML104", "free-text-field", "warning", ("field",), "Free text.", "It collects anything.", "Use enum.", pack="x"
    ),
    RuleDef("ML300", "note-only", "info", ("field",), "A note.", "Why.", "Fix it.", hint="a custom hint", pack="org"),
)


EXAMPLES = Reports(RULES)
finding = EXAMPLES.finding
report = EXAMPLES.report


def render(value: Report, options: FormatOptions | None = None) -> dict[str, Any]:
    text = format_sarif(value, options or FormatOptions())
    assert text.endswith("}\n")
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def assert_valid(validator: jsonschema.Draft4Validator, log: dict[str, Any]) -> None:
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(log)]
    assert errors == []


def test_the_schema_catches_a_wrong_version(validator: jsonschema.Draft4Validator) -> None:
    log = render(report(finding()))
    log["version"] = "2.0.0"
    assert len(list(validator.iter_errors(log))) == 1


def test_log_header_and_driver(validator: jsonschema.Draft4Validator) -> None:
    log = render(report(finding()))
    assert_valid(validator, log)
    assert list(log) == ["$schema", "version", "runs"]
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert "originalUriBaseIds" not in run
    driver = run["tool"]["driver"]
    assert driver["name"] == "minlint"
    assert driver["version"] == driver["semanticVersion"] == minlint.__version__
    assert driver["informationUri"] == "https://github.com/minlint/minlint"


def test_every_rule_is_described_even_without_findings() -> None:
    rules = render(report())["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["ML001", "ML104", "ML300"]
    first = rules[0]
    assert first["name"] == "missing-purpose"
    assert first["shortDescription"] == {"text": "No purpose."}
    assert first["fullDescription"] == {"text": "Art. 5(1)(b)."}
    assert first["help"]["markdown"] == rule_markdown(RULES[0], links=False)
    assert first["helpUri"] == "https://github.com/minlint/minlint/blob/main/docs/rules.md#ml001-missing-purpose"
    assert first["properties"] == {"tags": ["privacy", "gdpr", "core"], "precision": "high"}
    levels = [rule["defaultConfiguration"]["level"] for rule in rules]
    assert levels == ["error", "warning", "note"]
    # Only built-in rules have a section in minlint's docs; a custom pack's rules carry their help.
    assert ["helpUri" in rule for rule in rules] == [True, False, False]


def test_rule_help_links_nowhere_a_code_host_cannot_follow() -> None:
    """Code scanning shows the help away from the repository: a link relative to docs/ would be broken."""
    rules = render(Reports(builtin_rules()).report())["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) > 20
    for rule in rules:
        targets = re.findall(r"\]\(([^)]*)\)", rule["help"]["markdown"])
        assert all(target.startswith("https://") for target in targets), (rule["id"], targets)


def test_help_text_is_plain() -> None:
    rule = RULES[0]
    text = plain_text(rule_markdown(rule))
    prose = [line for line in text.splitlines() if not line.startswith("    ")]  # code blocks are indented
    assert not [line for line in prose if "**" in line or "`" in line or line.startswith("#")]
    assert text.startswith("ML001 missing-purpose\n")
    assert "Add purpose:." in text
    markdown = "## A `b`\n\n```yaml\nkey: `kept`\n```\n"
    assert plain_text(markdown) == "A b\n\n    key: `kept`\n"


def test_result_fields(validator: jsonschema.Draft4Validator) -> None:
    log = render(report(finding(), finding("ML300", line=9, column=1, target="", scope="")))
    assert_valid(validator, log)
    first, second = log["runs"][0]["results"]
    assert list(first) == ["ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints"]
    assert (first["ruleId"], first["ruleIndex"], first["level"]) == ("ML001", 0, "error")
    assert first["message"]["text"] == (
        "field `traits.email` declares no purpose\nhint: Add `purpose:`. [minlint explain ML001]"
    )
    location = first["locations"][0]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "plans/web.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3, "startColumn": 5},
    }
    assert location["logicalLocations"] == [{"fullyQualifiedName": "web:traits.email", "kind": "member"}]
    assert (second["ruleIndex"], second["level"]) == (2, "note")
    assert second["message"]["text"].endswith("hint: a custom hint [minlint explain ML300]")
    assert "logicalLocations" not in second["locations"][0]


def test_target_without_scope_is_its_own_name() -> None:
    result = render(report(finding(scope="")))["runs"][0]["results"][0]
    assert result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "traits.email"


def test_unknown_rule_has_no_index(validator: jsonschema.Draft4Validator) -> None:
    log = render(report(finding("XX999")))
    assert_valid(validator, log)
    result = log["runs"][0]["results"][0]
    assert "ruleIndex" not in result
    assert result["message"]["text"] == "field `traits.email` declares no purpose"


def test_regions_are_one_based(validator: jsonschema.Draft4Validator) -> None:
    log = render(report(finding(line=0, column=0)))
    assert_valid(validator, log)
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 1,
    }


def test_paths_are_relative_to_the_project_root_and_never_absolute() -> None:
    value = report(finding(path="plans/web.yaml"), root="/home/someone/project", cwd="/home/someone/project/sub")
    text = format_sarif(value, FormatOptions())
    assert "/home/someone" not in text
    location = json.loads(text)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "sub/plans/web.yaml", "uriBaseId": "%SRCROOT%"}


def test_uris_are_percent_encoded(validator: jsonschema.Draft4Validator) -> None:
    log = render(report(finding(path="plans/my plan #1 é.yaml"), finding(path="/elsewhere/a b.yaml")))
    assert_valid(validator, log)
    outside, inside = (
        result["locations"][0]["physicalLocation"]["artifactLocation"] for result in log["runs"][0]["results"]
    )
    assert inside == {"uri": "plans/my%20plan%20%231%20%C3%A9.yaml", "uriBaseId": "%SRCROOT%"}
    assert outside == {"uri": "file:///elsewhere/a%20b.yaml"}


def test_unicode_is_kept_in_messages(validator: jsonschema.Draft4Validator) -> None:
    text = format_sarif(report(finding(message="champ « prénom » sans finalité 🙂")), FormatOptions())
    assert "« prénom » sans finalité 🙂" in text
    assert_valid(validator, json.loads(text))


def test_fingerprints_are_stable_and_unique(validator: jsonschema.Draft4Validator) -> None:
    twice = report(finding(line=3), finding(line=8), finding(line=12), finding("ML104", line=4))
    log = render(twice)
    assert_valid(validator, log)
    prints = [result["partialFingerprints"]["minlint/v1"] for result in log["runs"][0]["results"]]
    base = finding().fingerprint("plans/web.yaml")
    assert prints[0] == base
    assert prints[2:] == [f"{base}:2", f"{base}:3"]
    assert len(set(prints)) == len(prints)
    # Moving a finding (an edit above it) keeps its fingerprint; so does rendering again.
    moved = render(report(finding(line=30)))["runs"][0]["results"][0]["partialFingerprints"]["minlint/v1"]
    assert moved == base
    assert format_sarif(twice, FormatOptions()) == format_sarif(twice, FormatOptions())


def test_suppressed_findings_are_results_with_suppressions(validator: jsonschema.Draft4Validator) -> None:
    inline = Suppressed(finding(line=20), "inline", "reviewed by DPO", line=19, expires="2030-01-01")
    baseline = Suppressed(finding("ML104", line=25), "baseline", "")
    value = report(finding(line=3), suppressed=(inline, baseline))
    for options in (FormatOptions(), FormatOptions(show_suppressed=True)):
        log = render(value, options)
        assert_valid(validator, log)
        active, first, second = log["runs"][0]["results"]
        assert "suppressions" not in active
        assert first["suppressions"] == [
            {
                "kind": "inSource",
                "status": "accepted",
                "justification": "reviewed by DPO",
                "location": {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "plans/web.yaml", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 19},
                    }
                },
                "properties": {"expires": "2030-01-01"},
            }
        ]
        assert second["suppressions"] == [{"kind": "external", "status": "accepted"}]
        # The suppressed twin of the active finding is told apart, and does not renumber it.
        assert active["partialFingerprints"]["minlint/v1"] == finding().fingerprint("plans/web.yaml")
        assert first["partialFingerprints"]["minlint/v1"].endswith(":2")


def test_empty_report(validator: jsonschema.Draft4Validator) -> None:
    log = render(Report((), Summary.of([], 0, 0), ()))
    assert_valid(validator, log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


def test_golden_file(run_minlint: RunMinlint, checkout: Path, validator: jsonschema.Draft4Validator) -> None:
    output = check_violations(run_minlint, checkout, "sarif", "violations.sarif")
    log = json.loads(output)
    assert_valid(validator, log)
    assert not {key for key in _keys(log) if "time" in key.lower() or "date" in key.lower()}
    assert str(REPO) not in output and str(Path.home()) not in output
    run = log["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) >= 22
    assert all(rule["helpUri"].startswith("https://github.com/minlint/") for rule in run["tool"]["driver"]["rules"])
    assert {result["ruleId"] for result in run["results"]} <= {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    prints = [result["partialFingerprints"]["minlint/v1"] for result in run["results"]]
    assert len(set(prints)) == len(prints) > 0


def test_a_run_that_could_not_read_a_path_did_not_execute_successfully(validator: jsonschema.Draft4Validator) -> None:
    problems = (PathProblem("no-such-dir", "no such file or folder"), PathProblem("plans/locked.yaml", "cannot read"))
    log = render(report(finding(), path_problems=problems))
    assert_valid(validator, log)
    (run,) = log["runs"]
    assert list(run) == ["tool", "invocations", "results", "columnKind"]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "error",
            "message": {"text": "no-such-dir: no such file or folder"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "no-such-dir", "uriBaseId": "%SRCROOT%"}}}],
        },
        {
            "level": "error",
            "message": {"text": "plans/locked.yaml: cannot read"},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": "plans/locked.yaml", "uriBaseId": "%SRCROOT%"}}}
            ],
        },
    ]
    assert len(run["results"]) == 1


def test_a_run_that_read_every_path_has_no_invocations() -> None:
    assert "invocations" not in render(report(finding()))["runs"][0]


def test_the_uri_of_a_name_that_is_not_utf8_percent_encodes_its_real_bytes(
    validator: jsonschema.Draft4Validator,
) -> None:
    log = render(report(finding(path="plans/\\xff caf\\xe9.yaml")))
    assert_valid(validator, log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "plans/%FF%20caf%E9.yaml", "uriBaseId": "%SRCROOT%"}
    outside = render(report(finding(path="/elsewhere/\\xff.yaml"), root="/project", cwd="/project"))
    assert outside["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///elsewhere/%FF.yaml"
    }
