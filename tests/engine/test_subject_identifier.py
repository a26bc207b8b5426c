"""ML310 no-subject-identifier: each plan holding personal data says which field finds a person's data."""

from __future__ import annotations

import json
from pathlib import Path

from tests.engine.support import check, check_plan, messages, places

RECIPIENTS = """\
    minlint: 1
    kind: recipients
    recipients:
      crm-eu: {role: processor, country: DE, erasure: api}
    """
TRAITS = """\
    traits:
      plan_tier: {category: none}
      email: {category: user.contact.email}
      user_id: {category: user.unique_id}
    """


def test_ml310_fires_at_the_plans_name_and_suggests_its_likeliest_identifier(tmp_path: Path) -> None:
    found = check_plan(tmp_path, TRAITS, others={"recipients.yaml": RECIPIENTS})
    assert places(found, "ML310") == [("plan.yaml", 3, 1)]
    assert messages(found, "ML310") == [
        "`web` holds personal data (`traits.email`, `traits.user_id`) but declares no `subject_id`: nobody can tell "
        "which field finds a person's data when they ask to see or erase it; declare it on the plan, "
        "e.g. `subject_id: traits.user_id`"
    ]


def test_ml310_is_silent_without_a_recipients_registry(tmp_path: Path) -> None:
    assert places(check_plan(tmp_path, TRAITS), "ML310") == []


def test_ml310_is_silent_for_a_plan_with_no_personal_data(tmp_path: Path) -> None:
    found = check_plan(tmp_path, "traits:\n  plan_tier: {category: none}\n", others={"recipients.yaml": RECIPIENTS})
    assert places(found, "ML310") == []


def test_ml310_accepts_a_list_of_identifiers_and_reports_each_wrong_entry_where_it_is(tmp_path: Path) -> None:
    plan = (
        "minlint: 1\nkind: tracking-plan\nname: web\n"
        "subject_id: [traits.email, traits.userid, traits.plan_tier]\n"
        "defaults: {purpose: essential.service, basis: contract, retention: P1Y}\n" + TRAITS.replace("    ", "", 1)
    )
    found = check(tmp_path, {"recipients.yaml": RECIPIENTS, "plan.yaml": plan})
    assert places(found, "ML310") == [("plan.yaml", 4, 28), ("plan.yaml", 4, 43)]
    first, second = messages(found, "ML310")
    assert first.startswith(
        "`subject_id` names `traits.userid`, which the plan does not define (did you mean `traits.user_id`?)"
    )
    assert second.startswith("`subject_id` names `traits.plan_tier`, declared not personal (`category: none`)")


def test_ml310_one_identifier_is_enough(tmp_path: Path) -> None:
    plan = (
        "minlint: 1\nkind: tracking-plan\nname: web\nsubject_id: traits.user_id\n"
        "defaults: {purpose: essential.service, basis: contract, retention: P1Y}\n" + TRAITS.replace("    ", "", 1)
    )
    assert places(check(tmp_path, {"recipients.yaml": RECIPIENTS, "plan.yaml": plan}), "ML310") == []


CAMPAIGN = """\
    minlint: 1
    kind: campaign
    name: survey
    purpose: essential.service
    basis: contract
    retention: P1Y
    uses: [web:traits.email]
    collects:
      answer: {category: user.content.private}
    """


def test_ml310_a_campaign_collecting_personal_data_may_name_a_field_it_uses(tmp_path: Path) -> None:
    plan = (
        "minlint: 1\nkind: tracking-plan\nname: web\nsubject_id: traits.email\n"
        "defaults: {purpose: essential.service, basis: contract, retention: P1Y}\n"
        "traits:\n  email: {category: user.contact.email}\n"
    )
    files = {"recipients.yaml": RECIPIENTS, "plan.yaml": plan, "survey.yaml": CAMPAIGN}
    found = check(tmp_path, files)
    assert places(found, "ML310") == [("survey.yaml", 3, 1)]  # at its name, not at its basis
    assert messages(found, "ML310")[0].endswith("declare it on the campaign, e.g. `subject_id: web:traits.email`")
    named = CAMPAIGN.replace("    retention: P1Y\n", "    retention: P1Y\n    subject_id: web:traits.email\n")
    assert places(check(tmp_path, {**files, "survey.yaml": named}), "ML310") == []


def test_ml310_a_plan_in_another_format_declares_its_identifier_in_its_declarations_file(tmp_path: Path) -> None:
    segment = json.dumps(
        {
            "name": "Shop",
            "rules": [
                {
                    "key": "identify",
                    "type": "IDENTIFY",
                    "jsonSchema": {"properties": {"traits": {"properties": {"email": {"type": "string"}}}}},
                }
            ],
        }
    )
    declarations = """\
        minlint: 1
        kind: declarations
        plan: Shop
        subject_id: traits.mail
        defaults: {purpose: essential.service, basis: contract, retention: P1Y}
        traits:
          email: {category: user.contact.email}
        """
    files = {"recipients.yaml": RECIPIENTS, "plan.json": segment, "shop.declarations.yaml": declarations}
    found = check(tmp_path, files)
    # An entry of a declarations file is reported there, once, when no file of the plan has the field
    # (a Snowplow plan keeps each event in a file of its own).
    assert places(found, "ML310") == []
    assert places(found, "ML908") == [("shop.declarations.yaml", 4, 13)]
    assert messages(found, "ML908")[0].startswith(
        "`subject_id` names `traits.mail`, no field of the plan (did you mean `traits.email`?)"
    )
    fixed = declarations.replace("traits.mail", "traits.email")
    assert [f.rule for f in check(tmp_path, {**files, "shop.declarations.yaml": fixed})] == []


def test_ml310_a_plan_split_over_files_is_matched_across_them(tmp_path: Path) -> None:
    schema = """\
        {{"$schema": "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#",
         "self": {{"vendor": "com.acme", "name": "{name}", "format": "jsonschema", "version": "1-0-0"}},
         "type": "object", "properties": {{"{field}": {{"type": "string"}}}}}}
        """
    declarations = """\
        minlint: 1
        kind: declarations
        plan: com.acme
        subject_id: customer 1-0-0.customer_id
        defaults: {purpose: essential.service, basis: contract, retention: P1Y, category: user.unique_id}
        """
    (tmp_path / "schemas" / "com.acme" / "customer" / "jsonschema").mkdir(parents=True)
    (tmp_path / "schemas" / "com.acme" / "order" / "jsonschema").mkdir(parents=True)
    files = {
        "recipients.yaml": RECIPIENTS,
        "acme.declarations.yaml": declarations,
        "schemas/com.acme/customer/jsonschema/1-0-0": schema.format(name="customer", field="customer_id"),
        "schemas/com.acme/order/jsonschema/1-0-0": schema.format(name="order", field="order_id"),
    }
    found = check(tmp_path, files)
    assert [(f.rule, f.path) for f in found if f.rule in ("ML310", "ML908")] == []
