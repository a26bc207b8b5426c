"""The HTML notice in a real browser: headless Chromium renders it, and we read the DOM, a screenshot, a PDF.

No driver library, as for the inventory: Chromium's own ``--dump-dom``, ``--screenshot`` and
``--print-to-pdf``. The page has no script, so the checks are that it renders (headings and rights in
the DOM, a screenshot with real content), that its Content Security Policy lets its own stylesheet
apply and reports nothing, and that printing hides the "before publishing" note: the PDF of a draft
is the PDF of the same page without the note. Skipped when no Chromium is installed, unless
``MINLINT_REQUIRE_BROWSER=1`` (CI) makes that a failure.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

import pytest

from minlint.notice.html import STYLE, render_html
from minlint.notice.model import Notice
from minlint.notice.words import CPRA_TITLE, GDPR_TITLE, TITLE
from tests.inventory.test_html import Tree
from tests.inventory.test_html_in_browser import CHROMIUM, chromium, png_facts
from tests.notice import STOREFRONT, VIOLATIONS, notice_of

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (CI installs the Debian package chromium)"
)

WIDTH, HEIGHT = 1200, 1600
PRINT_RULE = "@media print { .todo { display: none; }"
CSP_MESSAGE = "Content Security Policy"
BEFORE_PUBLISHING_NOTE = re.compile(r'<aside class="todo".*?</aside>\n', re.DOTALL)
PDF_DATES = re.compile(rb"/(?:CreationDate|ModDate) \(D:[^)]*\)")


@pytest.fixture(scope="module")
def storefront() -> Notice:
    return notice_of(STOREFRONT)


@pytest.fixture(scope="module")
def violations() -> Notice:
    return notice_of(VIOLATIONS)


def page(tmp_path: Path, name: str, document: str) -> Path:
    path = tmp_path / name
    path.write_text(document, encoding="utf-8")
    return path


def with_style(document: str, style: str) -> str:
    """``document`` with its stylesheet replaced by ``style``, the policy allowing the new one."""

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")

    assert STYLE in document and digest(STYLE) in document
    return document.replace(STYLE, style).replace(digest(STYLE), digest(style))


def logged(tmp_path: Path, path: Path) -> tuple[Tree, str]:
    """The page's DOM and what Chromium logged while loading it (console messages included)."""
    result = chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", path.as_uri())
    assert "</html>" in result.stdout
    return Tree(result.stdout), result.stderr


def pdf(tmp_path: Path, path: Path) -> bytes:
    """The page printed to PDF, its dates left out (the only bytes that change from one run to the next)."""
    target = path.with_suffix(".pdf")
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={target}", path.as_uri())
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    return PDF_DATES.sub(b"", data)


def test_chromium_is_there_when_required() -> None:
    if os.environ.get("MINLINT_REQUIRE_BROWSER") and CHROMIUM is None:
        pytest.fail("MINLINT_REQUIRE_BROWSER is set but no chromium, chromium-browser or google-chrome is on PATH")


@needs_chromium
def test_the_page_renders_every_purpose_and_the_rights(storefront: Notice, tmp_path: Path) -> None:
    tree, log = logged(tmp_path, page(tmp_path, "notice.html", render_html(storefront)))
    assert [element.all_text() for element in tree.by_tag("h1")] == [TITLE]
    assert [element.all_text() for element in tree.by_tag("h2")] == [
        *[item.title for item in storefront.purposes],
        "Your rights",
    ]
    assert [element.all_text() for element in tree.by_tag("h3")] == [GDPR_TITLE, CPRA_TITLE]
    rights = tree.by_id("rights").find(lambda element: element.tag == "li")
    assert [item.all_text() for item in rights] == [
        f"{right.title}. {right.text} ({right.law})" for group in storefront.rights for right in group.rights
    ]
    assert not tree.by_tag("script")
    assert CSP_MESSAGE not in log


@needs_chromium
def test_screenshot_shows_a_rendered_page(storefront: Notice, tmp_path: Path) -> None:
    shot = tmp_path / "notice.png"
    path = page(tmp_path, "notice.html", render_html(storefront))
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}", path.as_uri())
    width, height, distinct = png_facts(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    blank = page(tmp_path, "blank.html", "<!DOCTYPE html><title>blank</title>")
    empty = tmp_path / "blank.png"
    chromium(tmp_path, f"--screenshot={empty}", f"--window-size={WIDTH},{HEIGHT}", blank.as_uri())
    assert png_facts(empty.read_bytes())[2] < 5  # a blank page repeats one scanline
    assert distinct > 300, "the screenshot is (nearly) blank"
    assert shot.stat().st_size > 10 * empty.stat().st_size


@needs_chromium
def test_the_todo_note_shows_on_screen_and_the_page_loads_with_no_csp_violation(
    violations: Notice, tmp_path: Path
) -> None:
    document = render_html(violations)
    tree, log = logged(tmp_path, page(tmp_path, "draft.html", document))
    (aside,) = tree.by_tag("aside")
    assert "todo" in aside.classes()
    assert len(aside.find(lambda element: element.tag == "li")) == len(violations.todo)
    (style,) = tree.by_tag("style")
    assert PRINT_RULE in style.all_text()
    assert CSP_MESSAGE not in log, log[-2000:]
    # The check can fail: the same page with a stylesheet its policy does not allow is reported.
    broken = document.replace(STYLE, STYLE + "/* changed */")
    _, log = logged(tmp_path, page(tmp_path, "broken.html", broken))
    assert CSP_MESSAGE in log


@needs_chromium
def test_printing_hides_the_todo_note(violations: Notice, tmp_path: Path) -> None:
    draft = render_html(violations)
    clean = BEFORE_PUBLISHING_NOTE.sub("", draft)
    assert clean != draft and "Before publishing" not in clean
    printed = pdf(tmp_path, page(tmp_path, "draft.html", draft))
    assert printed == pdf(tmp_path, page(tmp_path, "clean.html", clean))  # the note leaves no trace on paper
    # The comparison can fail: without the print rule the note is printed and the PDFs differ.
    unhidden = STYLE.replace(PRINT_RULE, "@media print {")
    assert unhidden != STYLE
    shown = pdf(tmp_path, page(tmp_path, "shown.html", with_style(draft, unhidden)))
    assert shown != pdf(tmp_path, page(tmp_path, "shown-clean.html", with_style(clean, unhidden)))
