"""The context pass: the project's purposes and categories files, read before anything else.

Every other file is checked against what these declare (the purposes registry, the project's
data categories), so they are read first. The files given are those whose bytes *may* be context
(:func:`minlint.run.read.maybe_context` never misses one); any that turns out to be something
else — a plan mentioning ``kind: purposes`` in a comment — is a *misfit*: only parsed here (not
validated, not modelled), and handed to the file pass, which reads it again like any other file.
"""

from __future__ import annotations

from typing import NamedTuple

from minlint.engine.rule import CheckContext
from minlint.model.overlay import Overlay
from minlint.model.purposes import PurposeRegistry
from minlint.model.recipients import RecipientRegistry
from minlint.readers import ForeignContext
from minlint.run.file import PER_FILE_TARGETS, Context, Outcome, read_outcome
from minlint.run.read import Source
from minlint.taxonomy import Taxonomy
from minlint.vocabulary import CONTEXT_KINDS, DECLARATIONS


class ContextResult(NamedTuple):
    """What the context pass found: the context files' outcomes, the registry and taxonomy they form."""

    outcomes: list[Outcome]
    registry: PurposeRegistry
    taxonomy: Taxonomy
    recipients: RecipientRegistry
    paths: frozenset[str]  # the spec files read as context (what other files' results depend on)
    misfits: frozenset[str]  # files that may have been context but are not: the file pass reads them
    foreign: ForeignContext  # declarations files and catalogs, for plans in other formats


def context_pass(files: list[Source], base: Context) -> ContextResult:
    """Read the maybe-context ``files`` (bytes in hand), then check the context files with what they form."""
    outcomes: list[Outcome] = []
    misfits: set[str] = set()
    parts: dict[str, list[object]] = {}
    for file in files:
        assert file.data is not None  # maybe-context files keep their bytes
        outcome, document = read_outcome(file.display, file.data, base, only_kinds=CONTEXT_KINDS)
        if outcome.kind is not None and outcome.kind not in CONTEXT_KINDS:
            misfits.add(file.display)
            file.data = None  # read again, as any other file, in the file pass
            continue
        outcome.spec = document.spec
        outcomes.append(outcome)
        if document.part is not None:
            parts.setdefault(document.part[0], []).append(document.part[1])
    overlays = tuple(part for part in parts.pop(DECLARATIONS, ()) if isinstance(part, Overlay))
    foreign = ForeignContext(overlays, {name: tuple(values) for name, values in parts.items()})
    specs = [outcome.spec for outcome in outcomes if outcome.spec is not None]
    registry = PurposeRegistry(purpose for spec in specs for purpose in spec.purposes)
    recipients = RecipientRegistry.of_specs(specs)
    taxonomy = Taxonomy.builtin().with_categories(category for spec in specs for category in spec.categories)
    for outcome in outcomes:
        if outcome.spec is not None:
            check_context = CheckContext(outcome.spec, registry, taxonomy, recipients)
            outcome.findings.extend(base.engine.findings_for(outcome.spec, check_context, PER_FILE_TARGETS))
    # What other files' results depend on: the context specs (a non-spec that only may have been
    # context is not; should it become a spec, its digest changes and it enters the key).
    paths = frozenset(outcome.path for outcome in outcomes if outcome.is_spec)
    return ContextResult(outcomes, registry, taxonomy, recipients, paths, frozenset(misfits), foreign)
