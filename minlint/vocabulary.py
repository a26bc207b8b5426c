"""The fixed words of minlint, each written once: spec kinds, minlint's own finding codes, lawful bases.

A leaf module (it imports nothing of minlint), so every layer — loader, model, engine, run,
formatters — takes its words from here.
"""

from __future__ import annotations

import re
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

# The files minlint looks for when it walks a folder (and reads at a git revision): YAML and JSON
# (JSON is YAML too), and Snowplow's Iglu schemas, which have no suffix (see :func:`walked_file`).
YAML_SUFFIXES: Final = (".yaml", ".yml")
JSON_SUFFIX: Final = ".json"
WALKED_SUFFIXES: Final = (*YAML_SUFFIXES, JSON_SUFFIX)
# The files that can be specs when named on the command line.
SPEC_SUFFIXES: Final = WALKED_SUFFIXES
# An Iglu schema's file: `schemas/<vendor>/<name>/jsonschema/<MODEL>-<REVISION>-<ADDITION>`.
IGLU_FOLDER: Final = "jsonschema"
_IGLU_VERSION: Final = re.compile(r"[1-9][0-9]*-(?:0|[1-9][0-9]*)-(?:0|[1-9][0-9]*)")


def walked_file(name: str, folder: str) -> bool:
    """Whether a walk reads the file ``name`` found in the folder named ``folder``: a YAML or JSON
    file, or a version file of an Iglu layout (``jsonschema/1-0-2``). Hidden files never."""
    if name.startswith("."):
        return False
    return name.endswith(WALKED_SUFFIXES) or (folder == IGLU_FOLDER and _IGLU_VERSION.fullmatch(name) is not None)


# The kinds a spec file declares (`kind:`), in the order messages list them.
TRACKING_PLAN: Final = "tracking-plan"
CAMPAIGN: Final = "campaign"
PURPOSES: Final = "purposes"
RECIPIENTS: Final = "recipients"
CATEGORIES: Final = "categories"
RULES: Final = "rules"
DECLARATIONS: Final = "declarations"  # declarations for a plan kept in another format
SPEC_KINDS: Final = (TRACKING_PLAN, CAMPAIGN, PURPOSES, RECIPIENTS, CATEGORIES, DECLARATIONS, RULES)
# A file of another format that is context for that format's plans (a RudderStack property
# catalog), not a plan itself.
CATALOG: Final = "catalog"
# A dbt_project.yml says one of these keys at the start of a line: what tells it from any YAML with a
# `name` (the dbt reader claims it, and the first look at a file makes it maybe-context).
DBT_PROJECT_KEYS: Final = re.compile(rb"(?m)^[\"']?(?:config-version|profile|[a-z]+-paths)[\"']?[ \t]*:")
# The kinds every other file is checked against: read first, in the context pass of a run.
CONTEXT_KINDS: Final = frozenset({PURPOSES, RECIPIENTS, CATEGORIES, DECLARATIONS, CATALOG})
# The shipped JSON Schemas: one per spec kind, and the configuration's.
CONFIG: Final = "config"
SCHEMA_NAMES: Final = (*SPEC_KINDS, CONFIG)

# The codes of minlint's own findings about files (the `files` rule pack): a file that cannot be
# read as a spec, and inline suppressions that cannot be honoured.
SYNTAX: Final = "ML901"  # cannot be decoded or parsed
SHAPE: Final = "ML902"  # parses, but is not the shape of its kind
DUPLICATE: Final = "ML903"  # a key written twice in one mapping
NO_REASON: Final = "ML904"  # a suppression without a reason (not applied)
UNUSED: Final = "ML905"  # a suppression that silences nothing
EXPIRED: Final = "ML906"  # a suppression past its `until` date
INVALID: Final = "ML907"  # a suppression comment that cannot be read
UNMATCHED: Final = "ML908"  # a declarations file's entry that names nothing in its plan
SUPPRESSION_CODES: Final = (NO_REASON, UNUSED, EXPIRED, INVALID)
# A file that could not be read as a spec was not checked at all: always reported, whatever the
# selection or per-path ignores say, and never accepted by a baseline.
ALWAYS_REPORTED: Final = (SYNTAX, SHAPE, DUPLICATE)

# Declarations a field inherits from the nearest level that sets them.
INHERITED: Final = (
    "purpose",
    "basis",
    "retention",
    "category",
    "shared_with",
    "special_condition",
    "protection",
    "access",
)

# Words that forbid identifying people ("Not to be used to identify individuals", "No
# re-identification", "Identifying customers is prohibited"): a plan's `limitations` saying so makes
# its direct identifiers a finding (ML311). Bounded gaps keep the search linear.
_PEOPLE = r"(?:individual|person|people|customer|user|consumer|subject|patient|employee|member|visitor|citizen|child)"
_IDENTIFYING = (
    r"(?:\bre-?identif\w*|\bsingl(?:e|ing) out\b"
    r"|\bidentif(?:y|ying|ication)(?: of)?\s+(?:or\s+\w+\s+)?"
    r"(?:(?:an?|the|any|specific|single|individual)\s+)?(?:\w+\s+)?" + _PEOPLE + r"(?:s|ren)?\b)"
)
FORBIDS_IDENTIFYING: Final = re.compile(
    # A negation, then within the same sentence (which may break across lines) identifying people …
    r"\b(?:not|never|no|nor|cannot|can[\u2019']t|mustn[\u2019']t|don[\u2019']t|without|prohibit\w*|forbid\w*|disallow\w*)\b"
    r"[^.;]{0,60}?(?:"
    + _IDENTIFYING
    + r"|\bbe\s+(?:re-?)?identified\b)"
    # … or identifying people, then that it is prohibited.
    + r"|"
    + _IDENTIFYING
    + r"[^.;]{0,60}?\b(?:is|are)\s+(?:\w+\s+)?(?:prohibited|forbidden|not\s+(?:permitted|allowed))\b",
    re.IGNORECASE,
)

# How a field is kept safe (GDPR Art. 32): what `protection:` may say.
PROTECTIONS: Final = ("encrypted", "hashed", "tokenised", "pseudonymised", "masked")
# Protections after which the data still singles out a person (GDPR Recital 26): not anonymous.
PSEUDONYMOUS_PROTECTIONS: Final = frozenset({"hashed", "tokenised", "pseudonymised"})

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
