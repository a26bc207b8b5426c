"""Control characters in spec text and file names never reach an inventory raw, in any format."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from minlint.inventory import get_renderer
from minlint.inventory.model import FindingRef, Inventory, PurposeRef
from minlint.safetext import UNSAFE

# ESC (a colour and a screen clear), BEL, CR, LF, a forged workflow command, an encoded line break and a C1 CSI.
CONTROL = "x\x1b[31mR\x1b[2J\x07B\rC\nD::error::E%0AF\x9b"
SHOWN = "x\\x1b[31mR\\x1b[2J\\x07B\\rC\\nD::error::E%0AF\\x9b"  # the same, as every format shows it


@pytest.fixture(scope="module")
def controlled(storefront: Inventory) -> Inventory:
    """The storefront inventory with control characters in a file name, a field name and every spec text."""
    first = replace(
        storefront.rows[0],
        file=f"plans/{CONTROL}.yaml",
        ref=f"traits.{CONTROL}",
        plan=CONTROL,
        description=CONTROL,
        category_name=CONTROL,
        purposes=(PurposeRef(CONTROL, CONTROL),),
        retention=CONTROL,
        recipients=(CONTROL,),
        campaigns=(CONTROL,),
        findings=(FindingRef("ML001", CONTROL, "error", f"field `traits.{CONTROL}` declares no purpose", CONTROL, 3),),
    )
    purpose = replace(storefront.purposes[0], id=CONTROL, name=CONTROL, description=CONTROL)
    return replace(
        storefront,
        generated_from=CONTROL,
        rows=(first, *storefront.rows[1:]),
        purposes=(purpose, *storefront.purposes[1:]),
        other_findings=(FindingRef("ML901", CONTROL, "warning", CONTROL, f"plans/{CONTROL}.yaml", 1),),
    )


def raw_controls(text: str) -> set[str]:
    """The control characters of ``text`` other than the line feeds that end its own lines."""
    return {hex(ord(char)) for char in text if ord(char) in UNSAFE and char != "\n"}


@pytest.mark.parametrize("output_format", ["markdown", "csv", "html", "json"])
def test_no_control_character_reaches_the_inventory_raw(controlled: Inventory, output_format: str) -> None:
    document = get_renderer(output_format)(controlled)
    assert raw_controls(document) == set()
    assert not any(line.lstrip().startswith("::") for line in document.splitlines())


def test_markdown_shows_file_and_field_names_with_visible_escapes(controlled: Inventory) -> None:
    document = get_renderer("markdown")(controlled)
    assert f"`traits.{SHOWN}`" in document
    assert f"`plans/{SHOWN}.yaml:" in document
    # Prose is folded onto one line: its line break is a space, the other controls are escapes.
    assert "\\\\x1b\\[31mR" in document  # Markdown-escaped, so that it renders as `\x1b[31mR`


def test_csv_shows_file_and_field_names_with_visible_escapes(controlled: Inventory) -> None:
    record = next(iter(csv.DictReader(io.StringIO(get_renderer("csv")(controlled)))))
    assert record["file"] == f"plans/{SHOWN}.yaml"
    assert record["ref"] == f"traits.{SHOWN}"
    assert record["description"] == "x\\x1b[31mR\\x1b[2J\\x07B C D::error::E%0AF\\x9b"  # folded prose


def test_html_shows_file_and_field_names_with_visible_escapes(controlled: Inventory) -> None:
    document = get_renderer("html")(controlled)
    assert "x\\x1b[31mR\\x1b[2J\\x07B\\rC\\nD:<wbr>:<wbr>error:<wbr>:<wbr>E%0AF\\x9b" in document


def test_json_keeps_the_exact_text_escaped_as_json(controlled: Inventory) -> None:
    document = get_renderer("json")(controlled)
    first = json.loads(document)["fields"][0]
    assert (first["path"], first["ref"]) == (f"plans/{CONTROL}.yaml", f"traits.{CONTROL}")
    assert "\\u009b" in document  # the C1 CSI too, which the standard library would write raw
