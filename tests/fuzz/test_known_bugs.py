"""Bugs the fuzzers (hypothesis and atheris) found, fixed, and kept fixed by these tests.

Each starts from the minimal input that showed the bug (``@example``) and then generalises it.
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from minlint.loader.tree import parse_yaml
from tests.fuzz.strategies import GeneratedFile
from tests.fuzz.support import check, fuzz_settings

PROFILE = fuzz_settings(max_examples=20)


@PROFILE
@given(code=st.integers(0x110000, 0xFFFFFFFF))
@example(code=0x110000)
def test_the_pure_parser_reports_an_out_of_range_unicode_escape_as_a_syntax_error(code: int) -> None:
    # Found by hypothesis (a bit flipped in a `\U000D67F0` escape that yaml.safe_dump wrote). libyaml
    # reports "found invalid Unicode character escape code"; PyYAML's pure scanner calls chr() on
    # the code and the ValueError escapes parse_yaml (which catches only YAMLError and
    # UnicodeEncodeError), so check_sources raises and `minlint check` exits 2 with "internal
    # error" wherever PyYAML runs without libyaml.
    text = f'minlint: 1\nkind: tracking-plan\nname: "\\U{code:08X}"\n'
    libyaml = parse_yaml(text, pure=False)
    assert [problem.code for problem in libyaml.problems] == ["ML901"]
    pure = parse_yaml(text, pure=True)  # raises ValueError: chr() arg not in range(0x110000)
    assert pure.fatal
    assert [(problem.code, problem.line) for problem in pure.problems] == [("ML901", 3)]
    report = check([GeneratedFile("plan.yaml", text.encode())], pure=True)
    assert [(finding.rule, finding.line) for finding in report.findings] == [("ML901", 3)]


@PROFILE
@given(breaks=st.text(alphabet="\x0b\x0c\x1c\x1d\x1e", min_size=1, max_size=5))
@example(breaks="\x1c\x1c\x1c")
def test_suppression_findings_are_on_the_line_of_their_comment_whatever_the_control_characters(breaks: str) -> None:
    # Found by atheris (fuzz/crashes/crash-ebdfcfde…: ML905 on line 63 of a 27-line file). The
    # characters are not allowed in YAML (ML901), but the file is still scanned for suppressions,
    # and suppressions.scan() numbers lines with str.splitlines() while YAML and every other
    # finding break lines only at CR, LF, CR LF (and NEL, LS, PS). Here the unused suppression on
    # line 3 is reported on line 3 + len(breaks), past the end of a 3-line file for 2 or more.
    text = f"minlint: 1\nkind: tracking-plan{breaks}\nname: x  # minlint: ignore ML003 -- r\n"
    report = check([GeneratedFile("plan.yaml", text.encode())])
    places = {(finding.rule, finding.line, finding.column) for finding in report.findings}
    assert ("ML901", 2, 20) in places
    assert ("ML905", 3, 10) in places, places


@PROFILE
@given(line_break=st.sampled_from(["\x85", "\u2028", "\u2029"]), pure=st.booleans())
@example(line_break="\x85", pure=False)
def test_a_disallowed_character_is_located_like_a_duplicate_key_at_the_same_place(line_break: str, pure: bool) -> None:
    # Found while fuzzing the positions of findings. YAML 1.1 counts NEL, LS and PS as line breaks,
    # editors count CR and LF only; whichever minlint reports, it must report it the same way for
    # every finding. Here the DEL of one file and the duplicate `name` key of the other sit at the
    # same offset (line 2, column 1 for an editor; line 4 for YAML). At commit 84f742f the ML903 is at
    # 4:1 (the parsers' marks) but the ML901 at 2:1 (tree._offset_to_position splits at CR and LF
    # only, as does decode._position); with the loader changes under way in the work tree (editor
    # positions) the ML903 moved to 2:1 and the ML901 to 1:12 (the CR/LF position remapped again).
    head = f"minlint: 1{line_break}kind: tracking-plan{line_break}name: x\n"
    disallowed = check([GeneratedFile("plan.yaml", f"{head}\x7f: 1\n".encode())], pure=pure)
    duplicate = check([GeneratedFile("plan.yaml", f"{head}name: 1\n".encode())], pure=pure)
    [syntax] = [(finding.line, finding.column) for finding in disallowed.findings if finding.rule == "ML901"]
    [again] = [(finding.line, finding.column) for finding in duplicate.findings if finding.rule == "ML903"]
    assert syntax == again


NUMBER_HINT = re.compile(r"write `(?P<english>[^`]*)` \(`(?P<iso>[^`]*)`\)")


@PROFILE
@given(days=st.one_of(st.integers(1, 10**12), st.just(float("inf"))))
@example(days=7_776_000)
def test_the_fix_an_invalid_retention_message_suggests_is_a_valid_retention(days: float) -> None:
    # Found by generating out-of-vocabulary retentions: `retention: 7776000` is reported as
    # "retention `7.776e+06` has no unit; write `7.776e+06 days` (`P7.776e+06D`)" — the value is
    # misquoted (precision lost from 1234567 on) and both suggestions are themselves ML006; `.inf`
    # gets `inf days` (`PinfD`). model/retention.py formats the number with `:g`.
    shown = ".inf" if days == float("inf") else str(days)
    base = "minlint: 1\nkind: tracking-plan\nname: p\ntraits:\n  a: {purpose: x, basis: consent, category: none, "
    report = check([GeneratedFile("plan.yaml", f"{base}retention: {shown}}}\n".encode())])
    [finding] = [finding for finding in report.findings if finding.rule == "ML006"]
    hint = NUMBER_HINT.search(finding.message)
    if isinstance(days, int):
        assert f"`{days}`" in finding.message, finding.message  # the value as written
        assert hint is not None, finding.message
    for suggestion in (hint["english"], hint["iso"]) if hint else ():
        fixed = check([GeneratedFile("plan.yaml", f"{base}retention: {suggestion}}}\n".encode())])
        assert not [item for item in fixed.findings if item.rule == "ML006"], (suggestion, fixed.findings)
