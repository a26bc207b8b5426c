"""The reader seam: a file's bytes in, a document with positions out, whatever the format."""

from __future__ import annotations

import subprocess
import sys

from minlint.readers import NOT_A_SPEC, ReadOptions, read
from minlint.readers.native import NATIVE
from minlint.vocabulary import SHAPE, SYNTAX


def run_python(*args: str, input_bytes: bytes) -> str:
    done = subprocess.run([sys.executable, *args], input=input_bytes, capture_output=True, check=True)
    return done.stdout.decode().strip()


PLAN = b"minlint: 1\nkind: tracking-plan\nname: web\ntraits:\n  email: {purpose: [x], basis: consent, retention: P1Y}\n"


def test_a_plan_becomes_a_spec_whose_fields_keep_their_positions() -> None:
    document = read("plan.yaml", PLAN, ReadOptions())
    assert (document.is_spec, document.kind, document.problems) == (True, "tracking-plan", ())
    assert document.spec is not None
    (field,) = document.spec.fields()
    assert (field.ref, field.line, field.column) == ("traits.email", 5, 3)


def test_a_yaml_file_without_a_minlint_key_is_quietly_not_a_spec() -> None:
    assert read("compose.yaml", b"services:\n  web: {image: nginx}\n", ReadOptions()) == NOT_A_SPEC


def test_a_broken_spec_is_a_spec_with_a_located_problem_and_no_model() -> None:
    document = read("plan.yaml", b"minlint: 1\nkind: [tracking-plan\n", ReadOptions())
    assert document.is_spec and document.spec is None
    assert [(problem.code, problem.line) for problem in document.problems] == [(SYNTAX, 3)]


def test_shape_problems_name_where_they_are_and_validation_can_be_skipped() -> None:
    data = PLAN.replace(b"purpose:", b"purpse:")
    checked = read("plan.yaml", data, ReadOptions())
    assert [(problem.code, problem.line, problem.target) for problem in checked.problems] == [
        (SHAPE, 5, "traits.email.purpse")
    ]
    assert read("plan.yaml", data, ReadOptions(validate=False)).problems == ()


def test_a_rule_pack_is_a_spec_without_a_model() -> None:
    pack = b"minlint: 1\nkind: rules\nname: acme\nrules: []\n"
    document = read("acme.yaml", pack, ReadOptions())
    assert (document.is_spec, document.kind, document.spec) == (True, "rules", None)


def test_the_native_reader_recognises_every_file_so_it_stands_last() -> None:
    assert NATIVE.recognises(b"") and NATIVE.recognises(b"\x00\xff")


def test_the_readers_of_other_formats_are_loaded_only_for_files_that_hold_their_marks() -> None:
    script = (
        "import sys\n"
        "from minlint.readers import ReadOptions, read\n"
        "read('plan.yaml', sys.stdin.buffer.read(), ReadOptions())\n"
        "print(sorted(name for name in sys.modules if name.startswith('minlint.readers.')))\n"
    )
    native = run_python("-c", script, input_bytes=PLAN)
    assert native == "['minlint.readers.native']"
    segment = run_python("-c", script, input_bytes=b'{"name": "Shop", "rules": []}')
    assert segment == "['minlint.readers.foreign', 'minlint.readers.native', 'minlint.readers.segment']"
