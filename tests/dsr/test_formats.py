"""The Markdown and JSON runbooks: structure, escaping of hostile spec text, ``null`` for what is missing."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from minlint.dsr import RENDERERS, get_renderer
from minlint.dsr.json import render_json
from minlint.dsr.markdown import render_markdown
from minlint.dsr.model import Gap, HeldField, Identifier, IdentifierUse, RecipientStep, Runbook, SubjectKey
from minlint.dsr.text import NO_GAPS, NOTHING_HELD
from minlint.safetext import UNSAFE
from tests.dsr import CAMPAIGN, PLAN, REGISTRY, project_runbook, runbook_of

EVIL = (
    '</code><script>alert("x")</script><img src=x onerror=alert(1)> | `tick` ]"] #quot; & end\n'
    "--> d0 ``` [link](https://evil.example) \x1b[31mred\r\n| a | b |\u202e"
)
EMPTY = Runbook("", (), (), (), ())


@pytest.fixture(scope="module")
def storefront() -> Runbook:
    return runbook_of("examples/storefront")


@pytest.fixture(scope="module")
def violations() -> Runbook:
    return runbook_of("examples/violations")


@pytest.fixture(scope="module")
def hostile(storefront: Runbook) -> Runbook:
    """The storefront runbook with hostile text wherever spec text reaches the output."""
    evil_field = HeldField(
        ref=f"traits.{EVIL}",
        file=f"plans/{EVIL}.yaml",
        line=3,
        category=EVIL,
        category_name=EVIL,
        special=True,
        retention=EVIL,
        purposes=(EVIL,),
        recipients=(EVIL, "mailchimp"),
    )
    first = replace(
        storefront.stores[0],
        name=EVIL,
        file=f"plans/{EVIL}.yaml",
        subject_ids=(SubjectKey(f"traits.{EVIL}", EVIL, EVIL),),
        fields=(evil_field, *storefront.stores[0].fields),
        recipients=(EVIL,),
    )
    step = RecipientStep(
        name=EVIL,
        declared=True,
        description=EVIL,
        role=EVIL,
        cpra_role=EVIL,
        country=EVIL,
        erasure=EVIL,
        export=EVIL,
        file=f"plans/{EVIL}.yaml",
        line=9,
        receives=(f"{EVIL}:traits.{EVIL}",),
    )
    undeclared = replace(step, declared=False, name=f"other {EVIL}")
    return replace(
        storefront,
        generated_from=EVIL,
        identifiers=(Identifier(EVIL, EVIL, (IdentifierUse(EVIL, f"traits.{EVIL}"),)), *storefront.identifiers),
        stores=(first, *storefront.stores[1:]),
        recipients=(step, undeclared, *storefront.recipients),
        gaps=(
            Gap("no-export", f"`{EVIL}` {EVIL} `x`", f"plans/{EVIL}.yaml", 9),
            Gap("undeclared-recipient", EVIL, "", 0),
        ),
    )


# A project whose spec text is hostile: plan, field and recipient names, field and recipient descriptions.
HOSTILE_PLAN = f"""\
minlint: 1
kind: tracking-plan
name: {json.dumps("web | <b>bold</b> `x`")}
description: {json.dumps(EVIL)}
subject_id: {json.dumps("traits.a|`b`<script>")}
defaults: {{basis: consent, purpose: analytics.reporting, retention: P1Y}}
traits:
  {json.dumps("a|`b`<script>")}:
    type: string
    category: user.contact.email
    description: {json.dumps(EVIL)}
    shared_with: [{json.dumps("crm|<script>x</script>`")}, {json.dumps("u|" + EVIL)}]
"""
HOSTILE_REGISTRY = f"""\
minlint: 1
kind: recipients
recipients:
  {json.dumps("crm|<script>x</script>`")}:
    description: {json.dumps(EVIL)}
    role: processor
    country: DE
    erasure: api
    export: manual
"""


@pytest.fixture
def hostile_project(tmp_path: Path) -> Runbook:
    return project_runbook(tmp_path, {"plan.yaml": HOSTILE_PLAN, "recipients.yaml": HOSTILE_REGISTRY})


# -- Markdown --------------------------------------------------------------------------------------
def _headings(document: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", document, flags=re.MULTILINE)


def _cells(line: str) -> int:
    """The number of cells of a Markdown table row (escaped pipes do not separate cells)."""
    return len(re.split(r"(?<!\\)\|", line.strip())) - 2


def _tables(document: str) -> list[list[str]]:
    return [table.splitlines() for table in re.findall(r"((?:^\|.*\|\n)+)", document, flags=re.MULTILINE)]


def test_markdown_has_the_steps_identifiers_gaps_stores_and_recipients(storefront: Runbook) -> None:
    document = render_markdown(storefront)
    assert document.startswith("# Data-subject request runbook: storefront\n\nHow to serve a person's request")
    assert _headings(document, 2) == ["Identifiers to ask for", "Gaps", "Where the data is", "Recipients"]
    assert _headings(document, 3) == ["`storefront-app`", "`storefront-web`"]
    assert re.findall(r"^(\d)\. ", document, flags=re.MULTILINE) == ["1", "2", "3"]
    lines = document.splitlines()
    assert "| User Contact Email `user.contact.email` | `storefront-web` by `traits.email` |" in lines
    assert "A tracking plan, `examples/storefront/web-plan.yaml:4`." in lines
    assert (
        "Find the person's records by `traits.email` (User Contact Email) or `context.anonymous_id` (Cookie ID)."
        in lines
    )
    assert (
        "| `traits.push_token` | Device ID `user.device.device_id` | 30 days after consent withdrawal | `firebase` | "
        "`examples/storefront/app-plan.yaml:19` |"
    ) in lines
    assert (
        "| `firebase` | processor (CPRA: service provider) | US | api | manual | `storefront-app:traits.push_token` |"
        in lines
    )
    assert NO_GAPS in lines


def test_markdown_tables_have_as_many_cells_in_every_row(storefront: Runbook, violations: Runbook) -> None:
    for runbook in (storefront, violations):
        tables = _tables(render_markdown(runbook))
        assert len(tables) == 2 + len(runbook.stores)  # identifiers, one per store, recipients
        for table in tables:
            assert {_cells(line) for line in table} == {_cells(table[0])}, table


def test_markdown_lists_each_gap_with_where_to_fix_it(violations: Runbook) -> None:
    document = render_markdown(violations)
    section = document.split("## Gaps\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(section) == len(violations.gaps)
    assert section[2] == (
        "- `violations-web` holds personal data (2 fields) but declares no `subject_id`: nobody can tell which "
        "field finds a person's records there; declare it on the plan (`examples/violations/plan.yaml:6`)"
    )
    assert all(
        line.startswith("- ") and line.endswith(".yaml:" + str(gap.line) + "`)")
        for line, gap in zip(section, violations.gaps, strict=True)
    )
    assert (
        "**No subject identifier declared:** nobody can tell which field finds the person's records here."
        in document.splitlines()
    )
    assert "| `backup-vault` | processor | DE | none | — | `violations-app:Signed In.account_email` |" in document
    assert "(special category)" in document


def test_markdown_shows_an_undeclared_recipient_and_its_gap_where_it_is_first_sent_data(tmp_path: Path) -> None:
    plan = PLAN.replace("shared_with: [crm]}", "shared_with: [braze]}")
    document = render_markdown(project_runbook(tmp_path, {"plan.yaml": plan, "recipients.yaml": REGISTRY}))
    assert "| `braze` | not in the recipients registry | — | — | — | `web:traits.email` |" in document
    assert (
        "- `braze` receives personal data (`web:traits.email`) but the recipients registry does not say how it "
        "erases or exports a person's data (`plan.yaml:8`)\n"
    ) in document


def test_markdown_of_a_campaign_store(tmp_path: Path) -> None:
    files = {"plan.yaml": PLAN, "campaign.yaml": CAMPAIGN, "recipients.yaml": REGISTRY}
    document = render_markdown(project_runbook(tmp_path, files))
    assert (
        "### `promo`\n\nA campaign, `campaign.yaml:3`.\n\nFind the person's records by `web:traits.email`" in document
    )
    assert "| User Contact Email `user.contact.email` | `promo` by `web:traits.email`; `web` by `traits.email` |" in (
        document
    )


def test_markdown_does_not_say_a_store_declares_no_subject_id_when_it_names_an_unknown_field(tmp_path: Path) -> None:
    plan = PLAN.replace("subject_id: traits.email", "subject_id: traits.emial")
    runbook = project_runbook(tmp_path, {"plan.yaml": plan, "recipients.yaml": REGISTRY})
    assert [gap.kind for gap in runbook.gaps] == ["unknown-subject-id"]
    document = render_markdown(runbook)
    assert "No subject identifier declared" not in document
    assert "**Its subject identifier names no field of it** (`traits.emial`): see the gaps." in document


def test_markdown_of_nothing_held_says_there_is_nothing_to_look_up() -> None:
    document = render_markdown(EMPTY)
    assert document.startswith("# Data-subject request runbook\n\n")  # no project name: no colon
    assert re.findall(r"^(\d)\. ", document, flags=re.MULTILINE) == ["1", "2", "3"]  # the steps still
    assert document.endswith(f".\n\n{NOTHING_HELD}\n")
    assert "## " not in document


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.hrefs.extend(str(value) for name, value in attrs if name in ("href", "src"))


ALLOWED_TAGS = {"h1", "h2", "h3", "p", "ol", "ul", "li", "em", "strong", "table", "thead", "tbody", "tr", "th", "td"}


def _assert_renders_as_text(document: str) -> None:
    rendered = MarkdownIt("commonmark").enable("table").render(document)  # raw HTML passes through: none may
    parsed = _Tags()
    parsed.feed(rendered)
    assert parsed.tags <= ALLOWED_TAGS | {"code"}
    assert parsed.hrefs == []
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    for table in _tables(document):
        assert {_cells(line) for line in table} == {_cells(table[0])}, table
    assert not any(line.lstrip().startswith(("```", "~~~")) for line in document.splitlines())  # no code block
    assert {hex(ord(char)) for char in document if ord(char) in UNSAFE and char != "\n"} == set()


def test_markdown_renders_hostile_text_as_text(hostile: Runbook) -> None:
    document = render_markdown(hostile)
    _assert_renders_as_text(document)
    assert len(_headings(document, 2)) == 4
    assert len(_headings(document, 3)) == len(hostile.stores)
    # The section of each store is still where it was: a name cannot end a table or start a section.
    gaps = document.split("## Gaps\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(gaps) == 2 and all(line.startswith("- ") for line in gaps)


def test_markdown_renders_a_hostile_project_as_text(hostile_project: Runbook) -> None:
    document = render_markdown(hostile_project)
    _assert_renders_as_text(document)
    recipients = document.split("## Recipients\n\n", 1)[1].splitlines()
    assert len(recipients) == 2 + 2  # header, alignment, crm…, u…


# -- JSON ------------------------------------------------------------------------------------------
def test_json_document_shape(storefront: Runbook) -> None:
    document = json.loads(render_json(storefront))
    assert list(document) == ["version", "generated_from", "identifiers", "stores", "recipients", "gaps"]
    assert (document["version"], document["generated_from"]) == (1, "storefront")
    assert document["identifiers"][0] == {
        "category": "user.contact.email",
        "name": "User Contact Email",
        "finds": [{"store": "storefront-web", "ref": "traits.email"}],
    }
    app = document["stores"][0]
    assert list(app) == [
        "name",
        "kind",
        "path",
        "line",
        "subject_ids",
        "fields",
        "recipients",
        "declared_subject_ids",
    ]
    assert (app["name"], app["kind"], app["path"], app["line"]) == (
        "storefront-app",
        "tracking-plan",
        "examples/storefront/app-plan.yaml",
        4,
    )
    assert app["subject_ids"] == [
        {
            "ref": "context.device_id",
            "category": "user.device.device_id",
            "category_name": "Device ID",
            "personal": True,
        }
    ]
    assert app["fields"][1] == {
        "ref": "traits.push_token",
        "path": "examples/storefront/app-plan.yaml",
        "line": 19,
        "category": "user.device.device_id",
        "category_name": "Device ID",
        "special": False,
        "retention": "30 days after consent withdrawal",
        "purposes": ["marketing.communications.push"],
        "recipients": ["firebase"],
    }
    assert app["recipients"] == ["firebase"]
    assert document["recipients"][1] == {
        "name": "mailchimp",
        "declared": True,
        "description": "Sends the newsletter and win-back emails.",
        "role": "processor",
        "cpra_role": "service_provider",
        "country": "US",
        "erasure": "api",
        "export": "api",
        "path": "examples/storefront/recipients.yaml",
        "line": 9,
        "receives": ["storefront-web:traits.email", "storefront-web:traits.first_name"],
    }
    assert document["gaps"] == []


def test_json_has_null_for_missing_values(tmp_path: Path) -> None:
    plan = (
        PLAN.replace("subject_id: traits.email", "subject_id: [traits.email, traits.nickname]")
        .replace(", retention: P6M}", "}")
        .replace("shared_with: [crm]}", "shared_with: [crm, braze, sheets]}")
        .replace("category: user.name.first}", "category: user.name.nick}")
    )
    plan = plan.replace("traits:\n", "traits:\n  nickname: {type: string, category: user.name.nick}\n")
    runbook = project_runbook(tmp_path, {"plan.yaml": plan, "recipients.yaml": REGISTRY})
    document = json.loads(render_json(runbook))
    (web,) = document["stores"]
    email = next(field for field in web["fields"] if field["ref"] == "traits.email")
    assert email["retention"] is None  # none declared
    nickname = next(key for key in web["subject_ids"] if key["ref"] == "traits.nickname")
    assert nickname == {  # an unknown category: no name, and whether it is personal nobody can tell
        "ref": "traits.nickname",
        "category": "user.name.nick",
        "category_name": None,
        "personal": True,
    }
    recipients = {step["name"]: step for step in document["recipients"]}
    assert recipients["braze"] == {
        "name": "braze",
        "declared": False,
        "description": None,
        "role": None,
        "cpra_role": None,
        "country": None,
        "erasure": None,
        "export": None,
        "path": None,
        "line": None,
        "receives": ["web:traits.email"],
    }
    assert (recipients["sheets"]["export"], recipients["sheets"]["cpra_role"]) == (None, None)
    assert recipients["sheets"]["description"] is None
    undeclared = next(gap for gap in document["gaps"] if gap["kind"] == "undeclared-recipient")
    assert (undeclared["path"], undeclared["line"]) == ("plan.yaml", 9)  # where it is first sent data
    export = next(gap for gap in document["gaps"] if gap["kind"] == "no-export")
    assert (export["path"], export["line"]) == ("recipients.yaml", 12)


def test_json_keeps_hostile_text_exactly(hostile: Runbook, hostile_project: Runbook) -> None:
    text = render_json(hostile)
    assert {hex(ord(char)) for char in text if ord(char) in UNSAFE and char != "\n"} == set()  # escaped as \u…
    document = json.loads(text)
    assert document["generated_from"] == EVIL
    assert document["stores"][0]["name"] == EVIL
    assert document["stores"][0]["fields"][0]["ref"] == f"traits.{EVIL}"
    assert document["recipients"][0]["description"] == EVIL
    project = json.loads(render_json(hostile_project))
    crm = project["recipients"][0]
    assert crm["name"] == "crm|<script>x</script>`"
    assert crm["description"] == " ".join(EVIL.split())  # a description is folded onto one line
    assert project["stores"][0]["fields"][0]["ref"] == "traits.a|`b`<script>"


# -- both ------------------------------------------------------------------------------------------
def test_the_formats_are_markdown_and_json() -> None:
    assert sorted(RENDERERS) == ["json", "markdown"]
    assert get_renderer("markdown") is render_markdown
    assert get_renderer("json") is render_json


@pytest.mark.parametrize("output_format", sorted(RENDERERS))
@pytest.mark.parametrize("which", ["storefront", "violations", "hostile", "empty"])
def test_every_format_ends_with_one_newline(output_format: str, which: str, request: pytest.FixtureRequest) -> None:
    runbook = EMPTY if which == "empty" else request.getfixturevalue(which)
    document = get_renderer(output_format)(runbook)
    assert document.endswith("\n")
    assert not document.endswith("\n\n")
    assert "\r" not in document
