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
SPEC_KINDS: Final = (TRACKING_PLAN, CAMPAIGN, PURPOSES, "categories")

# Declarations a field inherits from the nearest level that sets them.
INHERITED: Final = ("purpose", "basis", "retention", "category", "shared_with", "special_condition")

# GDPR Art. 9(2)(a)-(j): the conditions under which special-category data may be processed.
SPECIAL_CONDITIONS: Final = {
    "explicit_consent": "Art. 9(2)(a) explicit consent of the data subject",
    "employment_social_security": "Art. 9(2)(b) obligations in employment, social security and social protection law",
    "vital_interests": "Art. 9(2)(c) vital interests of a person physically or legally incapable of giving consent",
    "not_for_profit_body": "Art. 9(2)(d) activities of a foundation, association or other not-for-profit body",
    "made_public_by_data_subject": "Art. 9(2)(e) data manifestly made public by the data subject",
    "legal_claims": "Art. 9(2)(f) establishment, exercise or defence of legal claims, or courts acting judicially",
    "substantial_public_interest": "Art. 9(2)(g) reasons of substantial public interest, on the basis of law",
    "health_or_social_care": "Art. 9(2)(h) preventive or occupational medicine, diagnosis, health or social care",
    "public_health": "Art. 9(2)(i) reasons of public interest in the area of public health",
    "archiving_research_statistics": "Art. 9(2)(j) archiving in the public interest, research or statistics",
}
CATEGORIES: Final = "categories"
