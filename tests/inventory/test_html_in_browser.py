"""The HTML inventory in a real browser: headless Chromium renders it, runs its script, and we read the result.

No driver library: Chromium's own ``--screenshot`` and ``--dump-dom`` (the DOM after scripts ran) are
enough, and the page is driven through its URL fragment (``#filter=…``, ``#sort=…``). Skipped when
no Chromium is installed; CI installs the Debian package ``chromium`` and sets
``MINLINT_REQUIRE_BROWSER=1``, which turns a missing browser into a failure rather than a skip.

``MINLINT_UPDATE_GOLDEN=1`` also refreshes the screenshot in the documentation (docs/images/inventory.png).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from minlint.inventory.flow import build_flow
from minlint.inventory.html import render_html
from minlint.inventory.model import Inventory
from tests.conftest import REPO
from tests.inventory.test_html import Element, Tree, field_rows

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (CI installs the Debian package chromium)"
)

WIDTH, HEIGHT = 1400, 1800
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
DOCS_SCREENSHOT = REPO / "docs" / "images" / "inventory.png"


@pytest.fixture(scope="module")
def report(storefront: Inventory, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The storefront inventory as an HTML file."""
    path = tmp_path_factory.mktemp("report") / "inventory.html"
    path.write_text(render_html(storefront), encoding="utf-8")
    return path


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a fresh profile; returns the finished process."""
    assert CHROMIUM is not None
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def dom(tmp_path: Path, report: Path, fragment: str = "", *flags: str) -> Tree:
    """The page's DOM after its script ran, as Chromium dumps it."""
    result = chromium(tmp_path, *flags, "--dump-dom", report.as_uri() + fragment)
    assert "</html>" in result.stdout
    return Tree(result.stdout)


def png_facts(data: bytes) -> tuple[int, int, int]:
    """Width, height and the number of distinct scanlines of a PNG (checked chunk by chunk)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, header, compressed = 8, b"", b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            compressed += body
        offset += 12 + length
        if kind == b"IEND":
            break
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    stride = 1 + width * channels
    raw = zlib.decompress(compressed)
    assert len(raw) == stride * height
    return width, height, len({raw[row * stride : (row + 1) * stride] for row in range(height)})


def visible(rows: list[Element]) -> list[Element]:
    """The rows the browser shows (the filter hides the others with the ``hidden`` attribute)."""
    return [row for row in rows if "hidden" not in row.attrs]


def test_chromium_is_there_when_required() -> None:
    if os.environ.get("MINLINT_REQUIRE_BROWSER") and CHROMIUM is None:
        pytest.fail("MINLINT_REQUIRE_BROWSER is set but no chromium, chromium-browser or google-chrome is on PATH")


@needs_chromium
def test_screenshot_shows_a_rendered_page(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}", report.as_uri())
    width, height, distinct = png_facts(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    empty = tmp_path / "blank.png"
    chromium(tmp_path, f"--screenshot={empty}", f"--window-size={WIDTH},{HEIGHT}", blank.as_uri())
    assert png_facts(empty.read_bytes())[2] < 5  # a blank page repeats one scanline
    assert distinct > 300, "the screenshot is (nearly) blank"
    assert shot.stat().st_size > 10 * empty.stat().st_size
    if os.environ.get("MINLINT_UPDATE_GOLDEN"):
        DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_SCREENSHOT)


@needs_chromium
def test_table_and_picture_render_and_the_script_runs(report: Path, storefront: Inventory, tmp_path: Path) -> None:
    tree = dom(tmp_path, report)
    rows = field_rows(tree)
    assert len(visible(rows)) == len(rows) == 24
    assert "hidden" not in tree.by_id("filter-controls").attrs  # the script showed the filter box
    assert tree.by_id("filter-status").all_text() == "24 of 24 fields shown"
    buttons = tree.by_id("field-table").find(lambda element: element.tag == "button" and "sort" in element.classes())
    assert len(buttons) == 9  # the script made every header a sort button (the CSP let it run)
    (svg,) = tree.by_tag("svg")
    nodes = svg.find(lambda element: element.tag == "g" and "node" in element.classes())
    assert len(nodes) == len(build_flow(storefront).nodes)
    assert {"User Contact Address", "analytics.reporting", "spring-winback", "mailchimp"} <= {
        node.find(lambda element: element.tag == "text")[0].all_text() for node in nodes
    }


@needs_chromium
def test_filter_from_the_fragment_hides_other_rows(report: Path, tmp_path: Path) -> None:
    tree = dom(tmp_path, report, "#filter=email")
    rows = field_rows(tree)
    shown = visible(rows)
    keys = [row.attrs["data-key"] for row in shown]
    assert "storefront-web:traits.email" in keys
    assert "storefront-web:Product Viewed.price" not in keys
    assert 0 < len(shown) < len(rows)
    assert all("email" in row.all_text().lower() for row in shown)
    assert tree.by_id("filter").attrs.get("value", "") in ("", "email")  # the DOM may not reflect .value
    assert tree.by_id("filter-status").all_text() == f"{len(shown)} of 24 fields shown"


@needs_chromium
def test_every_word_of_the_filter_must_match(report: Path, tmp_path: Path) -> None:
    shown = visible(field_rows(dom(tmp_path, report, "#filter=consent%20firebase")))
    assert [row.attrs["data-key"] for row in shown] == [
        "storefront-app:traits.push_token",
        "storefront-app:Cart Updated.item_count",
        "cart-reminder:collects.reminder_opened",
    ]


@needs_chromium
def test_sort_from_the_fragment(report: Path, tmp_path: Path) -> None:
    tree = dom(tmp_path, report, "#filter=storefront-web&sort=-retention")
    shown = visible(field_rows(tree))
    assert shown[0].attrs["data-key"] == "storefront-web:Order Completed.order_id"  # 10 years for the tax records
    assert shown[-1].attrs["data-key"] == "storefront-web:traits.first_name"  # 30 days after closure, last in file
    headers = {
        header.attrs["data-column"]: header.attrs["aria-sort"]
        for header in tree.by_tag("th")
        if "data-column" in header.attrs
    }
    assert headers["retention"] == "descending"
    assert headers["defined-at"] == "none"
