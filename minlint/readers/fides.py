"""Fides manifests (``dataset:`` and ``system:``, YAML, and a system's API JSON), read in place.

Fides (ethyca/fideslang) keeps privacy declarations in two resources:

- a **dataset** classifies data: collections of fields, each with ``data_categories`` (categories
  given to a dataset or collection apply to every field below it);
- a **system** declares what is done with it: each of its ``privacy_declarations`` has a
  ``data_use`` (the purpose), ``data_categories`` (what it processes), ``legal_basis_for_processing``,
  ``retention_period`` (days, as text), ``special_category_legal_basis``, ``third_parties`` and
  ``dataset_references`` (on the declaration or the system).

A file with datasets is read as a tracking plan: one per file, named by its dataset (or by the file
when it holds several), a collection per event, its fields and nested fields as the plan's. Each
field takes its first data category; a field with none anywhere above it is *unclassified*
(ML109). A privacy declaration gives every field of a dataset it references, whose category one of
its own covers, its purpose, basis, retention, special-category condition and recipients — as
declarations written in the system's file, so findings stay at the field. Systems come from the
same file and from every system file of the project, which is context (a ``catalog``): read
first, its own problems reported in it — a legal basis or retention Fides itself would not accept,
with the values it would.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from minlint.loader.nodes import ForeignMap, YMap, YSeq
from minlint.readers import Document, Problem, ReadOptions
from minlint.readers.foreign import Parsed, event_fields, finish, new_event, new_field, new_plan, parse, put, text
from minlint.taxonomy import covers
from minlint.vocabulary import CATALOG, SHAPE

READER = "fides"

# Fides's spellings (fideslang LegalBasisForProcessingEnum, SpecialCategoryLegalBasisEnum), and the
# fideslang 1.x ones still met in old manifests, as minlint's words. Compared case-insensitively.
LEGAL_BASES = {
    "consent": "consent",
    "contract": "contract",
    "legal obligations": "legal_obligation",
    "legal obligation": "legal_obligation",
    "vital interests": "vital_interests",
    "vital interest": "vital_interests",
    "public interest": "public_task",
    "legitimate interests": "legitimate_interests",
}
FIDES_BASES = ("Consent", "Contract", "Legal obligations", "Vital interests", "Public interest", "Legitimate interests")
SPECIAL_BASES = {
    "explicit consent": "explicit_consent",
    "employment, social security and social protection": "employment_social_security",
    "vital interests": "vital_interests",
    "not-for-profit bodies": "not_for_profit_body",
    "made public by the data subject": "made_public_by_data_subject",
    "legal claims or judicial acts": "legal_claims",
    "reasons of substantial public interest (with a basis in law)": "substantial_public_interest",
    "health or social care (with a basis in law)": "health_or_social_care",
    "public health (with a basis in law)": "public_health",
    "archiving, research and statistics (with a basis in law)": "archiving_research_statistics",
}
FIDES_SPECIAL_BASES = (
    "Explicit consent",
    "Employment, social security and social protection",
    "Vital interests",
    "Not-for-profit bodies",
    "Made public by the data subject",
    "Legal claims or judicial acts",
    "Reasons of substantial public interest (with a basis in law)",
    "Health or social care (with a basis in law)",
    "Public health (with a basis in law)",
    "Archiving, research and statistics (with a basis in law)",
)
_DAYS = re.compile(r"^\s*(\d{1,6})\s*$")
# The keys of a privacy declaration whose positions findings about them point at.
_MARKED = (
    "data_use",
    "legal_basis_for_processing",
    "retention_period",
    "special_category_legal_basis",
    "third_parties",
)


class Use(NamedTuple):
    """One privacy declaration of a system, as minlint reads it; positions are in ``path``."""

    path: str
    line: int
    column: int
    system: str
    data_use: str
    categories: tuple[str, ...]
    datasets: tuple[str, ...]
    basis: str | None
    retention: str | None
    special: str | None
    recipients: tuple[str, ...]
    # Where each key of the declaration is written (``data_use`` …): findings about a value say so.
    marks: Mapping[str, tuple[int, int]] = {}


class Systems(NamedTuple):
    """The privacy declarations of one file's systems: a context part, by reader name."""

    uses: tuple[Use, ...]


class FidesReader:
    """The reader of Fides manifests (see the module docstring)."""

    name = READER

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` may be a Fides manifest: resources have a ``fides_key``."""
        return b"fides_key" in data

    def read(self, path: str, data: bytes, options: ReadOptions) -> Document | None:
        """The datasets in ``data`` as a plan, or its systems as context; None when it is not Fides."""
        parsed = parse(path, data, options)
        if not isinstance(parsed, Parsed):
            return parsed if parsed is None or b"privacy_declarations" in data or b"collections" in data else None
        root = parsed.root
        if "kind" in root or "apiVersion" in root:
            return None  # a data contract (ODCS v2 has a top-level `dataset` too)
        datasets = _resources(root, "dataset")
        systems = _resources(root, "system")
        if not systems and _is_system(root):
            systems = [root]  # a system as the Fides API returns it
        if not datasets and not systems:
            return None
        problems = parsed.problems
        uses = [use for system in systems for use in _uses(path, system, problems)]
        if not datasets:
            return Document(True, CATALOG, tuple(problems), parsed.suppressions, None, (READER, Systems(tuple(uses))))
        for part in options.foreign.parts.get(READER, ()):
            if isinstance(part, Systems):
                uses.extend(use for use in part.uses if use.path != path)
        name = text(datasets[0], "fides_key") or "" if len(datasets) == 1 else ""
        name = name or os.path.splitext(os.path.basename(path))[0]
        tree = new_plan(name, root.line, root.column)
        identities: list[tuple[str, int, int]] = []
        for dataset in datasets:
            _dataset(tree, dataset, len(datasets) > 1, uses, identities, problems)
        if identities:
            # The fields Fides's own privacy requests find a person by are the plan's subject identifiers.
            refs = YSeq(identities[0][1], identities[0][2])
            for ref, line, column in identities:
                refs.append(ref)
                refs.marks.append((line, column))
            put(tree, "subject_id", refs, identities[0][1], identities[0][2])
        document = finish(self.name, path, tree, Parsed(root, problems, parsed.suppressions), options)
        if document.spec is not None:
            document.spec.declare_also = "a privacy declaration of a system"
        return document


def _resources(root: YMap, key: str) -> list[YMap]:
    value = root.get(key)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, YMap) and isinstance(item.get("fides_key"), str)]


def _is_system(root: YMap) -> bool:
    return isinstance(root.get("fides_key"), str) and "privacy_declarations" in root


def _texts(node: YMap, key: str) -> tuple[str, ...]:
    value = node.get(key)
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(item for item in value if isinstance(item, str) and item)
    return ()


def _at(node: YMap, key: str) -> tuple[int, int]:
    return node.marks[key][2:] if key in node.marks else (node.line, node.column)


def _choice(
    node: YMap, key: str, words: dict[str, str], allowed: tuple[str, ...], problems: list[Problem]
) -> str | None:
    """``node[key]`` as minlint's word, or None; a value Fides would refuse is a problem naming its values."""
    value = node.get(key)
    if value is None or value == "":
        return None
    found = words.get(str(value).strip().lower()) if isinstance(value, str) else None
    if found is None:
        line, column = _at(node, key)
        listed = ", ".join(f"`{item}`" for item in allowed)
        message = f"`{key}`: `{value}` is not a value Fides knows; use one of: {listed}"
        problems.append(Problem(SHAPE, line, column, message, key))
    return found


def _retention(node: YMap, problems: list[Problem]) -> str | None:
    """``retention_period`` as a retention minlint reads: Fides counts days (its admin UI says so)."""
    value = node.get("retention_period")
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return f"P{value}D"
    match = _DAYS.match(value) if isinstance(value, str) else None
    if match is not None and int(match[1]) > 0:
        return f"P{int(match[1])}D"
    line, column = _at(node, "retention_period")
    problems.append(
        Problem(
            SHAPE,
            line,
            column,
            f"`retention_period`: `{value}` is not a retention minlint can read; Fides counts days: write a whole "
            'number of days above 0, e.g. `"90"`',
            "retention_period",
        )
    )
    return None


def _uses(path: str, system: YMap, problems: list[Problem]) -> list[Use]:
    """The privacy declarations of ``system``; values Fides would refuse are problems."""
    declarations = system.get("privacy_declarations")
    if not isinstance(declarations, YSeq):
        return []
    key = str(system.get("fides_key"))
    datasets = _texts(system, "dataset_references")
    uses = []
    for index, declaration in enumerate(declarations):
        if not isinstance(declaration, YMap) or not isinstance(declaration.get("data_use"), str):
            continue
        line, column = declarations.marks[index]
        shared = declaration.get("data_shared_with_third_parties") is True
        third = declaration.get("third_parties")
        named = re.split(r"[;,]", third) if shared and isinstance(third, str) else []
        recipients = tuple(part.strip() for part in named if part.strip())
        uses.append(
            Use(
                path,
                line,
                column,
                key,
                declaration["data_use"],
                _texts(declaration, "data_categories"),
                _texts(declaration, "dataset_references") or datasets,
                _choice(declaration, "legal_basis_for_processing", LEGAL_BASES, FIDES_BASES, problems),
                _retention(declaration, problems),
                _choice(declaration, "special_category_legal_basis", SPECIAL_BASES, FIDES_SPECIAL_BASES, problems),
                recipients,
                {
                    **{key: _at(declaration, key) for key in _MARKED if key in declaration.marks},
                    "privacy_declarations": system.marks["privacy_declarations"][:2],
                },
            )
        )
    return uses


def _not_a_list(node: YMap, key: str, problems: list[Problem]) -> bool:
    """Whether ``node[key]`` is present but not a list (a problem: Fides would refuse it too)."""
    if key not in node or isinstance(node[key], YSeq):
        return False
    line, column = _at(node, key)
    problems.append(Problem(SHAPE, line, column, f"`{key}`: expected a list", key))
    return True


def _dataset(
    tree: ForeignMap,
    dataset: YMap,
    several: bool,
    uses: list[Use],
    identities: list[tuple[str, int, int]],
    problems: list[Problem],
) -> None:
    key = str(dataset["fides_key"])
    mine = Covering(use for use in uses if key in use.datasets)
    above = _texts(dataset, "data_categories")
    collections = dataset.get("collections")
    if _not_a_list(dataset, "collections", problems) or not isinstance(collections, YSeq):
        return
    for index, collection in enumerate(collections):
        if not isinstance(collection, YMap) or not isinstance(collection.get("name"), str):
            continue
        line, column = _at(collection, "name") if "name" in collection.marks else collections.marks[index]
        name = f"{key}.{collection['name']}" if several else collection["name"]
        description = text(collection, "description")
        event = new_event(tree, name, line, column, description=description)
        if _not_a_list(collection, "fields", problems):
            continue
        if event is not None:
            categories = above + _texts(collection, "data_categories")
            _fields(event_fields(event), collection.get("fields"), categories, mine, (name, identities))


def _fields(
    target: ForeignMap,
    fields: object,
    above: tuple[str, ...],
    uses: Covering,
    where: tuple[str, list[tuple[str, int, int]]],
) -> None:
    """The fields of a collection (or nested in a field) into ``target``; ``where`` is the reference
    prefix and the list that collects the fields Fides finds a person by (``fides_meta.identity``)."""
    if not isinstance(fields, YSeq):
        return
    prefix, identities = where
    for field in fields:
        if not isinstance(field, YMap) or not isinstance(field.get("name"), str):
            continue
        line, column = _at(field, "name")
        node = new_field(target, field["name"], line, column)
        if node is None:
            continue
        if text(field, "description"):
            put(node, "description", field["description"], *_at(field, "description"))
        own = _texts(field, "data_categories")
        categories = own or above
        if categories:
            put(node, "category", categories[0], *_at(field, "data_categories" if own else "name"))
            _declare(node, categories[0], uses)
        else:
            put(node, "unclassified", True, *_at(field, "data_categories" if "data_categories" in field else "name"))
        meta = field.get("fides_meta")
        if isinstance(meta, YMap) and isinstance(meta.get("data_type"), str):
            put(node, "type", meta["data_type"].removesuffix("[]"), *_at(meta, "data_type"))
        if isinstance(meta, YMap) and isinstance(meta.get("identity"), str):
            identities.append((f"{prefix}.{field['name']}", *_at(meta, "identity")))
        nested = field.get("fields")
        if isinstance(nested, YSeq) and nested:
            children = ForeignMap(line, column)
            node["properties"] = children
            node.marks["properties"] = (line, column, line, column)
            _fields(children, nested, categories, uses, (f"{prefix}.{field['name']}", identities))


class Covering(list[Use]):
    """The privacy declarations of a dataset, with what they declare for each category worked out
    once (a dataset has far more fields than categories)."""

    def __init__(self, uses: Iterable[Use] = ()) -> None:
        super().__init__(uses)
        self.by_category: dict[str, tuple[tuple[str, object, int, int, str], ...]] = {}


def _declare(node: ForeignMap, category: str, uses: Covering) -> None:
    """What the privacy declarations covering ``category`` say about the field ``node``, as declarations
    written in the system's file (positions there; :attr:`ForeignMap.paths` names it)."""
    writes = uses.by_category.get(category)
    if writes is None:
        writes = uses.by_category[category] = _declared(category, uses)
    for key, value, line, column, path in writes:
        put(node, key, value, line, column)
        node.paths[key] = path


def _declared(category: str, uses: list[Use]) -> tuple[tuple[str, object, int, int, str], ...]:
    """What the declarations covering ``category`` declare: (key, value, line, column, file) each."""
    covering = [use for use in uses if any(covers(declared, category) for declared in use.categories)]
    if not covering:
        return ()
    first = covering[0]
    writes: list[tuple[str, object, int, int, str]] = []

    def declare(key: str, value: object, uses: list[Use], written: str) -> None:
        # A value from one declaration is where that declaration writes it; one gathered from
        # several, the system's list of declarations.
        use = uses[0]
        several = len({(each.path, each.line) for each in uses}) > 1
        line, column = use.marks.get("privacy_declarations" if several else written, (use.line, use.column))
        writes.append((key, value, line, column, use.path))

    purposes = list(dict.fromkeys(use.data_use for use in covering))
    declare("purpose", purposes if len(purposes) > 1 else purposes[0], covering, "data_use")
    with_basis = [use for use in covering if use.basis]
    if with_basis:
        bases = {use.data_use: use.basis for use in with_basis if use.basis}
        declare("basis", _per_purpose(bases, purposes, first), with_basis, "legal_basis_for_processing")
    with_retention = [use for use in covering if use.retention]
    if with_retention:
        kept = {use.data_use: use.retention for use in with_retention if use.retention}
        declare("retention", _per_purpose(kept, purposes, first), with_retention, "retention_period")
    special = [use for use in covering if use.special][:1]
    if special and special[0].special:
        declare("special_condition", special[0].special, special, "special_category_legal_basis")
    sharing = [use for use in covering if use.recipients]
    if sharing:
        recipients = list(dict.fromkeys(name for use in sharing for name in use.recipients))
        declare("shared_with", recipients, sharing, "third_parties")
    return tuple(writes)


def _per_purpose(values: dict[str, str], purposes: list[str], at: Use) -> object:
    """One value when every purpose has the same, else a mapping from purpose to value."""
    if len(values) == len(purposes) and len(set(values.values())) == 1:
        return next(iter(values.values()))
    mapping = YMap(at.line, at.column)
    for purpose, value in values.items():
        mapping[purpose] = value
        mapping.marks[purpose] = (at.line, at.column, at.line, at.column)
    return mapping


FIDES = FidesReader()
