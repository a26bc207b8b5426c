"""Field names that look like personal data: word splitting and pattern matching.

Names come in every style (``userEmail``, ``billing_phone``, ``IPAddress``, ``e-mail``), so a
name is first split into lower-case words. A pattern is a sequence of words (``phone number``)
that must end the name, optionally followed only by *trailing* words that do not change what
the value is (``email_hash``, ``phone_number``, ``address_line_2``). That is what keeps
``email_opt_in`` (a yes/no answer) and ``ip_country`` (a country) from matching ``email`` and
``ip``. The patterns themselves are data, in the rule pack's options.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

# An upper-case run before a version ("IPv4"), an upper-case run before a capitalised word
# ("IPAddress"), a capitalised or lower-case word, an upper-case run, a number.
_WORD = re.compile(r"[A-Z]{2,}v(?=\d)|[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


@lru_cache(maxsize=8192)
def words(name: str) -> tuple[str, ...]:
    """Split a field name into lower-case words: ``IPAddress_v2`` -> ``("ip", "address", "v", "2")``."""
    return tuple(word.lower() for word in _WORD.findall(name))


class NamePattern(NamedTuple):
    """Words that, ending a field name, say what personal data the field holds."""

    words: tuple[str, ...]
    category: str
    label: str
    after: frozenset[str] | None = None  # if set, the words must start the name or follow one of these
    not_after: frozenset[str] = frozenset()  # the words must not follow one of these


class NameMatcher:
    """A compiled set of patterns and trailing words (from a rule's options).

    ``trailing`` holds single words; ``trailing_runs`` the trailing entries that split into several
    words (``sha256`` is ``sha``, ``256``), longest first. Names starting with a ``flag_words`` word
    are flags or counts about the data (``has_email``, ``num_emails``), not the data.

    Matching is a dictionary lookup per possible end of the name (patterns are indexed by their
    last word), and results are cached per name: field names repeat across a project.
    """

    __slots__ = ("_by_last", "_cache", "flag_words", "patterns", "trailing", "trailing_runs")

    def __init__(
        self,
        patterns: tuple[NamePattern, ...],
        trailing: frozenset[str],
        trailing_runs: tuple[tuple[str, ...], ...] = (),
        flag_words: frozenset[str] = frozenset(),
    ) -> None:
        self.patterns = patterns
        self.trailing = trailing
        self.trailing_runs = trailing_runs
        self.flag_words = flag_words
        self._by_last: dict[str, list[tuple[int, NamePattern]]] = {}
        for order, pattern in enumerate(patterns):
            self._by_last.setdefault(pattern.words[-1], []).append((order, pattern))
        self._cache: dict[tuple[str, str | None], NamePattern | None] = {}

    def match(self, name: str, parent: str | None = None) -> NamePattern | None:
        """The longest pattern that ends ``name`` (trailing words aside), or None.

        ``parent`` is the name of the field this one is nested in: when a pattern's words start the
        name, the parent's last word is what they follow (``customer.name`` is a person's name,
        ``form_element.name`` is not). Among patterns of equal length the first listed wins.
        """
        key = (name, parent)
        if key in self._cache:
            return self._cache[key]
        found = self._match(words(name), words(parent)[-1] if parent and words(parent) else None)
        if len(self._cache) < 100_000:
            self._cache[key] = found
        return found

    def _match(self, tokens: tuple[str, ...], context: str | None) -> NamePattern | None:
        if tokens and tokens[0] in self.flag_words and len(tokens) > 1:
            return None
        decided: dict[int, bool] = {}
        best: tuple[int, int, NamePattern] | None = None  # (-length, order, pattern)
        end = len(tokens)
        while end > 0:
            for order, pattern in self._by_last.get(tokens[end - 1], ()):
                size = len(pattern.words)
                if order in decided or size > end or tokens[end - size : end] != pattern.words:
                    continue
                # The first (closest to the end) place a pattern occurs decides whether it applies.
                decided[order] = self._context_ok(pattern, tokens[end - size - 1] if end > size else context)
                if decided[order] and (best is None or (-size, order) < best[:2]):
                    best = (-size, order, pattern)
            stripped = self._trailing_size(tokens, end)
            if not stripped:
                break
            end -= stripped
        return best[2] if best is not None else None

    @staticmethod
    def _context_ok(pattern: NamePattern, before: str | None) -> bool:
        if before is not None and before in pattern.not_after:
            return False
        return pattern.after is None or before is None or before in pattern.after

    def _trailing_size(self, tokens: tuple[str, ...], end: int) -> int:
        """How many words at ``tokens[:end]``'s end form one trailing entry (0 if none)."""
        if end == 0:
            return 0
        for run in self.trailing_runs:
            if end >= len(run) and tokens[end - len(run) : end] == run:
                return len(run)
        token = tokens[end - 1]
        return 1 if token.isdigit() or token in self.trailing else 0


def _word_list(value: object) -> tuple[str, ...]:
    return tuple(words(value)) if isinstance(value, str) else ()


def _set(value: object) -> frozenset[str]:
    return frozenset(str(item).lower() for item in value) if isinstance(value, list) else frozenset()


def compile_matcher(options: Mapping[str, Any]) -> NameMatcher:
    """Build a matcher from a rule's options.

    ``patterns`` is a list of ``{words, category, label, after, not_after}`` where ``words`` may list
    alternatives separated by ``|``; ``trailing`` is a list of words allowed after a pattern.
    """
    patterns: list[NamePattern] = []
    for entry in options.get("patterns") or ():
        if not isinstance(entry, Mapping):
            continue
        alternatives = str(entry.get("words", "")).split("|")
        after = _set(entry["after"]) if isinstance(entry.get("after"), list) else None
        for alternative in alternatives:
            tokens = _word_list(alternative.strip())
            if tokens:
                patterns.append(
                    NamePattern(
                        tokens,
                        str(entry.get("category", "")),
                        str(entry.get("label", alternative.strip())),
                        after,
                        _set(entry.get("not_after")),
                    )
                )
    trailing = [words(str(item)) for item in options.get("trailing") or () if str(item).strip()]
    runs = sorted({run for run in trailing if len(run) > 1}, key=lambda run: (-len(run), run))
    return NameMatcher(
        tuple(patterns),
        frozenset(run[0] for run in trailing if len(run) == 1),
        tuple(runs),
        _set(options.get("flag_words")),
    )


def merge_options(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Options of a rule extended by a pack.

    Lists are appended, mappings merged (recursively), other values replaced.
    """
    merged = dict(base)
    for key, value in extra.items():
        current = merged.get(key)
        if isinstance(current, list) and isinstance(value, list):
            merged[key] = [*current, *value]
        elif isinstance(current, Mapping) and isinstance(value, Mapping):
            merged[key] = merge_options(current, value)
        else:
            merged[key] = value
    return merged
