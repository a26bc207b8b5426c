"""The built-in checks, by the name rule packs use after ``check:`` — one visible table.

Target checks look at one target (a field, a campaign …) at a time; project checks look at the
whole project at once (campaign references, definitions across plans). A new check is a function
in the module of its pack and a line here. Names are kebab-case; ``snake_case`` spellings
(``max_retention``) are accepted too.
"""

from __future__ import annotations

from minlint.engine import campaigns, core, cpra, files, policies, principles, sensitive, subjects
from minlint.engine.rule import CheckFunction, ProjectCheckFunction

TARGET_CHECKS: dict[str, CheckFunction] = {
    # core pack (rules/core.yaml)
    "basis-coverage": core.basis_coverage,
    "known-purposes": core.known_purposes,
    "valid-basis": core.valid_basis,
    "retention-coverage": core.retention_coverage,
    "valid-retention": core.valid_retention,
    "indefinite-retention": core.indefinite_retention,
    "retention-limit": core.retention_limit,
    "basis-allowed": core.basis_allowed,
    # sensitive pack (rules/sensitive.yaml)
    "personal-data-names": sensitive.personal_data_names,
    "special-category": sensitive.special_category,
    "excessive-precision": sensitive.excessive_precision,
    "free-text": sensitive.free_text,
    "known-category": sensitive.known_category,
    "credentials": sensitive.credentials,
    "raw-capture": sensitive.raw_capture,
    "category-contradicts-name": sensitive.category_contradicts_name,
    "unclassified": sensitive.unclassified,
    "classified-unprotected": sensitive.classified_unprotected,
    # principles pack (rules/principles.yaml)
    "opt-out": principles.opt_out,
    "protection": principles.protection,
    "pseudonymised-as-anonymous": principles.pseudonymised_as_anonymous,
    "identifying-despite-limitations": principles.identifying_despite_limitations,
    "purpose-described": principles.purpose_described,
    "interest-stated": principles.interest_stated,
    "recipient-declared": principles.recipient_declared,
    "transfer-mechanism": principles.transfer_mechanism,
    "erasure-possible": principles.erasure_possible,
    "subject-identifier": subjects.subject_identifier,
    # cpra pack (rules/cpra.yaml)
    "sensitive-use": cpra.sensitive_use,
    "sale-or-share": cpra.sale_or_share,
    # files pack (rules/files.yaml)
    "loader": files.loader,
    # for organisations' own packs
    "max-retention": core.retention_limit,
    "allowed-recipients": policies.allowed_recipients,
    "forbid-categories-for-purposes": policies.forbid_categories_for_purposes,
}

PROJECT_CHECKS: dict[str, ProjectCheckFunction] = {
    # campaigns pack (rules/campaigns.yaml)
    "unresolved-reference": campaigns.unresolved_reference,
    "purpose-mismatch": campaigns.purpose_mismatch,
    "undeclared-recipient": campaigns.undeclared_recipient,
    "unused-field": campaigns.unused_field,
    "conflicting-definition": campaigns.conflicting_definition,
    # principles pack (rules/principles.yaml)
    "consent-mechanism": principles.consent_mechanism,
}


def canonical(name: str) -> str:
    """The registered spelling of a check name: ``max_retention`` -> ``max-retention``."""
    return name.strip().lower().replace("_", "-")


def all_check_names() -> list[str]:
    """Every built-in check name, sorted."""
    return sorted({*TARGET_CHECKS, *PROJECT_CHECKS})
