"""``minlint export --format fides``: the project as Fides ``dataset`` and ``system`` manifests.

One dataset per tracking plan (:mod:`minlint.export.datasets`), and one system for the project
(:mod:`minlint.export.system`) whose privacy declarations give each field its purposes, bases,
retention, special-category condition and recipients the way :mod:`minlint.readers.fides` reads
them back (:mod:`minlint.export.coverage`), with the data uses and categories Fides lacks defined
beside it. Whatever Fides cannot say exactly is a note, one line each; a purpose with no Fides data
use, or a category that cannot be a Fides key, refuses the export.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from minlint.export.categories import category_resources
from minlint.export.coverage import ASPECTS, Declaration, ReadBack, declarations
from minlint.export.datasets import dataset_resource
from minlint.export.declared import FieldUses, Losses, field_uses, joined
from minlint.export.fides_terms import identity_of, is_key, key_for
from minlint.export.model import Export, Manifest, Project, Refusal
from minlint.export.system import system_resource
from minlint.export.uses import Place, resolve_uses
from minlint.model.spec import Spec, Target
from minlint.paths import slug
from minlint.vocabulary import CAMPAIGN, TRACKING_PLAN

# A plan's declarations a Fides dataset has no place for.
_PLAN_KEPT_OUT = ("limitations", "right_to_limit", "opt_out")


def export_fides(project: Project) -> Export:
    """The Fides manifests of ``project``: a dataset per plan, then the system (see the module docstring)."""
    analysis = project.analysis
    chosen = [spec for spec in analysis.specs if project.only is None or spec.path in project.only]
    plans: dict[str, list[Spec]] = {}
    for spec in chosen:
        if spec.kind == TRACKING_PLAN:
            plans.setdefault(spec.name, []).append(spec)
    notes = [
        f"{spec.path}: campaign `{spec.name}` not written: Fides has no campaigns (keep its file beside the export: "
        "its `uses` name the exported fields)"
        for spec in chosen
        if spec.kind == CAMPAIGN
    ]
    if not plans:
        return Export((), tuple(notes))
    refusals = _unwritable_categories(plans.values())
    uses = resolve_uses(_purposes(plans.values()), analysis.registry)
    refusals += uses.refusals
    if refusals:
        return Export((), (), tuple(sorted(refusals)))
    notes += uses.notes
    taken: set[str] = set()
    keys = {name: key_for(name, taken, "dataset") for name in plans}
    notes += [
        f"plan `{name}` is dataset `{key}` (a Fides key): read back, the plan has that name"
        for name, key in keys.items()
        if key != name
    ]
    losses = Losses()
    fields: dict[str, list[FieldUses]] = {}
    identities: dict[str, dict[str, str]] = {}
    for name, specs in plans.items():
        targets = [target for spec in specs for target in spec.fields()]
        fields[keys[name]] = [field_uses(name, target.ref, target.attrs, uses.of, losses) for target in targets]
        identities[name] = _identities(name, specs, targets, notes)
    declared = declarations(fields)
    used = {field.category for members in fields.values() for field in members if field.category is not None}
    categories, unknown = category_resources(used, analysis.taxonomy)
    notes += unknown + losses.notes() + _inexact(fields, declared)
    manifests = _dataset_manifests(plans, keys, identities)
    system_key = key_for(project.name, set(), "minlint")
    system = system_resource(system_key, project.name, sorted(keys.values()), declared, analysis.taxonomy)
    document: dict[str, Any] = {"system": [system]}
    if uses.resources:
        document["data_use"] = uses.resources
    if categories:
        document["data_category"] = categories
    sources = sorted({source for manifest in manifests for source in manifest.sources} | analysis.registry.paths())
    count = len(declared)
    summary = f"system `{system_key}`: {count} privacy declaration{'' if count == 1 else 's'}"
    manifests.append(Manifest(f"{slug(system_key)}.system.yml", summary, document, tuple(sources)))
    return Export(tuple(manifests), tuple(notes))


def _place(spec: Spec, target: Target, key: str) -> Place:
    """Where ``target`` declares ``key``: in its own file, or in the file that declares it (a declarations file)."""
    origin = target.origins.get(key)
    if origin is None:
        return Place(spec.path, target.line, target.column)
    return Place(origin.path or spec.path, origin.line, origin.column)


def _purposes(plans: Iterable[list[Spec]]) -> dict[str, Place]:
    """Every purpose the plans' fields serve, with where a field first declares it."""
    found: dict[str, Place] = {}
    for specs in plans:
        for spec in specs:
            for target in spec.fields():
                for purpose in target.attrs.get("purposes") or ():
                    if isinstance(purpose, str) and purpose not in found:
                        found[purpose] = _place(spec, target, "purpose")
    return found


def _unwritable_categories(plans: Iterable[list[Spec]]) -> list[Refusal]:
    """A refusal for each category that cannot be a Fides key, where it is declared (once each)."""
    refusals: dict[str, Refusal] = {}
    for specs in plans:
        for spec in specs:
            for target in spec.fields():
                category = target.attrs.get("category")
                if isinstance(category, str) and not is_key(category) and category not in refusals:
                    message = (
                        f"category `{category}` cannot be a Fides key (letters, digits, `_`, `.`, `-`); correct it "
                        "(`minlint categories` lists them); nothing written"
                    )
                    refusals[category] = Refusal(*_place(spec, target, "category"), message)
    return list(refusals.values())


def _identities(name: str, specs: list[Spec], targets: list[Target], notes: list[str]) -> dict[str, str]:
    """The plan's ``subject_id`` fields (by reference) with the identity each stands for; a note for a
    reference naming no field, and for each plan declaration a dataset has no place for."""
    refs = {target.ref: target for target in targets}
    plan = next((target for spec in specs for target in spec.targets if target.kind == "plan"), None)
    attrs = plan.attrs if plan is not None else {}
    found: dict[str, str] = {}
    for ref in attrs.get("subject_id") or ():
        target = refs.get(ref)
        if target is None:
            notes.append(f"plan `{name}`: `subject_id` names `{ref}`, which is no field of it: not written")
            continue
        category = target.attrs.get("category")
        found[ref] = identity_of(category if isinstance(category, str) else None, str(target.attrs.get("name")))
    notes += [
        f"plan `{name}`: `{key}` not written: a Fides dataset has no place for it"
        for key in _PLAN_KEPT_OUT
        if attrs.get(key) is not None
    ]
    return found


def _inexact(fields: dict[str, list[FieldUses]], declared: list[Declaration]) -> list[str]:
    """One note per plan and category whose fields would read back with other declarations."""
    groups: dict[tuple[str, str], tuple[list[str], set[str]]] = {}
    read_back = ReadBack(declared)
    for dataset, members in fields.items():
        for field in members:
            differing = read_back.differences(field, dataset)
            if differing and field.category is not None:
                refs, aspects = groups.setdefault((field.plan, field.category), ([], set()))
                refs.append(field.ref)
                aspects.update(differing)
    notes = []
    for (plan, category), (refs, aspects) in groups.items():
        named = [aspect for aspect in ASPECTS if aspect in aspects]
        shown = ", ".join(refs[:3]) + (f" and {len(refs) - 3} more" if len(refs) > 3 else "")
        notes.append(
            f"plan `{plan}`: fields of category `{category}` would read back with other {joined(named)} "
            f"({shown}): a Fides privacy declaration covers every field of its categories (and those below them) in "
            "a dataset; a category of their own keeps fields apart"
        )
    return notes


def _sources(specs: list[Spec]) -> set[str]:
    """The files a plan's dataset is made from: its own, and those declaring its fields or subject identifiers."""
    found = {spec.path for spec in specs}
    for spec in specs:
        for target in spec.targets:
            found.update(origin.path for origin in target.origins.values() if origin.path)
            declared_in = target.attrs.get("subject_id_in") if target.kind == "plan" else None
            if isinstance(declared_in, str):
                found.add(declared_in)
    return found


def _dataset_manifests(
    plans: dict[str, list[Spec]], keys: dict[str, str], identities: dict[str, dict[str, str]]
) -> list[Manifest]:
    """A dataset manifest per plan, named ``<dataset-key-slug>.dataset.yml`` (``-2`` … when two meet)."""
    manifests = []
    stems: set[str] = set()
    for name, specs in plans.items():
        key = keys[name]
        stem = base = slug(key)
        number = 1
        while stem in stems:
            number += 1
            stem = f"{base}-{number}"
        stems.add(stem)
        sources = sorted(_sources(specs))
        shown = ", ".join(spec.path for spec in specs)
        document = {"dataset": [dataset_resource(key, specs, identities[name])]}
        manifests.append(Manifest(f"{stem}.dataset.yml", f"dataset `{key}` from {shown}", document, tuple(sources)))
    return manifests
