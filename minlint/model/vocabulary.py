"""The fixed words of the spec format: lawful bases, spec kinds, field sections."""

from __future__ import annotations

from typing import Final

# GDPR Art. 6(1)(a)-(f), in the article's order.
LAWFUL_BASES: Final = (
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interests",
)
LAWFUL_BASIS_SET: Final = frozenset(LAWFUL_BASES)

TRACKING_PLAN: Final = "tracking-plan"
CAMPAIGN: Final = "campaign"
PURPOSES: Final = "purposes"
RULES: Final = "rules"
SPEC_KINDS: Final = (TRACKING_PLAN, CAMPAIGN, PURPOSES)

# Declarations a field inherits from the nearest level that sets them.
INHERITED: Final = ("purpose", "basis", "retention", "category", "shared_with")
