"""Hypothesis strategies for end-to-end fuzzing: whole projects of 1-5 files, as bytes.

Three families, from least to most structured:

(a) :func:`junk_projects` — arbitrary text and bytes, YAML-ish fragments, BOMs, NULs, CR/LF mixes;
(b) :func:`valid_projects` — structurally valid specs (tracking plans, campaigns that use the
    generated plans' references, purposes registries, categories files) plus non-spec YAML, with
    values drawn from valid *and* invalid vocabularies, dumped with ``yaml.safe_dump`` in block or
    flow style;
(c) :func:`mutated_projects` — (b), then some files mutated: a line deleted, duplicated or swapped,
    a tab inserted, the file truncated, a byte flipped, a value replaced, an indentation changed.

Every project is a tuple of :class:`GeneratedFile` (a display name and the file's bytes).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Any

import yaml
from hypothesis import strategies as st

# -- the project model ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedFile:
    """One generated file. ``spec`` is False only for files known not to be specs (generated without a
    top-level ``minlint`` key, and not mutated since).

    ``clean`` is True when the bytes are ``yaml.safe_dump`` output of a well-formed document, untouched
    (no mutation, no hand-written comment): such a file is valid YAML, so it must never get a syntax
    (ML901) or duplicate-key (ML903) finding.
    """

    name: str
    data: bytes
    spec: bool = True
    clean: bool = False
    note: str = field(default="", compare=False)

    def __repr__(self) -> str:  # readable falsifying examples: show the text when it decodes
        try:
            shown: object = self.data.decode("utf-8")
        except UnicodeDecodeError:
            shown = self.data
        return f"GeneratedFile({self.name!r}, spec={self.spec}, clean={self.clean}, {shown!r})"


Project = tuple[GeneratedFile, ...]

# -- (a) arbitrary text and bytes ----------------------------------------------------------------

FRAGMENTS = [
    "minlint: 1\n",
    "kind: tracking-plan\n",
    "kind: campaign\n",
    "kind: purposes\n",
    "kind: categories\n",
    "kind: rules\n",
    "name: p\n",
    "traits:\n",
    "events:\n",
    "properties:\n",
    "purposes:\n",
    "uses:\n",
    "collects:\n",
    "defaults:\n",
    "  email:\n",
    "    purpose: analytics.reporting\n",
    "    basis: consent\n",
    "    retention: P1Y\n",
    "    category: user.contact.email\n",
    "  - traits.email\n",
    "minlint",
    "kind",
    "purpose",
    "basis",
    "retention",
    "a",
    "é",
    "😀",
    ":",
    ": ",
    " ",
    "  ",
    "    ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "- ",
    "? ",
    ",",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: ",
    "<<: *a\n",
    "!!str ",
    "!!int ",
    "!!binary ",
    "!!set ",
    "!!omap ",
    "!custom ",
    "!!python/object/apply:os.system ",
    "'",
    '"',
    "\\",
    "# c",
    "# minlint: ignore ML003 -- r",
    "# minlint: ignore ML001 until 2000-01-01",
    "# minlint: ignore",
    "|",
    ">-",
    "---\n",
    "--- ",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "0x1F",
    "0o17",
    "yes",
    "~",
    "null",
    "1",
    "-1",
    "1e9",
    ".inf",
    ".nan",
    "1:30",
    "2026-01-01",
    "=",
    "\x00",
    "\x01",
    "\x7f",
    "\ufeff",
    "\x85",
    "\u2028",
    "\u2029",
    "\ud800",
]

yamlish = st.lists(st.sampled_from(FRAGMENTS), max_size=50).map("".join)
spec_headed = st.builds(
    lambda kind, body: f"minlint: 1\nkind: {kind}\nname: fuzz\n{body}",
    st.sampled_from(["tracking-plan", "campaign", "purposes", "categories", "rules", "nonsense"]),
    yamlish,
)
any_text = st.one_of(st.text(max_size=200), yamlish, spec_headed)


def with_line_endings(text: str, style: str) -> str:
    """``text`` with its ``\\n`` line breaks rewritten: ``crlf``, ``cr``, ``mixed`` or ``lf`` (unchanged)."""
    if style == "crlf":
        return text.replace("\n", "\r\n")
    if style == "cr":
        return text.replace("\n", "\r")
    if style == "mixed":
        parts = text.split("\n")
        breaks = ["\r\n", "\n", "\r", "\x85", "\u2028"]
        return "".join(part + breaks[index % len(breaks)] for index, part in enumerate(parts[:-1])) + parts[-1]
    return text


LINE_ENDINGS = ["lf", "crlf", "cr", "mixed"]
BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE]


def encode(text: str, encoding: str) -> bytes:
    """Encode ``text`` the way an editor might save it (lone surrogates kept as they are)."""
    if encoding == "utf-8-bom":
        return codecs.BOM_UTF8 + text.encode("utf-8", "surrogatepass")
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be", "surrogatepass")
    if encoding == "utf-16-le-no-bom":
        return text.encode("utf-16-le", "surrogatepass")
    if encoding == "latin-1":
        return text.encode("latin-1", "replace")
    return text.encode(encoding, "surrogatepass")


ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-bom", "utf-16", "utf-16-be-bom", "utf-32", "utf-16-le-no-bom", "latin-1"]

junk_bytes = st.one_of(
    st.binary(max_size=300),
    st.builds(
        lambda text, ending, encoding: encode(with_line_endings(text, ending), encoding),
        any_text,
        st.sampled_from(LINE_ENDINGS),
        st.sampled_from(ENCODINGS),
    ),
    st.builds(lambda bom, text: bom + text.encode("utf-8", "surrogatepass"), st.sampled_from(BOMS), any_text),
    st.builds(lambda head, tail: head + b"minlint: 1\n" + tail, st.binary(max_size=40), st.binary(max_size=60)),
    st.builds(lambda text, at: text[:at] + "\x00" + text[at:], spec_headed, st.integers(0, 200)).map(
        lambda text: text.encode("utf-8", "surrogatepass")
    ),
)


@st.composite
def junk_projects(draw: st.DrawFn) -> Project:
    """(a) 1-5 files of arbitrary text or bytes."""
    count = draw(st.integers(1, 5))
    return tuple(GeneratedFile(f"junk{index}.yaml", draw(junk_bytes)) for index in range(count))


# -- (b) structurally valid specs ----------------------------------------------------------------

PURPOSES_VALID = [
    "essential.service",
    "essential.fraud_detection",
    "analytics.reporting",
    "analytics",
    "marketing.communications.email",
    "marketing.communications.push",
    "marketing",
    "marketing.advertising.profiling",
    "functional.storage",
    "personalize",
]
PURPOSES_INVALID = ["analytics.reportng", "Analytics Reporting", "", "a..b", ".x", "marketing.", "x" * 70, "日本.目的"]
BASES = ["consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interests"]
BASIS_TYPOS = [
    "legit_interest",
    "Consent",
    "consent ",
    "contracts",
    "legitimate-interests",
    "",
    "none",
    "explicit_consent",
]
RETENTION_VALID: list[object] = [
    "P30D",
    "P6W",
    "P13M",
    "P2Y",
    "P1Y6M",
    "PT24H",
    "P6Y",
    "P90D",
    "P25M",
    "90 days",
    "6 weeks",
    "13 months",
    "2 years",
    "1 year 6 months",
    {"duration": "P30D", "after": "account_closure"},
    {"duration": "2 years", "after": "consent_withdrawal"},
]
RETENTION_INVALID: list[object] = [
    30,
    0,
    -1,
    1.5,
    True,
    "",
    "P",
    "PT",
    "P0D",
    "-P1D",
    "13 monthz",
    "P1Y2",
    "P1.5Y",
    "PT0.5S",
    "P99999999999999999999Y",
    "99999999999999999999 years",
    "1e400 days",
    "0 days",
    "-3 weeks",
    {"after": "account_closure"},
    {"duration": None},
    {"duration": "P1D", "after": ""},
    {"duration": "P1D", "after": 3},
    {"duration": "P1D", "until": "x"},
    ["P1Y"],
]
RETENTION_INDEFINITE = [
    "forever",
    "indefinite",
    "indefinitely",
    "unlimited",
    "never",
    "permanent",
    "Forever",
    "no limit",
]
CATEGORIES_KNOWN = [
    "user",
    "user.contact",
    "user.contact.email",
    "user.contact.phone_number",
    "user.contact.address",
    "user.contact.address.city",
    "user.name.first",
    "user.device.ip_address",
    "user.device.cookie_id",
    "user.location.precise",
    "user.location.imprecise",
    "user.health_and_medical",
    "user.health_and_medical.genetic",
    "user.biometric",
    "user.demographic.sex_life",
    "user.demographic.religious_belief",
    "user.demographic.trade_union_membership",
    "user.childrens",
    "user.criminal_history",
    "system.operations",
]
CATEGORIES_UNKNOWN = ["user.loyalty", "user.loyalty.tier", "foo.bar", "user.contact.emali", "acme"]
CATEGORIES_INVALID = ["User Contact", "..", "", "user..email", "user.contact.email."]
SPECIAL_CONDITIONS = [
    "explicit_consent",
    "employment_social_security",
    "vital_interests",
    "not_for_profit_body",
    "made_public_by_data_subject",
    "legal_claims",
    "substantial_public_interest",
    "health_or_social_care",
    "public_health",
    "archiving_research_statistics",
]
SPECIAL_CONDITIONS_INVALID = ["consent", "explicit-consent", "", "art9"]
RECIPIENTS = ["mailchimp", "firebase", "google-analytics", "segment", "", "Mailchimp"]
TYPES_VALID = ["string", "number", "integer", "boolean", "object", "array", "datetime"]
TYPES_INVALID = ["sting", "int", "String", "", "map"]

FIELD_NAMES = [
    "email",
    "phone",
    "first_name",
    "ip_address",
    "latitude",
    "longitude",
    "comment",
    "notes",
    "birth_date",
    "order_id",
    "revenue",
    "x-forwarded-for",
    "x-owner",
    "order.id",
    "a:b",
    "404",
    "true",
    "null",
    "é",
    "名前",
    " spaced ",
    "",
    "<<",
    "minlint",
    "kind",
    "properties",
]
EVENT_NAMES = [
    "Order Completed",
    "Page Viewed",
    "Signed Up",
    "Cart Updated",
    "a.b",
    "x: y",
    "traits",
    "context",
    "collects",
    "Événement",
    "",
]
PLAN_NAMES = ["storefront-web", "storefront-app", "plan", "plan:x", "a.b", "", "ünï"]

simple_names = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
field_names = st.one_of(st.sampled_from(FIELD_NAMES), simple_names)
COMMON_FIELD_NAMES = ["email", "phone", "first_name", "latitude", "comment", "order_id", "revenue", "ip_address"]
event_names = st.one_of(st.sampled_from(EVENT_NAMES), simple_names.map(str.title))

# Arbitrary YAML scalars, for "replace a value" and for invalid values in any slot.
random_scalars: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["yes", "no", "~", "0x1F", "1_000", ".inf", "2026-01-01", "12:30:00", "P1Y", "[]", "{}"]),
)


def vocabulary(valid: list[Any], invalid: list[Any], *extra: list[Any], wild: bool = True) -> st.SearchStrategy[Any]:
    """Valid values only (``wild=False``), or mostly valid ones, sometimes invalid ones, rarely anything at all."""
    if not wild:
        return st.sampled_from(valid)
    choices = [st.sampled_from(valid)] * 4 + [st.sampled_from(items) for items in (invalid, *extra) if items]
    return st.one_of(*choices, random_scalars)


class Vocabulary:
    """The value strategies for one project: ``wild`` mixes in invalid values, else values are all valid.

    A project of valid values reaches the rules that need a clean model (a retention longer than the
    purpose allows, a basis the registry does not allow, campaigns using data for another purpose, the
    same field defined differently in two plans); a wild one reaches every error path.
    """

    def __init__(self, wild: bool) -> None:
        self.wild = wild
        purpose = vocabulary(PURPOSES_VALID, PURPOSES_INVALID, wild=wild)
        basis = vocabulary(BASES, BASIS_TYPOS, wild=wild)
        purpose_keys = PURPOSES_VALID + (PURPOSES_INVALID[:2] if wild else [])
        self.purposes = st.one_of(purpose, st.lists(purpose, min_size=0 if wild else 1, max_size=3))
        self.basis = st.one_of(basis, st.dictionaries(st.sampled_from(purpose_keys), basis, max_size=3))
        self.bases = st.lists(basis, max_size=3)
        self.retention = vocabulary(RETENTION_VALID, RETENTION_INVALID, RETENTION_INDEFINITE, wild=wild)
        self.category = vocabulary([*CATEGORIES_KNOWN, "none"], CATEGORIES_UNKNOWN, CATEGORIES_INVALID, wild=wild)
        self.special = vocabulary(SPECIAL_CONDITIONS, SPECIAL_CONDITIONS_INVALID, wild=wild)
        recipient = st.sampled_from(RECIPIENTS if wild else [name for name in RECIPIENTS if name])
        self.recipients = st.one_of(recipient, st.lists(recipient, max_size=3))
        self.flag = st.one_of(st.booleans(), random_scalars) if wild else st.booleans()
        # Few names when valid, so that two plans often define the same field (ML205, campaign uses).
        self.field_names = field_names if wild else st.sampled_from(COMMON_FIELD_NAMES)
        self.declarations: dict[str, st.SearchStrategy[Any]] = {
            "purpose": self.purposes,
            "basis": self.basis,
            "retention": self.retention,
            "category": self.category,
            "shared_with": self.recipients,
            "special_condition": self.special,
        }
        self.facts: dict[str, st.SearchStrategy[Any]] = {
            "type": vocabulary(TYPES_VALID, TYPES_INVALID, wild=wild),
            "format": st.sampled_from(["email", "uuid", "date-time", "uri"]),
            "enum": st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=3),
            "pattern": st.sampled_from(["^[a-z]+$", "(", ".*"]),
            "maxLength": st.one_of(st.integers(-5, 500), st.just("ten")) if wild else st.integers(0, 500),
            "description": st.one_of(st.text(max_size=30), st.none()),
            "x-owner": st.text(max_size=10),
        }
        if wild:
            self.facts["purpse"] = self.purposes  # a typo: an unknown key, ML902 with a suggestion


VOCABULARIES = {wild: Vocabulary(wild) for wild in (False, True)}
vocabularies = st.sampled_from([VOCABULARIES[False], VOCABULARIES[True], VOCABULARIES[True]])


@st.composite
def declarations(draw: st.DrawFn, vocab: Vocabulary, facts: bool = False) -> dict[str, Any]:
    """A random subset of the declarations (and of the field facts), each with a value from its vocabulary."""
    pool = {**vocab.declarations, **(vocab.facts if facts else {})}
    keys = draw(st.lists(st.sampled_from(sorted(pool)), unique=True, max_size=len(pool)))
    return {key: draw(pool[key]) for key in keys}


@st.composite
def fields(draw: st.DrawFn, vocab: Vocabulary, prefix: str, refs: list[str], depth: int = 0) -> dict[str, Any]:
    """A mapping of field names to fields; every field's reference (``prefix.NAME…``) goes into ``refs``."""
    result: dict[str, Any] = {}
    for name in draw(st.lists(vocab.field_names, unique=True, max_size=4 if depth == 0 else 2)):
        ref = f"{prefix}.{name}" if prefix else name
        refs.append(ref)
        result[name] = draw(field_body(vocab, ref, refs, depth))
    return result


@st.composite
def field_body(draw: st.DrawFn, vocab: Vocabulary, ref: str, refs: list[str], depth: int) -> dict[str, Any] | None:
    """One field: empty (``name:``), or facts and declarations, nested ``properties``/``items`` below depth 2."""
    if draw(st.integers(0, 9)) == 0:
        return None
    body = draw(declarations(vocab, facts=True))
    if depth < 2 and draw(st.booleans()):
        shape = draw(st.sampled_from(["properties", "items"]))
        if shape == "properties":
            body["type"] = "object"
            body["properties"] = draw(fields(vocab, ref, refs, depth + 1))
        else:
            body["type"] = "array"
            item = draw(declarations(vocab))
            item["properties"] = draw(fields(vocab, ref, refs, depth + 1))
            body["items"] = item
    return body


@st.composite
def tracking_plan(draw: st.DrawFn, vocab: Vocabulary, refs: list[str]) -> dict[str, Any]:
    """A ``kind: tracking-plan`` document; its fields' references go into ``refs`` (also prefixed with the plan)."""
    name = draw(st.one_of(st.sampled_from(PLAN_NAMES), simple_names))
    local: list[str] = []
    plan: dict[str, Any] = {"minlint": 1, "kind": "tracking-plan", "name": name}
    if draw(st.booleans()):
        plan["description"] = draw(st.text(max_size=40))
    if draw(st.booleans()):
        plan["owner"] = "analytics@example.com"
    if draw(st.booleans()):
        plan["defaults"] = draw(declarations(vocab))
    for section in ("context", "traits"):
        if draw(st.booleans()):
            plan[section] = draw(fields(vocab, section, local))
    if draw(st.integers(0, 3)):
        events: dict[str, Any] = {}
        for event in draw(st.lists(event_names, unique=True, max_size=3)):
            body: dict[str, Any] = {}
            if draw(st.booleans()):
                body["description"] = draw(st.text(max_size=20))
            if draw(st.booleans()):
                body["defaults"] = draw(declarations(vocab))
            if draw(st.integers(0, 4)):
                body["properties"] = draw(fields(vocab, event, local))
            keep = bool(body) or draw(st.booleans())
            events[event] = body if keep else None
        plan["events"] = events
    refs.extend(local)
    refs.extend(f"{name}:{ref}" for ref in local)
    return plan


BAD_REFS = ["traits.nope", "nope", "", ":", "a:b:c", "context.", "Order Completed.", "plan:traits.email", "*"]


@st.composite
def campaign(draw: st.DrawFn, vocab: Vocabulary, refs: list[str]) -> dict[str, Any]:
    """A ``kind: campaign`` document whose ``uses`` mostly name references the generated plans define."""
    body: dict[str, Any] = {
        "minlint": 1,
        "kind": "campaign",
        "name": draw(st.one_of(st.sampled_from(["spring-winback", "cart-reminder", ""]), simple_names)),
        "purpose": draw(vocab.purposes),
    }
    known = st.sampled_from(refs) if refs else st.sampled_from(BAD_REFS)
    uses = st.lists(st.one_of(known, known, known, st.sampled_from(BAD_REFS)), max_size=5)
    extra = {
        "basis": vocab.basis,
        "retention": vocab.retention,
        "special_condition": vocab.special,
        "recipients": vocab.recipients,
        "channels": st.lists(st.sampled_from(["email", "push", "sms", ""]), max_size=3),
        "description": st.text(max_size=20),
        "owner": st.just("crm@example.com"),
        "uses": st.one_of(uses, st.lists(st.one_of(known, random_scalars)), random_scalars) if vocab.wild else uses,
    }
    for key in draw(st.lists(st.sampled_from(sorted(extra)), unique=True)):
        body[key] = draw(extra[key])
    if draw(st.booleans()):
        body["collects"] = draw(fields(vocab, "collects", []))
    return body


@st.composite
def purposes_registry(draw: st.DrawFn, vocab: Vocabulary) -> dict[str, Any]:
    """A ``kind: purposes`` document."""
    entry_keys: dict[str, st.SearchStrategy[Any]] = {
        "description": st.text(max_size=20),
        "bases": st.one_of(vocab.bases, random_scalars) if vocab.wild else vocab.bases,
        "max_retention": vocab.retention,
        "needs_precision": vocab.flag,
        "activation": vocab.flag,
        "x-reviewed": st.just("2026-09"),
    }
    keys = vocabulary(PURPOSES_VALID, PURPOSES_INVALID, wild=vocab.wild).filter(_is_key)
    purposes: dict[str, Any] = {}
    for purpose in draw(st.lists(keys, unique=True, max_size=6)):
        if draw(st.integers(0, 6)) == 0:
            purposes[purpose] = None
            continue
        chosen = set(draw(st.lists(st.sampled_from(sorted(entry_keys)), unique=True)))
        if not vocab.wild:
            chosen |= {"bases", "max_retention"}  # what ML008 and ML009 check against
        purposes[purpose] = {key: draw(entry_keys[key]) for key in sorted(chosen)}
    document: dict[str, Any] = {"minlint": 1, "kind": "purposes", "purposes": purposes}
    if draw(st.booleans()):
        document["description"] = "Purposes approved by the DPO."
    return document


def _is_key(value: object) -> bool:
    return isinstance(value, str)


@st.composite
def categories_file(draw: st.DrawFn, vocab: Vocabulary) -> dict[str, Any]:
    """A ``kind: categories`` document."""
    entry_keys: dict[str, st.SearchStrategy[Any]] = {
        "description": st.text(max_size=20),
        "parent": vocab.category,
        "personal": vocab.flag,
        "special": vocab.flag,
        "regime": st.sampled_from(["art8", "art9", "art10", "art6", ""] if vocab.wild else ["art8", "art10"]),
    }
    keys = CATEGORIES_KNOWN + CATEGORIES_UNKNOWN + ([*CATEGORIES_INVALID, "none"] if vocab.wild else [])
    categories: dict[str, Any] = {}
    for key in draw(st.lists(st.sampled_from(keys), unique=True, max_size=5)):
        if draw(st.integers(0, 5)) == 0:
            categories[key] = None
            continue
        chosen = draw(st.lists(st.sampled_from(sorted(entry_keys)), unique=True))
        categories[key] = {name: draw(entry_keys[name]) for name in chosen}
    return {"minlint": 1, "kind": "categories", "categories": categories}


# Non-spec YAML that lives next to specs in a repository: it has no top-level ``minlint`` key.


@st.composite
def not_a_spec(draw: st.DrawFn) -> Any:
    """A docker-compose, CI workflow or Kubernetes-like document, or any other YAML without a top-level ``minlint``."""
    service = {
        "image": draw(st.sampled_from(["postgres:16", "redis:7", "minlint/minlint:1"])),
        "ports": draw(st.lists(st.sampled_from(["8080:80", "5432:5432", "6379"]), max_size=2)),
        "environment": {"MINLINT": "1", "minlint": draw(random_scalars), "kind": "tracking-plan"},
    }
    options: list[Any] = [
        {"version": "3.8", "services": {draw(simple_names): service}},
        {
            "name": "CI",
            "on": {"push": {"branches": ["main"]}},
            "jobs": {"lint": {"runs-on": "ubuntu-latest", "steps": [{"run": "minlint check ."}]}},
        },
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "minlint"}, "data": {"minlint": "1"}},
        {"kind": "tracking-plan", "name": "looks like a plan but has no minlint key", "events": {}},
        [{"minlint": 1, "kind": "tracking-plan"}],
        {"MINLINT": 1, "Minlint": 1, " minlint": 1},
        draw(random_scalars),
    ]
    return draw(st.sampled_from(options))


def dump(document: Any, style: dict[str, Any]) -> str:
    """``document`` as ``yaml.safe_dump`` writes it with ``style`` (flow style, width, indent …)."""
    return str(yaml.safe_dump(document, **style))


dump_styles = st.fixed_dictionaries(
    {
        "sort_keys": st.booleans(),
        "allow_unicode": st.booleans(),
        "default_flow_style": st.sampled_from([False, False, None, True]),
        "width": st.sampled_from([80, 20, 4096]),
        "indent": st.sampled_from([2, 4]),
        "explicit_start": st.booleans(),
    }
)

SUPPRESSIONS = [
    "  # minlint: ignore ML003 -- retention is set by the warehouse policy",
    "  # minlint: ignore ML001",
    "  # minlint: ignore ML003 until 2000-01-01 -- expired",
    "  # minlint: ignore ML003 until 2999-12-31 -- far future",
    "  # minlint: ignore ML003 until spring -- not a date",
    "  # minlint: ignore ML999 -- unknown code",
    "  # minlint: ignore missing-retention, ML101 -- by name",
    "  # minlint: ignore -- no codes",
    "# minlint: ignore ML002 -- on a line of its own",
]


@st.composite
def with_suppressions(draw: st.DrawFn, text: str) -> str:
    """``text`` with ``# minlint: ignore`` comments added at the end of some lines (or on lines of their own)."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        comment = draw(st.sampled_from(SUPPRESSIONS))
        if comment.startswith("#"):
            indent = lines[at][: len(lines[at]) - len(lines[at].lstrip(" "))]
            lines.insert(at, indent + comment)
        else:
            lines[at] += comment
    return "\n".join(lines)


@st.composite
def serialised(draw: st.DrawFn, name: str, document: Any, spec: bool) -> GeneratedFile:
    """``document`` dumped, sometimes with suppression comments, other line endings or another encoding."""
    text = dump(document, draw(dump_styles))
    clean = True
    if spec and draw(st.integers(0, 3)) == 0:
        text = draw(with_suppressions(text))
        clean = False  # a comment after a multi-line plain scalar can end it early
    ending = draw(st.sampled_from(["lf", "lf", "lf", "crlf", "cr", "mixed"]))
    text = with_line_endings(text, ending)
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-bom", "utf-16", "utf-32"]))
    return GeneratedFile(name, encode(text, encoding), spec, clean)


@st.composite
def valid_projects(draw: st.DrawFn, non_specs: bool = True) -> Project:
    """(b) 1-5 files: plans, campaigns using their references, registries, categories, non-spec YAML."""
    vocab = draw(vocabularies)
    refs: list[str] = []
    documents: list[tuple[str, Any, bool]] = []
    for index in range(draw(st.integers(0, 2))):
        documents.append((f"plan{index}.yaml", draw(tracking_plan(vocab, refs)), True))
    if draw(st.booleans()):
        documents.append(("purposes.yaml", draw(purposes_registry(vocab)), True))
    if draw(st.integers(0, 3)) == 0:
        documents.append(("categories.yaml", draw(categories_file(vocab)), True))
    for index in range(draw(st.integers(0 if documents else 1, 2))):
        documents.append((f"campaign{index}.yaml", draw(campaign(vocab, refs)), True))
    if non_specs:
        for index in range(draw(st.integers(0, 1))):
            documents.append((f"other{index}.yml", draw(not_a_spec()), False))
    documents = documents[:5]
    return tuple(draw(serialised(name, document, spec)) for name, document, spec in documents)


# -- (c) mutations -------------------------------------------------------------------------------

MUTATIONS = (
    "delete_line",
    "duplicate_line",
    "swap_lines",
    "insert_tab",
    "truncate",
    "flip_byte",
    "replace_value",
    "change_indent",
    "insert_fragment",
)


def _scalar_text(value: object) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, width=10**6).strip()
    return text.removesuffix("\n...").removesuffix("...").strip()


def mutate(data: bytes, operation: str, first: int, second: int, value: object) -> bytes:
    """Apply one mutation to a file's bytes; ``first``/``second`` pick lines or offsets (taken modulo the size)."""
    if operation == "flip_byte":
        if not data:
            return bytes([first % 256])
        at = first % len(data)
        return data[:at] + bytes([data[at] ^ (1 << (second % 8))]) + data[at + 1 :]
    if operation == "truncate":
        return data[: first % (len(data) + 1)]
    lines = data.split(b"\n")
    index = first % len(lines)
    other = second % len(lines)
    line = lines[index]
    if operation == "delete_line":
        del lines[index]
    elif operation == "duplicate_line":
        lines.insert(index, line)
    elif operation == "swap_lines":
        lines[index], lines[other] = lines[other], lines[index]
    elif operation == "insert_tab":
        at = second % (len(line) + 1)
        lines[index] = line[:at] + b"\t" + line[at:]
    elif operation == "change_indent":
        stripped = line.lstrip(b" ")
        indent = len(line) - len(stripped)
        lines[index] = b" " * max(0, indent + (second % 7) - 3) + stripped
    elif operation == "replace_value":
        scalar = _scalar_text(value).encode("utf-8", "surrogatepass")
        if b": " in line:
            lines[index] = line[: line.index(b": ") + 2] + scalar
        elif line.lstrip().startswith(b"- "):
            lines[index] = line[: line.index(b"- ") + 2] + scalar
        else:
            lines[index] = line + b": " + scalar
    elif operation == "insert_fragment":
        fragment = FRAGMENTS[second % len(FRAGMENTS)].encode("utf-8", "surrogatepass")
        at = second % (len(line) + 1)
        lines[index] = line[:at] + fragment + line[at:]
    return b"\n".join(lines)


mutations = st.lists(
    st.tuples(
        st.sampled_from(MUTATIONS),
        st.integers(0, 2**16),
        st.integers(0, 2**16),
        random_scalars,
    ),
    min_size=1,
    max_size=4,
)


@st.composite
def mutated_projects(draw: st.DrawFn) -> Project:
    """(c) a valid project with at least one of its files mutated."""
    project = list(draw(valid_projects()))
    targets = draw(st.lists(st.integers(0, len(project) - 1), min_size=1, max_size=len(project), unique=True))
    for index in targets:
        original = project[index]
        data = original.data
        applied = draw(mutations)
        for operation, first, second, value in applied:
            data = mutate(data, operation, first, second, value)
        note = ", ".join(operation for operation, *_ in applied)
        project[index] = GeneratedFile(original.name, data, spec=True, clean=False, note=note)
    return tuple(project)


any_project = st.one_of(junk_projects(), valid_projects(), mutated_projects())
