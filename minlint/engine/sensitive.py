"""Checks of the ``sensitive`` pack (``rules/sensitive.yaml``): what the data is.

Undeclared personal data, special categories, excessive precision, free text and unknown categories.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from minlint.engine.core import in_scope
from minlint.engine.names import NameMatcher, compile_matcher, words
from minlint.engine.rule import CheckContext, Hit
from minlint.engine.wording import code_list
from minlint.model.basis import basis_for
from minlint.model.spec import Target
from minlint.taxonomy import NONE_CATEGORY, covers
from minlint.vocabulary import SPECIAL_CONDITIONS

_MATCHERS: dict[int, tuple[object, NameMatcher]] = {}


def matcher_for(options: Mapping[str, Any], key: str = "") -> NameMatcher:
    """The compiled name matcher for a rule's options (compiled once per options object)."""
    source: object = options.get(key) if key else options
    cached = _MATCHERS.get(id(source))
    if cached is None or cached[0] is not source:
        cached = (source, compile_matcher(source if isinstance(source, Mapping) else {}))
        _MATCHERS[id(source)] = cached
    return cached[1]


def _parent_name(attrs: Mapping[str, Any]) -> str | None:
    """The name a field is nested in: its parent field, or for an event's own property the event.

    (A bare ``name`` in `Product Viewed` is the product's.)
    """
    parent = attrs.get("parent")
    if isinstance(parent, str):
        return parent.rsplit(".", 1)[-1]
    event = attrs.get("event")
    return event if isinstance(event, str) else None


def _own_category(target: Target) -> bool:
    origin = target.origins.get("category")
    return origin is not None and origin.owner == target.ref


def personal_data_names(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """A field whose name or format looks like personal data declares what category it is.

    Options: ``patterns`` and ``trailing`` (see :mod:`minlint.engine.names`), ``formats`` (format ->
    category). Fires when the field has no category, or only inherits ``none`` from a level above;
    a field a data contract marks ``pii: true`` looks like personal data whatever its name.
    """
    attrs = target.attrs
    category = attrs.get("category")
    if category is not None and (category != NONE_CATEGORY or _own_category(target)):
        return
    if attrs.get("type") == "boolean":
        return  # a yes/no answer about an email address is not the address
    said = _personal_by_name(attrs, options, heed_context=True)
    if said is None and attrs.get("pii") is True:
        said = ("it is marked `pii: true`", "user")  # a data contract's own word for it
    if said is None:
        return
    label, suggestion = said
    if category == NONE_CATEGORY:
        origin = target.origins["category"]
        yield Hit(
            f"`{target.ref}` inherits `category: none` from `{origin.owner}`, but it looks like personal data "
            f"({label}); declare its own category, e.g. `category: {suggestion}`"
        )
    else:
        yield Hit(
            f"`{target.ref}` looks like personal data ({label}) but declares no data category; "
            f"declare it, e.g. `category: {suggestion}`"
        )


def _personal_by_name(
    attrs: Mapping[str, Any], options: Mapping[str, Any], heed_context: bool
) -> tuple[str, str] | None:
    """What personal data a field's ``format`` (first) or name says it holds: ``(label, category)``.

    ``heed_context``: a name the field's description or event says is something else's is not read
    as personal data (see :func:`_said_otherwise`). Options as ML101's.
    """
    formats = options.get("formats") or {}
    field_format = attrs.get("format")
    if isinstance(field_format, str) and field_format in formats:
        return f"`format: {field_format}`", str(formats[field_format])
    found = matcher_for(options).match(str(attrs.get("name", "")), _parent_name(attrs))
    if found is None or (heed_context and _said_otherwise(found.category, attrs, options)):
        return None
    return found.label, found.category


def _said_otherwise(category: str, attrs: Mapping[str, Any], options: Mapping[str, Any]) -> bool:
    """Whether the field's description or its event says the name is not personal data after all.

    ``not_personal`` maps a category to words that, in the field's description, say the name is
    something else's (``clientName``, "name of the client application"); ``not_personal_events`` to
    words that do so in the name of the event the field sits in (``name`` in ``SDK Initialized``).
    """
    for option, text in (("not_personal", attrs.get("description")), ("not_personal_events", attrs.get("event"))):
        if not isinstance(text, str) or not text:
            continue
        table = options.get(option) or {}
        listed = next((value for key, value in table.items() if covers(key, category)), None)
        if listed and not set(words(text)).isdisjoint(listed):
            return True
    return False


def special_category(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Special-category data needs a declared Art. 9(2) condition; marketing only explicit consent.

    An Art. 6(1)(a) ``basis: consent`` is not the *explicit* consent of Art. 9(2)(a): the condition
    is always declared (``special_condition: explicit_consent`` or another). Options:
    ``explicit_only`` — purposes (ids or prefixes) for which only explicit consent is accepted
    (default ``[marketing]``).
    """
    attrs = target.attrs
    if not attrs.get("special"):
        return
    condition = attrs.get("special_condition")
    explicit_only = options.get("explicit_only", ["marketing"])
    category = attrs.get("category")
    for purpose in attrs.get("purposes", ()) or [None]:
        basis = basis_for(attrs, purpose) if purpose is not None else attrs.get("basis")
        if purpose is not None and in_scope(purpose, explicit_only):
            if basis != "consent" or condition != "explicit_consent":
                yield Hit(
                    f"`{target.ref}` is special-category data (`{category}`) used for `{purpose}`: "
                    "for marketing only explicit consent is accepted (`basis: consent` and "
                    "`special_condition: explicit_consent`)"
                )
            continue
        if condition in SPECIAL_CONDITIONS:
            continue
        for_purpose = f" for `{purpose}`" if purpose else ""
        if basis == "consent":
            yield Hit(
                f"`{target.ref}` is special-category data (`{category}`) processed{for_purpose} on `consent`, "
                "which is not the explicit consent GDPR Art. 9(2)(a) asks for; declare "
                "`special_condition: explicit_consent` (or the Art. 9(2) condition that applies)"
            )
            continue
        on = f"on `{basis}`" if basis else "with no lawful basis"
        yield Hit(
            f"`{target.ref}` is special-category data (`{category}`) processed{for_purpose} {on}; "
            "it needs a GDPR Art. 9(2) condition (`special_condition:`), e.g. explicit consent"
        )


def _needs_precision(purpose: str, options: Mapping[str, Any], context: CheckContext) -> bool:
    if in_scope(purpose, options.get("exempt_purposes", ["essential"])):
        return True
    definition = context.registry.lookup(purpose) if context.registry else None
    return bool(definition is not None and definition.options.get("needs_precision"))


def excessive_precision(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Precise values (exact location, full birth date, full IP) where a coarser form would serve.

    Options: ``categories`` (precise category -> coarser alternative, in words), ``names`` (a name
    matcher for precise-location fields without a category), ``exempt_purposes``.
    """
    attrs = target.attrs
    purposes = attrs.get("purposes", [])
    category = attrs.get("category")
    alternatives: Mapping[str, Any] = options.get("categories") or {}
    coarser: str | None = None
    precise: str | None = None
    if isinstance(category, str) and category != NONE_CATEGORY:
        for key, alternative in alternatives.items():
            if covers(key, category):
                precise, coarser = f"precise `{category}` data", str(alternative)
                break
    if coarser is None and category in (None, "user.location", "user.location.precise"):
        found = matcher_for(options, "names").match(str(attrs.get("name", "")))
        if found is not None:
            precise, coarser = found.label, str(alternatives.get(found.category, "a coarser value"))
    if coarser is None or (purposes and any(_needs_precision(purpose, options, context) for purpose in purposes)):
        return
    served = (
        f"its purpose {code_list(purposes)} would"
        if purposes
        else "with no declared purpose, nothing shows it would not"
    )
    if len(purposes) > 1:
        served = f"its purposes {code_list(purposes)} would"
    yield Hit(f"`{target.ref}` collects {precise}, but {served} be served by {coarser}")


_FREE_TEXT_DESCRIPTION = re.compile(
    r"free[- ]?(?:text|form)|anything the (?:user|customer) (?:types|writes|enters)|open[- ]text|user[- ]entered text",
    re.IGNORECASE,
)


def free_text(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Unstructured free-text fields: named like one, or a bare string described as free text."""
    attrs = target.attrs
    if attrs.get("type") not in (None, "string") or "enum" in attrs:
        return
    found = matcher_for(options).match(str(attrs.get("name", "")))
    if found is None:
        bare = not any(key in attrs for key in ("format", "maxLength", "pattern"))
        description = attrs.get("description")
        if not (bare and isinstance(description, str) and _FREE_TEXT_DESCRIPTION.search(description)):
            return
    yield Hit(
        f"`{target.ref}` is free text: it collects whatever people type, special-category data included; "
        "collect structured values (an `enum`) or bound and screen it"
    )


def known_category(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """The declared category is in the taxonomy (or the project's categories), or ``none``."""
    category = target.attrs.get("category")
    if not isinstance(category, str) or context.taxonomy.is_known(category):
        return
    suggestion = context.taxonomy.suggest(category)
    hint = f" (did you mean `{suggestion}`?)" if suggestion else ""
    yield Hit(
        f"category `{category}` is not in the Fides taxonomy or the project's categories{hint}; "
        "add it in a `kind: categories` file if it is your own"
    )


def credentials(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """An authentication secret collected for a purpose other than authentication, or shared.

    A secret by its declared category (under one of ``categories``) or, unless it declares another
    category, by its name (``patterns``, as ML101's). Options: ``allowed_purposes`` — the purposes
    (ids or prefixes) a secret may serve (default ``[essential]``).
    """
    attrs = target.attrs
    if attrs.get("type") == "boolean":
        return  # a yes/no answer about a password is not the password
    category = attrs.get("category")
    label: str | None = None
    if isinstance(category, str) and any(covers(scope, category) for scope in options.get("categories", ())):
        label = f"`{category}`"
    elif category is None or not _own_category(target):
        found = matcher_for(options).match(str(attrs.get("name", "")), _parent_name(attrs))
        if found is not None:
            label = found.label
    if label is None:
        return
    allowed = options.get("allowed_purposes", ["essential"])
    purposes: list[str] = attrs.get("purposes") or []
    beyond = [purpose for purpose in purposes if not in_scope(purpose, allowed)]
    recipients: list[str] = attrs.get("shared_with") or []
    if not purposes:
        yield Hit(
            f"`{target.ref}` is an authentication secret ({label}) collected for no declared purpose: "
            "a secret is never needed for anything but authenticating its owner; stop collecting it"
        )
    elif beyond:
        yield Hit(
            f"`{target.ref}` is an authentication secret ({label}) collected for {code_list(beyond)}: "
            "a secret is never needed for anything but authenticating its owner; stop collecting it"
        )
    elif recipients:
        yield Hit(
            f"`{target.ref}` is an authentication secret ({label}) shared with {code_list(recipients)}: "
            "a secret must stay with the service that authenticates its owner"
        )


def raw_capture(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Unbounded collection: a URL with its query string, a form input's raw value, an open object.

    URLs and form values are recognised by name (``patterns``, as ML101's; a form value by the name
    of the field it sits in); a declared ``pattern`` or ``enum`` bounds them. An object, and an
    array of objects, bounds what it takes by declaring its (elements') ``properties``; an array, by
    declaring the type of its ``items``. A field with no ``type`` is not judged: the type is optional.
    """
    attrs = target.attrs
    kind = attrs.get("type")
    if kind == "object":
        if not attrs.get("has_properties"):
            yield Hit(
                f"`{target.ref}` is an object with no declared properties: it collects whatever the sender "
                "puts in it; declare its `properties`"
            )
        return
    if kind == "array":
        items = attrs.get("items")
        element = items.get("type") if isinstance(items, dict) else None
        if element is None:
            yield Hit(
                f"`{target.ref}` is an array of anything: with no `items` type, each element may be whatever "
                "the sender puts in it, objects included; declare its `items`"
            )
        elif element == "object" and not attrs.get("has_properties"):
            yield Hit(
                f"`{target.ref}` is an array of objects with no declared properties: each element collects "
                "whatever the sender puts in it; declare the `properties` of its `items`"
            )
        return
    if kind not in (None, "string") or "enum" in attrs or "pattern" in attrs:
        return
    found = matcher_for(options).match(str(attrs.get("name", "")), _parent_name(attrs))
    if found is None:
        return
    if found.category == "url":
        yield Hit(
            f"`{target.ref}` is {found.label}: its query string and fragment carry whatever the page put "
            "there (email addresses, tokens, search terms); strip them before sending, and declare a "
            "`pattern` that says so"
        )
    else:
        yield Hit(
            f"`{target.ref}` captures {found.label} raw: whatever is typed, passwords and email addresses "
            "included; collect the fields you need by name instead"
        )


def category_contradicts_name(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """A field whose name says one kind of personal data declares a category of another kind.

    Options: as ML101's (``patterns``, ``trailing``, ``formats``), and ``same_kind``: category families
    whose members differ only in precision. A category that covers the one the name says, or one it
    covers, or one of the same such family, agrees with it; ``none`` is ML101's to judge.
    """
    attrs = target.attrs
    category = attrs.get("category")
    if not isinstance(category, str) or category == NONE_CATEGORY or attrs.get("type") == "boolean":
        return
    if attrs.get("category_known") is False:
        return  # a category that is no category at all is ML105's to report, not a contradiction
    found = _personal_by_name(attrs, options, heed_context=False)
    if found is None:
        return
    label, said = found
    if covers(said, category) or covers(category, said):
        return
    if any(covers(family, said) and covers(family, category) for family in options.get("same_kind", ())):
        return
    yield Hit(
        f"`{target.ref}` looks like {label} by its {'format' if label.startswith('`') else 'name'}, but declares "
        f"`category: {category}`; declare `{said}` (or a category under it), or rename the field"
    )


def classified_unprotected(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """A field its own format classifies as sensitive (a data contract's ``classification``) declares ``protection``.

    Options: ``levels`` — the classifications that call for protection (compared ignoring case and
    ``-``/``_``). Silent for special-category data, which ML303 reports, and for ``category: none``.
    """
    attrs = target.attrs
    level = attrs.get("classification")
    if not isinstance(level, str) or attrs.get("protection") or attrs.get("special"):
        return
    if attrs.get("category") == NONE_CATEGORY:
        return
    levels = {_level(item) for item in options.get("levels", ()) if isinstance(item, str)}
    if _level(level) not in levels:
        return
    yield Hit(
        f"`{target.ref}` is classified `{level}` but declares no protection: the classification promises "
        "safeguards the plan does not declare; declare how it is kept safe (`protection: encrypted`, `hashed`, "
        "`tokenised`, `pseudonymised` or `masked`) and who may read it (`access:`)"
    )


def _level(text: str) -> str:
    """A classification compared loosely: ``Highly-Confidential`` is ``highly confidential``."""
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


def unclassified(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """A field its format says nobody classified (a Fides field with no data category at any level)."""
    if target.attrs.get("unclassified") is True and not target.attrs.get("category"):
        yield Hit(
            f"`{target.ref}` has no data category here or above it: nobody can tell whether it is personal data, "
            "or of which kind; classify it"
        )
