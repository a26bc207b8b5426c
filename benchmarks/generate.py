"""Generate a synthetic minlint project of N fields, for benchmarks and scale tests.

    python benchmarks/generate.py --fields 100000 --out /tmp/corpus-100k

Fields are spread over tracking plans of ``--fields-per-file`` fields (events of ten properties).
``--style explicit`` (the default) writes purpose, basis and retention on every field, with no
``defaults``, so that tools without inheritance check exactly the same thing; about
``--missing`` of the fields (10 %) lack one of the three, and the generator prints how many
violations of each kind it wrote so that every tool's count can be verified against it.
``--style defaults`` writes plan- and event-level defaults instead, as real plans do.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

PURPOSES = [
    "analytics.reporting",
    "essential.service",
    "marketing.communications.email",
    "essential.fraud_detection",
]
BASES = ["legitimate_interests", "contract", "consent", "legal_obligation"]
RETENTIONS = ["P30D", "P13M", "P2Y", "90 days", "P6M"]
TYPES = ["string", "number", "integer", "boolean"]
DECLARATIONS = ("purpose", "basis", "retention")


@dataclass
class Counts:
    """How many fields miss each declaration (the expected violations)."""

    fields: int = 0
    missing: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DECLARATIONS, 0))

    @property
    def total(self) -> int:
        return sum(self.missing.values())


def _field_lines(rng: random.Random, name: str, missing: str | None, explicit: bool) -> list[str]:
    lines = [f"      {name}:", f"        type: {rng.choice(TYPES)}"]
    index = rng.randrange(len(PURPOSES))
    values = {"purpose": f"[{PURPOSES[index]}]", "basis": BASES[index], "retention": rng.choice(RETENTIONS)}
    for key in DECLARATIONS:
        if key != missing and (explicit or key == "retention"):
            lines.append(f"        {key}: {values[key]}")
    return lines


def write_plan(
    path: Path,
    number: int,
    fields: int,
    rng: random.Random,
    missing_rate: float,
    explicit: bool,
    counts: Counts,
) -> None:
    """Write one tracking plan of ``fields`` fields to ``path``."""
    lines = ["minlint: 1", "kind: tracking-plan", f"name: plan-{number:04d}", "owner: bench@example.com"]
    if not explicit:
        lines += ["defaults:", "  basis: legitimate_interests"]
    lines.append("events:")
    written = 0
    event = 0
    while written < fields:
        lines.append(f"  Event {number}-{event}:")
        lines.append(f"    description: Synthetic event {event}")
        if not explicit:
            lines += ["    defaults:", "      purpose: [analytics.reporting]"]
        lines.append("    properties:")
        for prop in range(min(10, fields - written)):
            missing = rng.choice(DECLARATIONS) if rng.random() < missing_rate else None
            if not explicit and missing != "retention":
                missing = None  # with defaults only retention is per field
            if missing:
                counts.missing[missing] += 1
            lines += _field_lines(rng, f"property_{prop}", missing, explicit)
            written += 1
        event += 1
    counts.fields += written
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def generate(out: Path, fields: int, per_file: int, missing_rate: float, explicit: bool, seed: int) -> Counts:
    """Write the project under ``out``; returns the expected counts."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    counts = Counts()
    number = 0
    remaining = fields
    while remaining > 0:
        size = min(per_file, remaining)
        write_plan(out / f"plan-{number:04d}.yaml", number, size, rng, missing_rate, explicit, counts)
        remaining -= size
        number += 1
    (out / "expected.json").write_text(
        json.dumps({"fields": counts.fields, "missing": counts.missing, "violations": counts.total}, indent=2) + "\n",
        encoding="utf-8",
    )
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fields", type=int, required=True)
    parser.add_argument("--fields-per-file", type=int, default=2000)
    parser.add_argument("--missing", type=float, default=0.10, help="share of fields missing one declaration")
    parser.add_argument("--style", choices=["explicit", "defaults"], default="explicit")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    counts = generate(args.out, args.fields, args.fields_per_file, args.missing, args.style == "explicit", args.seed)
    print(f"wrote {counts.fields} fields to {args.out}; expected violations: {counts.total} {counts.missing}")


if __name__ == "__main__":
    main()
