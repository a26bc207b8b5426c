"""Plans in other formats: reading a RudderStack catalog, a Segment plan, a Fides dataset, a data contract (DCS
or ODCS) or a dbt project in place, against its floor.

    python benchmarks/foreign.py                     # 100,000 fields, 5 runs
    python benchmarks/foreign.py --fields 10000 --runs 3

For each format, writes a project of ``--fields`` fields (events of ten properties, named as
benchmarks/generate.py names them — ``property_0`` … — so that the rules that read names cost the
same; RudderStack's catalog-wide properties each their own) with a declarations file covering the
plan, and measures ``minlint check --no-cache --jobs 1`` on it against:

- **floor** — only loading the same files with PyYAML's libyaml loader (``yaml.load(f,
  Loader=yaml.CSafeLoader)`` per file, JSON included: JSON is YAML), in a process of its own;
- **minlint format** — the same fields written as a minlint tracking plan (benchmarks/generate.py,
  ``--style defaults``), so that "reading a foreign plan costs about what reading the same fields
  in minlint's format costs" can be read off the table.

Then the pre-commit case: one file of each format named in a project of 30 files (29 minlint plans
of 50 fields, the foreign plan, its catalog and its declarations), as a hook meets it, against
``python -c "import yaml"``. Times are medians of ``--runs`` runs after one discarded warm-up.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
PER_EVENT = 10
TYPES = ["string", "number", "integer", "boolean"]
PURPOSES = (
    "minlint: 1\nkind: purposes\npurposes:\n"
    "  analytics.reporting: {bases: [legitimate_interests], max_retention: P25M}\n"
)
CONFIG = "max-file-size: 512MB\n"
FLOOR = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        yaml.load(f, Loader=yaml.CSafeLoader)\n"
)


def declarations(plan: str) -> str:
    """A declarations file giving every field of ``plan`` a purpose, basis, retention and category."""
    return (
        f"minlint: 1\nkind: declarations\nplan: {json.dumps(plan)}\n"
        "defaults: {purpose: analytics.reporting, basis: legitimate_interests, retention: P13M, category: none}\n"
    )


def segment_project(folder: Path, fields: int) -> list[Path]:
    """A Segment Public API plan of ``fields`` fields; the files the floor loads."""
    folder.mkdir(parents=True)
    rules = []
    for event in range(max(1, fields // PER_EVENT)):
        properties = {
            f"property_{index}": {"type": TYPES[index % 4], "description": f"Property {index} of event {event}"}
            for index in range(PER_EVENT)
        }
        schema = {"type": "object", "properties": {"properties": {"type": "object", "properties": properties}}}
        rules.append({"key": f"Event {event}", "type": "TRACK", "version": 1, "jsonSchema": schema})
    plan = folder / "tracking-plan.json"
    plan.write_text(json.dumps({"name": "Bench", "rules": rules}, indent=2) + "\n", encoding="utf-8")
    _common(folder, "Bench")
    return [plan]


def rudderstack_project(folder: Path, fields: int) -> list[Path]:
    """A RudderStack ``rudder/v1`` catalog (properties, events, tracking plan) of ``fields`` fields."""
    folder.mkdir(parents=True)
    events = max(1, fields // PER_EVENT)
    properties = [
        "version: rudder/v1",
        "kind: properties",
        "metadata:",
        "  name: bench_properties",
        "spec:",
        "  properties:",
    ]
    catalog = ["version: rudder/v1", "kind: events", "metadata:", "  name: bench_events", "spec:", "  events:"]
    plan = [
        "version: rudder/v1",
        "kind: tracking-plan",
        "metadata:",
        "  name: bench",
        "spec:",
        "  id: bench",
        '  display_name: "Bench"',
        "  rules:",
    ]
    for event in range(events):
        catalog += [f"    - id: event_{event}", f"      name: Event {event}", "      event_type: track"]
        plan += [
            "    - type: event_rule",
            f"      id: rule_{event}",
            f'      event: "#event:event_{event}"',
            "      properties:",
        ]
        for index in range(PER_EVENT):
            ident = f"prop_{event}_{index}"
            properties += [
                f"    - id: {ident}",
                f"      name: {ident}",
                f"      type: {TYPES[index % 4]}",
                f'      description: "Property {index} of event {event}"',
            ]
            plan += [f'        - property: "#property:{ident}"', "          required: false"]
    written = []
    for name, lines in (("properties.yaml", properties), ("events.yaml", catalog), ("tracking-plan.yaml", plan)):
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(folder / name)
    _common(folder, "Bench")
    return written


def fides_project(folder: Path, fields: int) -> list[Path]:
    """A Fides dataset of ``fields`` fields (collections of ten) and a system whose declaration covers them all."""
    folder.mkdir(parents=True)
    dataset = folder / "dataset.yml"
    _write_events(
        dataset,
        ["dataset:", "  - fides_key: bench", "    collections:"],
        fields,
        lambda event: [f"      - name: collection_{event}", "        fields:"],
        lambda index: [f"          - name: property_{index}", "            data_categories: [system.operations]"],
    )
    system = folder / "system.yml"
    system.write_text(
        "system:\n  - fides_key: bench_system\n    system_type: Service\n    dataset_references: [bench]\n"
        "    privacy_declarations:\n      - data_use: analytics.reporting\n        data_categories: [system]\n"
        '        legal_basis_for_processing: Legitimate interests\n        retention_period: "395"\n',
        encoding="utf-8",
    )
    _common(folder, "bench")
    return [dataset, system]


def contract_project(folder: Path, fields: int) -> list[Path]:
    """A data contract of ``fields`` fields (models of ten) with a service-level retention."""
    folder.mkdir(parents=True)
    contract = folder / "datacontract.yaml"
    _write_events(
        contract,
        ["dataContractSpecification: 1.2.0", "id: bench", "info: {title: Bench, version: 1.0.0}", "models:"],
        fields,
        lambda event: [f"  model_{event}:", "    fields:"],
        lambda index: [f"      property_{index}: {{type: {TYPES[index % 4]}}}"],
        ["servicelevels:", "  retention: {period: P13M}"],
    )
    _common(folder, "bench")
    return [contract]


def odcs_project(folder: Path, fields: int) -> list[Path]:
    """An ODCS v3 contract of ``fields`` properties (objects of ten) with a contract-wide retention SLA."""
    folder.mkdir(parents=True)
    contract = folder / "contract.odcs.yaml"
    head = ["apiVersion: v3.0.2", "kind: DataContract", "id: bench", "name: bench", "version: 1.0.0", "status: active"]
    _write_events(
        contract,
        [*head, "schema:"],
        fields,
        lambda event: [f"  - name: object_{event}", f"    physicalName: tbl_{event}", "    properties:"],
        lambda index: [f"      - name: property_{index}", f"        logicalType: {TYPES[index % 4]}"],
        ["slaProperties:", "  - property: retention", "    value: 13", "    unit: m"],
    )
    _common(folder, "bench")
    return [contract]


def dbt_project(folder: Path, fields: int) -> list[Path]:
    """A dbt project of ``fields`` columns (models of ten) in one property file, with its dbt_project.yml."""
    folder.mkdir(parents=True)
    properties = folder / "models" / "schema.yml"
    properties.parent.mkdir()
    _write_events(
        properties,
        ["version: 2", "models:"],
        fields,
        lambda event: [f"  - name: model_{event}", "    columns:"],
        lambda index: [f"      - name: property_{index}", "        data_type: varchar"],
    )
    project = folder / "dbt_project.yml"
    project.write_text("name: bench\nversion: '1.0.0'\nconfig-version: 2\nprofile: bench\n", encoding="utf-8")
    _common(folder, "bench")
    return [properties, project]


def _write_events(
    path: Path,
    head: list[str],
    fields: int,
    event_lines: Callable[[int], list[str]],
    field_lines: Callable[[int], list[str]],
    tail: Sequence[str] = (),
) -> None:
    """Write a YAML file of ``fields`` fields: ``head``, then each event's lines followed by its ten
    fields' lines, then ``tail``."""
    lines = list(head)
    for event in range(max(1, fields // PER_EVENT)):
        lines += event_lines(event)
        for index in range(PER_EVENT):
            lines += field_lines(index)
    lines += tail
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def native_project(folder: Path, fields: int) -> list[Path]:
    """The same number of fields as minlint plans (declared through defaults)."""
    generate(folder, fields, max(fields, 1), 0.0, False, 7)
    (folder / "expected.json").unlink()
    (folder / ".minlint.yaml").write_text(CONFIG, encoding="utf-8")
    return sorted(folder.glob("*.yaml"))


def _common(folder: Path, plan: str) -> None:
    (folder / ".minlint.yaml").write_text(CONFIG, encoding="utf-8")
    (folder / "purposes.yaml").write_text(PURPOSES, encoding="utf-8")
    (folder / "bench.declarations.yaml").write_text(declarations(plan), encoding="utf-8")


def median(command: list[str], runs: int, cwd: Path) -> tuple[float, int]:
    """The median wall time of ``command`` over ``runs`` runs (after one warm-up) and its exit status."""
    times = []
    status = 0
    for attempt in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=ENV)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode(errors='replace')[:400]}")
        status = done.returncode
        if attempt:
            times.append(time.perf_counter() - start)
    return statistics.median(times), status


def precommit_project(folder: Path, foreign: Path) -> None:
    """29 minlint plans of 50 fields beside the foreign project's files."""
    shutil.copytree(foreign, folder)
    natives = folder / "natives"
    generate(natives, 29 * 50, 50, 0.0, False, 11)
    (natives / "expected.json").unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fields", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--minlint", help="the minlint executable [default: the one on PATH]")
    args = parser.parse_args()
    minlint = args.minlint or shutil.which("minlint")
    if minlint is None:
        raise SystemExit("minlint is not installed in this environment (pip install .)")
    work = Path(tempfile.mkdtemp(prefix="minlint-foreign-"))
    check = [minlint, "check", "--no-cache", "--jobs", "1", "--format", "json", "."]
    print(f"{args.fields:,} fields, median of {args.runs} runs, `minlint check --no-cache --jobs 1`")
    print()
    print("| format | floor s | minlint s | x floor | exit |")
    print("| --- | ---: | ---: | ---: | ---: |")
    projects = {}
    makers = (
        ("minlint", native_project),
        ("segment", segment_project),
        ("rudderstack", rudderstack_project),
        ("fides", fides_project),
        ("data contract", contract_project),
        ("odcs", odcs_project),
        ("dbt", dbt_project),
    )
    for name, make in makers:
        folder = work / name
        files = make(folder, args.fields)
        projects[name] = folder
        floor, _ = median([sys.executable, "-c", FLOOR, *map(str, files)], args.runs, folder)
        seconds, status = median(check, args.runs, folder)
        print(f"| {name} | {floor:.3f} | {seconds:.3f} | {seconds / floor:.2f} | {status} |")
    print()
    interpreter, _ = median([sys.executable, "-c", "import yaml"], args.runs, work)
    shown = f"{interpreter * 1000:.1f} ms"
    print(f"pre-commit case: one file named in a project of 30 files; python -c 'import yaml': {shown}")
    print()
    print("| format | named file | median ms | x interpreter |")
    print("| --- | --- | ---: | ---: |")
    for name, named in (("segment", "tracking-plan.json"), ("rudderstack", "tracking-plan.yaml")):
        small = work / f"small-{name}"
        (segment_project if name == "segment" else rudderstack_project)(small, 50)
        project = work / f"precommit-{name}"
        precommit_project(project, small)
        seconds, _ = median([minlint, "check", "--no-cache", "--format", "text", named], args.runs, project)
        print(f"| {name} | {named} | {seconds * 1000:.1f} | {seconds / interpreter:.2f} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
