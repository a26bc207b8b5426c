"""The Markdown, CSV and JSON inventories: structure, parsing back, escaping."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from minlint.inventory.csv import HEADERS, render_csv, safe
from minlint.inventory.json import render_json
from minlint.inventory.markdown import code, render_markdown, text
from minlint.inventory.model import Inventory
from tests.inventory.conftest import EVIL, row


# -- Markdown --------------------------------------------------------------------------------------
def _mermaid_blocks(document: str) -> list[str]:
    return re.findall(r"^```mermaid\n(.*?)^```$", document, flags=re.MULTILINE | re.DOTALL)


def _cells(line: str) -> int:
    """The number of cells of a Markdown table row (escaped pipes do not separate cells)."""
    return len(re.split(r"(?<!\\)\|", line.strip())) - 2


def test_markdown_has_summary_art30_view_flow_and_fields(storefront: Inventory) -> None:
    document = render_markdown(storefront)
    headings = re.findall(r"^## (.+)$", document, flags=re.MULTILINE)
    assert headings == ["Summary", "Purposes (GDPR Art. 30)", "Data flow", "Fields", "Campaigns"]
    assert document.startswith("# Record of processing: storefront\n")
    assert "| Personal data fields | 11 |" in document
    assert (
        "| `marketing.communications.email` | Promotional email to customers who opted in. | "
        "User Contact Email, First Name | consent |"
    ) in document
    assert "| `traits.email`<br>storefront\\-web | `examples/storefront/web-plan.yaml:24` |" not in document
    field_lines = [line for line in document.splitlines() if line.startswith("| `") and ".yaml:" in line]
    assert len(field_lines) == len(storefront.rows) + len(storefront.campaigns)
    (block,) = _mermaid_blocks(document)
    assert block.startswith("flowchart LR\n")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.hrefs: list[str] = []
        self.cells: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.hrefs.extend(str(value) for name, value in attrs if name in ("href", "src"))
        if tag == "tr":
            self.cells.append(0)
        if tag in ("td", "th"):
            self.cells[-1] += 1


def test_markdown_renders_hostile_text_as_text(hostile: Inventory) -> None:
    document = render_markdown(hostile)
    rendered = MarkdownIt("commonmark").enable("table").render(document)  # raw HTML passes through: none may
    parsed = _Tags()
    parsed.feed(rendered)
    assert parsed.tags <= {
        "h1",
        "h2",
        "p",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "code",
        "br",
        "pre",
        "ul",
        "li",
    }
    assert parsed.hrefs == []
    assert "<script" not in rendered and "<img" not in rendered
    for table in re.findall(r"((?:^\|.*\|\n)+)", document, flags=re.MULTILINE):
        lines = table.splitlines()
        assert {_cells(line) for line in lines} == {_cells(lines[0])}, table
    assert len(_mermaid_blocks(document)) == 1
    assert len(re.findall(r"^```", document, flags=re.MULTILINE)) == 2


def test_markdown_escaping_helpers() -> None:
    assert text("a|b <i>*c*</i> [x](y) & _d_") == "a\\|b \\<i\\>\\*c\\*\\</i\\> \\[x\\](y) &amp; \\_d\\_"
    assert code("traits.email") == "`traits.email`"
    assert code("a|b") == "`a\\|b`"
    assert code("x `y` z") == "`` x `y` z ``"


def test_markdown_findings_sit_in_their_field_row(violations: Inventory) -> None:
    document = render_markdown(violations)
    line = next(line for line in document.splitlines() if line.startswith("| `Signed Up.plan`"))
    assert line.endswith("| ✖ error `ML001` field `Signed Up.plan` declares no purpose |")
    assert "## Findings about no single field" in document
    assert "- `examples/violations/broken.yaml:7` ✖ error `ML901`" in document


# -- CSV -------------------------------------------------------------------------------------------
def test_csv_parses_back_to_one_record_per_field(storefront: Inventory) -> None:
    reader = csv.DictReader(io.StringIO(render_csv(storefront)))
    assert tuple(reader.fieldnames or ()) == HEADERS
    records = list(reader)
    assert [(item["file"], int(item["line"]), item["ref"]) for item in records] == [
        (item.file, item.line, item.ref) for item in storefront.rows
    ]
    email = next(item for item in records if item["ref"] == "traits.email" and item["plan"] == "storefront-web")
    assert email["purposes"] == "essential.service; marketing.communications.email"
    assert email["purpose_descriptions"].endswith("; Promotional email to customers who opted in.")
    assert email["basis"] == "essential.service: contract; marketing.communications.email: consent"
    assert (email["personal"], email["special"], email["retention_days"]) == ("yes", "no", "30")
    assert (email["recipients"], email["campaigns"], email["findings"]) == ("mailchimp", "spring-winback", "")
    assert next(item for item in records if item["ref"] == "context.device_id")["retention_days"] == "395.68"


def test_csv_lists_findings_and_defuses_formulas(violations: Inventory, hostile: Inventory) -> None:
    records = list(csv.DictReader(io.StringIO(render_csv(violations))))
    phone = next(item for item in records if item["ref"] == "traits.phone")
    assert phone["findings"].startswith("ML002 missing-basis (error): `traits.phone` has no lawful basis")
    assert phone["personal"] == "yes"
    assert next(item for item in records if item["ref"] == "Signed Up.plan")["personal"] == "unknown"
    evil = next(iter(csv.DictReader(io.StringIO(render_csv(hostile)))))
    assert evil["retention"] == "'=" + EVIL.replace("\n", "\\n")  # a line break shows, as `\n`
    assert evil["description"] == " ".join(EVIL.split())  # prose is folded onto one line, else kept as it is
    assert [safe(value) for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "ok")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "\\tx",  # the tab shows as `\t`: the cell no longer starts with anything a spreadsheet runs
        "ok",
    ]


# -- JSON ------------------------------------------------------------------------------------------
def test_json_document_shape(storefront: Inventory) -> None:
    document = json.loads(render_json(storefront))
    assert list(document) == [
        "version",
        "generated_from",
        "summary",
        "purposes",
        "fields",
        "campaigns",
        "other_findings",
    ]
    assert document["version"] == 1
    summary = document["summary"]
    assert (summary["fields"], summary["personal"], summary["special"], summary["findings"]) == (24, 11, 0, 0)
    assert summary["findings_by_rule"] == []
    assert len(document["fields"]) == 24
    for field in document["fields"]:
        assert isinstance(field["path"], str) and isinstance(field["line"], int) and isinstance(field["ref"], str)
        assert field["personal"] in (True, False, None)
        assert isinstance(field["special"], bool)
        assert all(set(purpose) == {"id", "description"} for purpose in field["purposes"])
        assert isinstance(field["bases"], dict)
        assert field["retention_days"] is None or isinstance(field["retention_days"], float)
        for key in ("shared_with", "recipients", "campaigns", "findings"):
            assert isinstance(field[key], list)
    email = next(
        item for item in document["fields"] if item["ref"] == "traits.email" and item["plan"] == "storefront-web"
    )
    assert email["bases"] == {"essential.service": "contract", "marketing.communications.email": "consent"}
    purposes = {item["id"]: item for item in document["purposes"]}
    assert (
        purposes["analytics.reporting"]["description"] == "Aggregate reporting on sales, funnels and site performance."
    )
    assert purposes["analytics.reporting"]["max_retention"] == "25 months"
    assert [item["name"] for item in document["campaigns"]] == ["cart-reminder", "spring-winback"]


def test_json_findings_beside_fields_and_apart(violations: Inventory) -> None:
    document = json.loads(render_json(violations))
    blood = next(item for item in document["fields"] if item["ref"] == "traits.blood_type")
    assert [finding["rule"] for finding in blood["findings"]] == ["ML102", "ML303"]
    assert (blood["special"], blood["regime"]) == (True, "art9")
    assert [item["rule"] for item in document["other_findings"]] == [
        "ML901",
        "ML302",
        "ML308",
        "ML201",
        "ML310",
        "ML903",
        "ML305",
        "ML306",
        "ML301",
        "ML908",
    ]
    by_rule = {item["rule"]: item["count"] for item in document["summary"]["findings_by_rule"]}
    assert by_rule["ML205"] == 2
    assert row(violations, "violations-app:traits.blood_type").findings[0].rule == "ML102"
