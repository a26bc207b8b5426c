"""The project as a Fides system: its privacy declarations, their names and keys."""

from __future__ import annotations

from minlint.export.coverage import Declaration
from minlint.export.declared import Use
from minlint.export.system import declaration_names, declaration_resource, system_resource
from minlint.taxonomy import Taxonomy

REPORTING = Use("analytics.reporting", "Legitimate interests", 395, None, ())


def test_a_declaration_is_named_by_its_data_use_and_told_apart_by_what_differs() -> None:
    declared = [
        Declaration(REPORTING, ("none",), ("web",)),
        Declaration(REPORTING._replace(days=30), ("none",), ("web",)),
        Declaration(REPORTING, ("user.name",), ("app",)),
        Declaration(Use("marketing.communications.push", "Consent", None, None, ()), ("user.device",), ("app",)),
    ]
    assert declaration_names(declared) == [
        "Analytics for Reporting (395 days; web)",
        "Analytics for Reporting (30 days; web)",
        "Analytics for Reporting (395 days; app)",
        "Marketing communications push",
    ]


def test_a_declaration_writes_what_the_reader_reads_back() -> None:
    use = Use("essential.service", "Contract", 90, "Explicit consent", ("firebase", "mailchimp"))
    declaration = Declaration(use, ("user.health_and_medical",), ("clinic",))
    assert declaration_resource(declaration, "Care", Taxonomy.builtin()) == {
        "name": "Care",
        "data_use": "essential.service",
        "data_categories": ["user.health_and_medical"],
        "data_subjects": ["customer"],
        "dataset_references": ["clinic"],
        "legal_basis_for_processing": "Contract",
        "retention_period": "90",
        "processes_special_category_data": True,
        "special_category_legal_basis": "Explicit consent",
        "data_shared_with_third_parties": True,
        "third_parties": "firebase; mailchimp",
    }


def test_special_category_data_is_said_even_without_its_condition() -> None:
    declaration = Declaration(Use("essential.service", None, None, None, ()), ("user.biometric",), ("app",))
    resource = declaration_resource(declaration, "Login", Taxonomy.builtin())
    assert resource["processes_special_category_data"] is True
    assert "special_category_legal_basis" not in resource
    assert "legal_basis_for_processing" not in resource
    assert "retention_period" not in resource


def test_the_system_references_every_dataset() -> None:
    system = system_resource("shop", "shop", ["app", "web"], [], Taxonomy.builtin())
    assert system["system_type"] == "Service"
    assert system["dataset_references"] == ["app", "web"]
    assert system["privacy_declarations"] == []
