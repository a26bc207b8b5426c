"""The cache stage: storage (here), keys (:mod:`.keys`) and every plain-data codec (:mod:`.codecs`).

The cache lives in ``.minlint_cache/`` at the project root.

Like ruff's and ESLint's, it makes an unchanged project nearly free to check again. Every entry is
keyed on what its result depends on — the file's bytes, the minlint version, the rules and their
options, the configuration, the project's purposes and categories — so a stale entry is never found,
only missed. Entries are written atomically (a temporary file renamed into place), so concurrent
runs at worst write the same entry twice; each carries a checksum and is read with ``marshal``
(plain data only, nothing executed), and one that fails any check is ignored and rewritten, never
trusted. A ``.gitignore`` inside keeps the folder out of git; ``--no-cache`` bypasses it all.

Three parts: :class:`Cache` (storage, here), the keys (:mod:`minlint.run.cache.keys`: everything
a result depends on, listed there and nowhere else), and the codecs (:mod:`minlint.run.cache.codecs`)
turning findings, suppressions, outcomes, run reports and rule packs into plain data and back (also
what worker processes send).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import time
from pathlib import Path

from minlint.fileio import write_atomic

FOLDER = ".minlint_cache"
LAYOUT = "v1"
MAGIC = b"MLC1"
_CHECKSUM = 16
MAX_AGE = 14 * 24 * 3600  # entries not used for two weeks are removed now and then
PRUNE_EVERY = 24 * 3600  # how often: at most once a day
_GITIGNORE = "# minlint's cache: safe to delete.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n# This is minlint's cache (https://bford.info/cachedir/).\n"
)


try:
    # BLAKE2 without `hashlib`, which loads OpenSSL first: milliseconds of every hook run.
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b as _blake2b


def digest(*parts: bytes | str) -> str:
    """A hex key for the given parts (unambiguous: each part is length-prefixed)."""
    hasher = _blake2b(digest_size=20)
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

    def prune_now_and_then(self, *namespaces: str) -> None:
        """:meth:`prune` ``namespaces``, at most once a day: walking every entry costs each run too much."""
        if not self.enabled:
            return
        marker = self.folder / LAYOUT / "pruned"
        try:
            if time.time() - marker.stat().st_mtime < PRUNE_EVERY:
                return
        except OSError:
            pass  # never pruned here: prune now
        for namespace in namespaces:
            self.prune(namespace)
        with contextlib.suppress(OSError):
            marker.touch()

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
    return _blake2b(payload, digest_size=_CHECKSUM).digest()
