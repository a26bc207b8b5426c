"""Coverage-guided fuzzing of minlint's loader with atheris (libFuzzer for Python).

Each input is a file's bytes. It goes through ``load_document`` (decode, parse, identify) with
libyaml or with PyYAML's pure-Python parser — chosen by the low bit of the input's last byte, or
fixed with ``--parser=libyaml`` / ``--parser=pure`` — and its text through ``parse_yaml`` directly.
The harness asserts what the test suite asserts of the loader: nothing raises, every problem has a
known code, a line inside the file and a column >= 1, a spec has a kind or a problem, and parsing
the same text twice gives the same result. With ``--check`` it also runs the whole check
(schema, model, every built-in rule) on the file as a one-file project.

Run it (see fuzz/README.md)::

    pip install atheris
    python fuzz/fuzz_loader.py -max_total_time=300 -artifact_prefix=fuzz/crashes/ fuzz/corpus

atheris is a development tool only: neither the package nor the test suite imports this file.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]

with atheris.instrument_imports(include=["minlint", "yaml"]):
    from minlint.engine.packs import builtin_rules
    from minlint.engine.rule import RuleDef
    from minlint.loader.decode import decode
    from minlint.loader.load import LoadedFile, load_document
    from minlint.run import Settings, check_sources
    from minlint.run.discover import SourceFile
    from minlint.vocabulary import DUPLICATE, SHAPE, SYNTAX
from minlint.loader.nodes import ParsedYaml, YMap, YSeq
from minlint.loader.tree import parse_yaml

LOADER_CODES = frozenset({SYNTAX, SHAPE, DUPLICATE})
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
TODAY = date(2026, 6, 1)


@dataclass(slots=True)
class Options:
    """The harness's own command-line options (libFuzzer gets the rest)."""

    parser: str = "alternate"  # or "libyaml" / "pure", from --parser=
    whole_check: bool = False  # --check: also run check_sources on the file
    rules: tuple[RuleDef, ...] = ()


OPTIONS = Options()


def line_limit(text: str) -> int:
    """The last line a position may be on: the number of lines, plus one for the end of the text."""
    if not text:
        return 1
    pieces = LINE_BREAK.split(text)
    return len(pieces) - (1 if pieces[-1] == "" else 0) + 1


def text_of(data: bytes) -> str:
    """The file's text as minlint reads it, or (when it cannot be decoded) its bytes as Latin-1."""
    decoded = decode(data)
    return decoded if isinstance(decoded, str) else data.decode("latin-1")


def snapshot(node: object) -> object:
    """A comparable picture of a parsed tree, positions included (NaN made comparable)."""
    if isinstance(node, YMap):
        return ("map", node.line, node.column, [(key, node.marks[key], snapshot(value)) for key, value in node.items()])
    if isinstance(node, YSeq):
        return (
            "seq",
            node.line,
            node.column,
            [(mark, snapshot(item)) for mark, item in zip(node.marks, node, strict=True)],
        )
    if isinstance(node, float) and math.isnan(node):
        return ("nan",)
    return (type(node).__name__, node)


def check_problems(problems: list[object], limit: int, where: str) -> None:
    """Loader problems: a known code, a line inside the file, a column, a message."""
    for problem in problems:
        code, line, column, message = (getattr(problem, name) for name in ("code", "line", "column", "message"))
        assert code in LOADER_CODES, (where, problem)
        assert 1 <= line <= limit, (where, problem, f"last possible line {limit}")
        assert column >= 1, (where, problem)
        assert isinstance(message, str) and message.strip(), (where, problem)


def check_loaded(loaded: LoadedFile, data: bytes) -> None:
    """What ``load_document`` returns is consistent and located inside the file."""
    assert isinstance(loaded, LoadedFile)
    check_problems(list(loaded.problems), line_limit(text_of(data)), "load_document")
    if loaded.root is not None:
        assert isinstance(loaded.root, YMap) and loaded.kind is not None, loaded
    if loaded.kind is None and not loaded.problems:
        assert not loaded.is_spec and loaded.root is None, loaded


def check_parsed(parsed: ParsedYaml, text: str) -> None:
    """What ``parse_yaml`` returns is consistent and located inside the text."""
    check_problems(list(parsed.problems), line_limit(text), "parse_yaml")
    if parsed.fatal:
        assert parsed.root is None and parsed.problems, parsed


def test_one_input(data: bytes) -> None:
    """The fuzz target: one input, one parser (by ``--parser`` or the low bit of the last byte)."""
    pure = {"libyaml": False, "pure": True}.get(OPTIONS.parser, bool(data[-1] & 1) if data else False)

    check_input(data, pure)


def check_input(data: bytes, pure: bool) -> None:
    """Run the loader (and with ``--check`` the whole check) on ``data`` and assert the invariants."""
    loaded = load_document("fuzz.yaml", data, pure=pure)
    check_loaded(loaded, data)

    decoded = decode(data)
    # Decodable input as minlint reads it; anything else as text with lone surrogates in it.
    text = decoded if isinstance(decoded, str) else data.decode("utf-8", "surrogateescape")
    first = parse_yaml(text, pure=pure)
    check_parsed(first, text)
    second = parse_yaml(text, pure=pure)
    assert snapshot(first.root) == snapshot(second.root), "parse_yaml is not deterministic"
    assert first.problems == second.problems, "parse_yaml is not deterministic"

    if OPTIONS.whole_check:
        source = SourceFile("fuzz.yaml", Path("fuzz.yaml"), data)
        report = check_sources([source], Settings(rules=OPTIONS.rules, pure_yaml=pure), today=TODAY)
        limit = line_limit(text_of(data))
        for finding in report.findings:
            assert finding.path == "fuzz.yaml", finding
            assert finding.column >= 1, finding
            assert 1 <= finding.line <= limit, (finding, f"last possible line {limit}")


def main() -> None:
    """Take the harness's options out of ``sys.argv`` and hand the rest to libFuzzer."""
    argv = []
    for argument in sys.argv:
        if argument.startswith("--parser="):
            OPTIONS.parser = argument.split("=", 1)[1]
            if OPTIONS.parser not in ("alternate", "libyaml", "pure"):
                sys.exit("--parser is one of: alternate, libyaml, pure")
        elif argument == "--check":
            OPTIONS.whole_check = True
            OPTIONS.rules = builtin_rules()
        else:
            argv.append(argument)
    print(f"fuzz_loader: {OPTIONS}", file=sys.stderr)
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
