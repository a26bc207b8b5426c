"""The cache stage: storage, keys and every plain-data codec, in ``.minlint_cache/`` at the project root.

Like ruff's and ESLint's, it makes an unchanged project nearly free to check again. Every entry is
keyed on what its result depends on — the file's bytes, the minlint version, the rules and their
options, the configuration, the project's purposes and categories — so a stale entry is never found,
only missed. Entries are written atomically (a temporary file renamed into place), so concurrent
runs at worst write the same entry twice; each carries a checksum and is read with ``marshal``
(plain data only, nothing executed), and one that fails any check is ignored and rewritten, never
trusted. A ``.gitignore`` inside keeps the folder out of git; ``--no-cache`` bypasses it all.

Three parts: :class:`Cache` (storage), the keys (:func:`settings_key`, :func:`run_key`,
:func:`file_key` — everything a result depends on, listed here and nowhere else), and the codecs
turning findings, suppressions, outcomes and run reports into plain data and back (also what
worker processes send).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minlint import __version__
from minlint.engine.rule import RuleDef
from minlint.fileio import write_atomic
from minlint.findings import Finding, Summary
from minlint.report import Report
from minlint.run.file import Outcome
from minlint.suppressions import Suppression

if TYPE_CHECKING:
    from minlint.run.request import Settings

FOLDER = ".minlint_cache"
LAYOUT = "v1"
MAGIC = b"MLC1"
_CHECKSUM = 16
MAX_AGE = 14 * 24 * 3600  # entries not used for two weeks are removed now and then
_GITIGNORE = "# minlint's cache: safe to delete.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n# This is minlint's cache (https://bford.info/cachedir/).\n"
)


def digest(*parts: bytes | str) -> str:
    """A hex key for the given parts (unambiguous: each part is length-prefixed)."""
    import hashlib  # here: a run without the cache needs none of it

    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


class Cache:
    """Entries under ``root/.minlint_cache``; every operation fails soft (a cache is an optimisation)."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.folder = root / FOLDER
        self.enabled = enabled
        self._prepared = False

    def _path(self, namespace: str, key: str) -> Path:
        return self.folder / LAYOUT / namespace / key[:2] / key

    def get(self, namespace: str, key: str) -> object | None:
        """The value stored under ``key``, or None if there is none or it cannot be trusted."""
        if not self.enabled:
            return None
        path = self._path(namespace, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if len(data) < len(MAGIC) + _CHECKSUM or not data.startswith(MAGIC):
            return None
        checksum, payload = data[len(MAGIC) : len(MAGIC) + _CHECKSUM], data[len(MAGIC) + _CHECKSUM :]
        if _checksum(payload) != checksum:
            return None
        try:
            value: object = marshal.loads(payload)
        except (ValueError, EOFError, TypeError):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept by pruning
        return value

    def put(self, namespace: str, key: str, value: object) -> None:
        """Store ``value`` (plain data: tuples, lists, dicts, str, int, float, bool, None) under ``key``."""
        if not self.enabled:
            return
        try:
            payload = marshal.dumps(value)  # type: ignore[arg-type]  # checked at run time (ValueError)
        except ValueError:
            return
        data = MAGIC + _checksum(payload) + payload
        try:
            self._prepare()
            _write_atomic(self._path(namespace, key), data)
        except OSError:
            return  # a read-only checkout, a full disk: run without the cache

    def _prepare(self) -> None:
        if self._prepared:
            return
        for name, text in (("CACHEDIR.TAG", _CACHEDIR_TAG), (".gitignore", _GITIGNORE)):
            if not (self.folder / name).exists():
                _write_atomic(self.folder / name, text.encode("utf-8"))
        self._prepared = True

    def prune(self, namespace: str, max_age: float = MAX_AGE) -> None:
        """Remove entries of ``namespace`` not used for ``max_age`` seconds."""
        if not self.enabled:
            return
        cutoff = time.time() - max_age
        base = self.folder / LAYOUT / namespace
        with contextlib.suppress(OSError):
            for bucket in os.scandir(base):
                with contextlib.suppress(OSError):
                    for entry in os.scandir(bucket.path):
                        if entry.stat().st_mtime < cutoff:
                            os.unlink(entry.path)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data, overwrite=True, durable=False)


def _checksum(payload: bytes) -> bytes:
    import hashlib

    return hashlib.blake2b(payload, digest_size=_CHECKSUM).digest()


# -- keys: what each stored result depends on -----------------------------------------------------


def settings_key(settings: Settings) -> str:
    """What per-file results depend on besides the file and the project's context."""
    rules = sorted(repr(rule) for rule in settings.rules)
    return digest(
        __version__,
        *rules,
        repr(sorted(settings.severities.items())),
        # Suppressions naming a rule that exists but does not run are not "unknown rules" (ML905).
        *sorted(f"{rule.id}:{rule.name}" for rule in settings.known_rules),
        repr(settings.limits),
        str(settings.max_file_size),
        str(settings.pure_yaml),
    )


def run_key(settings: str, report_only: frozenset[str] | None, contents: list[str]) -> str:
    """A whole run: the settings, which files are reported, every file's name and content digest."""
    return digest(settings, repr(sorted(report_only or ())), str(report_only is None), *contents)


def context_key(settings: str, context: list[tuple[str, str]], facts: bool) -> str:
    """What a file's result depends on besides itself: settings, the context files, whether facts are kept."""
    return digest(settings, digest(*(part for pair in context for part in pair)), str(facts))


def file_key(context: str, display: str, content: str, report: bool) -> str:
    """One file's outcome: checked in full (``report``) or read for context only."""
    return digest(context, display, content, "report" if report else "context")


# -- codecs: plain data (tuples, strings, numbers) for the cache and for worker processes --------


def finding_data(finding: Finding) -> tuple[Any, ...]:
    """A finding as a tuple of plain values."""
    return (
        finding.path,
        finding.line,
        finding.column,
        finding.rule,
        finding.message,
        finding.name,
        finding.severity,
        finding.target,
        finding.scope,
    )


def finding_from(data: Any) -> Finding:
    """The finding :func:`finding_data` made."""
    path, line, column, rule, message, name, severity, target, scope = data
    return Finding(path, line, column, rule, message, name, severity, target, scope)


def suppression_data(item: Suppression) -> tuple[Any, ...]:
    """A suppression as a tuple of plain values."""
    return (
        item.path,
        item.line,
        item.column,
        item.applies_to,
        item.codes,
        item.until.isoformat() if item.until else None,
        item.reason,
        item.problem,
    )


def suppression_from(data: Any) -> Suppression:
    """The suppression :func:`suppression_data` made."""
    path, line, column, applies_to, codes, until, reason, problem = data
    return Suppression(
        path, line, column, applies_to, tuple(codes), date.fromisoformat(until) if until else None, reason, problem
    )


def outcome_data(outcome: Outcome) -> tuple[Any, ...]:
    """An outcome (without its full model) as plain data."""
    return (
        outcome.path,
        outcome.is_spec,
        tuple(finding_data(finding) for finding in outcome.findings),
        tuple(suppression_data(item) for item in outcome.suppressions),
        outcome.kind,
        outcome.name,
        outcome.fields,
        tuple(outcome.facts),
    )


def outcome_from(data: Any) -> Outcome:
    """The outcome :func:`outcome_data` made; raises (TypeError, ValueError …) on data of another shape."""
    path, is_spec, findings, suppressions, kind, name, fields, facts = data
    if not isinstance(path, str) or not isinstance(fields, int):
        raise TypeError("not an outcome")
    return Outcome(
        path,
        bool(is_spec),
        [finding_from(item) for item in findings],
        [suppression_from(item) for item in suppressions],
        kind,
        name,
        fields,
        [(ref, line, column, tuple(values)) for ref, line, column, values in facts],
    )


def report_data(report: Report) -> tuple[Any, ...]:
    """A run's report before the gates (findings, suppressions, counts) as plain data."""
    summary = report.summary
    return (
        tuple(finding_data(finding) for finding in report.findings),
        tuple(suppression_data(item) for item in report.suppressions),
        (summary.files, summary.fields, summary.skipped),
    )


def report_from(data: Any, rules: tuple[RuleDef, ...]) -> Report | None:
    """The report :func:`report_data` made (``rules``: the run's); None for data of another shape."""
    try:
        findings, suppressions, (files, fields, skipped) = data
        found = tuple(finding_from(item) for item in findings)
        return Report(
            found,
            Summary.of(list(found), int(files), int(fields), int(skipped)),
            rules,
            suppressions=tuple(suppression_from(item) for item in suppressions),
        )
    except (TypeError, ValueError):
        return None
