"""Tests for ``minlint.loader.decode``: BOMs, binary detection and located UTF-8 failures."""

from __future__ import annotations

import codecs
import random

import pytest

from minlint.loader.decode import DecodeFailure, decode, looks_binary

TEXT = "minlint: 1\nkind: campaign\nname: Café ☕ 😀\n"


def failure(result: str | DecodeFailure) -> DecodeFailure:
    assert isinstance(result, DecodeFailure), f"expected a DecodeFailure, got {result!r}"
    return result


# -- valid text ---------------------------------------------------------------------------------


def test_plain_utf8_is_decoded_unchanged() -> None:
    assert decode(TEXT.encode("utf-8")) == TEXT


def test_empty_bytes_decode_to_empty_text() -> None:
    assert decode(b"") == ""


def test_utf8_bom_is_removed() -> None:
    assert decode(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == TEXT


def test_only_a_utf8_bom_decodes_to_empty_text() -> None:
    assert decode(codecs.BOM_UTF8) == ""


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
    ids=["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_utf16_and_utf32_with_bom_are_decoded_and_the_bom_removed(bom: bytes, encoding: str) -> None:
    data = bom + TEXT.encode(encoding)
    assert b"\x00" in data  # would look binary without the BOM check
    assert decode(data) == TEXT


def test_utf32_le_bom_is_not_mistaken_for_a_utf16_le_bom() -> None:
    # FF FE 00 00 starts with the UTF-16-LE BOM FF FE; UTF-32-LE must win.
    assert decode(codecs.BOM_UTF32_LE + "a: é".encode("utf-32-le")) == "a: é"


def test_latin1_text_is_not_binary_but_fails_as_utf8() -> None:
    data = "name: Café\n".encode("latin-1")
    assert not looks_binary(data)
    result = failure(decode(data))
    assert result.binary is False


def test_text_with_tabs_cr_formfeed_backspace_escape_is_not_binary() -> None:
    data = b"a:\t1\r\n\x0c\x08\x1b[0m b: 2\n"
    assert not looks_binary(data)
    assert decode(data) == data.decode("ascii")


# -- binary -------------------------------------------------------------------------------------


def test_a_file_of_nul_bytes_is_binary_at_line_1_column_1() -> None:
    result = failure(decode(b"\x00" * 4096))
    assert (result.line, result.column, result.binary) == (1, 1, True)
    assert "binary" in result.message


def test_a_single_nul_byte_in_text_makes_it_binary() -> None:
    assert looks_binary(b"minlint: 1\nkind: campaign\x00\n")
    assert failure(decode(b"minlint: 1\nkind: campaign\x00\n")).binary


def test_nul_bytes_after_the_first_8192_bytes_are_not_checked() -> None:
    # git's heuristic: only the head is inspected. Such a file decodes (the YAML reader refuses the NUL later).
    data = b"a: 1\n" * 2000 + b"\x00"
    assert len(data) > 8192
    assert not looks_binary(data)
    assert isinstance(decode(data), str)


def test_more_than_ten_percent_control_bytes_is_binary() -> None:
    assert looks_binary(b"\x01" * 11 + b"a" * 89)


def test_ten_percent_control_bytes_or_fewer_is_not_binary() -> None:
    assert not looks_binary(b"\x01" * 10 + b"a" * 90)


def test_empty_data_does_not_look_binary() -> None:
    assert not looks_binary(b"")


def test_seeded_random_bytes_are_reported_as_binary() -> None:
    data = random.Random(20260101).randbytes(4096)
    assert b"\x00" in data
    result = failure(decode(data))
    assert (result.line, result.column, result.binary) == (1, 1, True)


@pytest.mark.parametrize("seed", range(20))
def test_seeded_random_bytes_never_raise_and_failures_are_located(seed: int) -> None:
    rng = random.Random(seed)
    data = rng.randbytes(rng.randrange(0, 600))
    result = decode(data)
    if isinstance(result, DecodeFailure):
        assert result.line >= 1
        assert result.column >= 1
        assert result.message


# -- invalid UTF-8, located ---------------------------------------------------------------------


def test_invalid_utf8_is_reported_at_its_line_and_column() -> None:
    result = failure(decode(b"minlint: 1\nkind: campaign\nname: x\xff\n"))
    assert (result.line, result.column, result.binary) == (3, 8, False)
    assert "0xff" in result.message
    assert "UTF-8" in result.message


def test_invalid_utf8_column_counts_characters_not_bytes() -> None:
    # "name: Café ☕ 😀 " is 15 characters but 21 bytes.
    data = "a: 1\nname: Café ☕ 😀 ".encode() + b"\xfe\n"
    result = failure(decode(data))
    assert (result.line, result.column) == (2, 16)


def test_invalid_utf8_at_the_first_byte_is_line_1_column_1() -> None:
    result = failure(decode(b"\xc0 a: 1\n"))
    assert (result.line, result.column) == (1, 1)


def test_invalid_utf8_position_with_windows_line_endings() -> None:
    result = failure(decode(b"a: 1\r\nb: 2\r\nc: \xe9t\xe9\r\n"))
    assert (result.line, result.column) == (3, 4)


def test_truncated_multibyte_sequence_at_end_of_file_is_located() -> None:
    result = failure(decode(b"ab\ncd\xe2\x82"))
    assert (result.line, result.column) == (2, 3)


def test_latin1_character_is_reported_where_it_is() -> None:
    result = failure(decode("minlint: 1\nname: Café\n".encode("latin-1")))
    assert (result.line, result.column) == (2, 10)
    assert "0xe9" in result.message


def test_utf16_bom_with_an_odd_number_of_bytes_fails_as_text_not_binary() -> None:
    result = failure(decode(codecs.BOM_UTF16_LE + "a: 1".encode("utf-16-le") + b"\x00"))
    assert (result.line, result.column, result.binary) == (1, 5, False)
    assert "UTF-16-LE" in result.message


def test_invalid_utf8_after_a_utf8_bom_is_reported_at_its_line_and_column() -> None:
    result = failure(decode(codecs.BOM_UTF8 + b"minlint: 1\nkind: campaign\nname: x\xff\n"))
    assert (result.line, result.column) == (3, 8)
