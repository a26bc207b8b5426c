"""The cache stage: storage (here), keys (:mod:`.keys`) and every plain-data codec (:mod:`.codecs`).

The cache lives in ``.minlint_cache/`` at the project root.

Like ruff's and ESLint's, it makes an unchanged project nearly free to check again. Every entry is
keyed on what its result depends on — the file's bytes, the minlint version, the rules and their
options, the configuration, the project's purposes and categories — so a stale entry is never found,
only missed. Entries are written atomically (a temporary file renamed into place), so concurrent
runs at worst write the same entry twice; each carries a checksum and is read with ``marshal``
(plain data only, nothing executed), and one that fails any check is ignored and rewritten, never
trusted. A ``.gitignore`` inside keeps the folder out of git; ``--no-cache`` bypasses it all.

Nothing in the folder is trusted, since a cache restored in CI is whatever its last writer put
there. An entry is opened without following a symlink and without blocking (a FIFO), and read
only if it is a regular file of at most :data:`MAX_ENTRY` bytes, never more than that; a folder of
the cache (the cache's own included) that is a symlink or not a folder makes its entries missing,
and nothing is written through it. ``.gitignore``, ``CACHEDIR.TAG`` and the ``pruned`` marker are
replaced, never written through, when they are not regular files, and pruning never follows a
symlink out of the cache.

Three parts: :class:`Cache` (storage, here), the keys (:mod:`minlint.run.cache.keys`: everything
a result depends on, listed there and nowhere else), and the codecs (:mod:`minlint.run.cache.codecs`)
turning findings, suppressions, outcomes, run reports and rule packs into plain data and back (also
what worker processes send).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
import time
from pathlib import Path

from minlint.fileio import write_atomic

FOLDER = ".minlint_cache"
LAYOUT = "v1"
MAGIC = b"MLC1"
_CHECKSUM = 16
# The largest entry read or written. A file's entry is smaller than the file (about 0.8 times its
# size: 13 MB for a file at the default 16 MB `max-file-size`), a run's about 120 bytes a finding
# (64 MB: half a million findings). A larger result is simply not cached; a larger file in the
# folder was not written by minlint, and reading it would cost memory for nothing.
MAX_ENTRY = 64 * 1024 * 1024
# An entry is opened as what it claims to be or not at all: no symlink followed, no FIFO waited on.
_OPEN_ENTRY = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
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
        self._folders: set[str] = set()  # folders of the cache found to be real folders

    def _path(self, namespace: str, key: str) -> Path:
        return self.folder / LAYOUT / namespace / key[:2] / key

    def _real_folder(self, folder: Path, create: bool) -> bool:
        """Whether ``folder`` and each folder above it up to the cache's own are folders, not symlinks.

        Missing ones are made when ``create``; otherwise a missing one is a ``False`` (no entry there).
        """
        shown = str(folder)
        if shown in self._folders:
            return True
        parts = folder.relative_to(self.folder).parts
        current = self.folder
        for depth in range(len(parts) + 1):
            if depth:
                current = current / parts[depth - 1]
            if str(current) in self._folders:
                continue
            try:
                mode = os.lstat(current).st_mode
            except FileNotFoundError:
                if not create:
                    return False
                with contextlib.suppress(FileExistsError):
                    if depth:
                        os.mkdir(current)
                    else:
                        os.makedirs(current)  # the project's folders above: not the cache's business
                mode = os.lstat(current).st_mode
            except OSError:
                return False
            if not stat.S_ISDIR(mode):
                return False
            self._folders.add(str(current))
        return True

    def get(self, namespace: str, key: str) -> object | None:
        """The value stored under ``key``, or None if there is none or it cannot be trusted."""
        if not self.enabled:
            return None
        path = self._path(namespace, key)
        if not self._real_folder(path.parent, create=False):
            return None
        try:
            descriptor = os.open(path, _OPEN_ENTRY)
        except OSError:
            return None
        try:
            data = _read_entry(descriptor)
            if data is None:
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
                os.utime(descriptor if os.utime in os.supports_fd else path)  # recently used: kept by pruning
            return value
        finally:
            os.close(descriptor)

    def put(self, namespace: str, key: str, value: object) -> None:
        """Store ``value`` (plain data: tuples, lists, dicts, str, int, float, bool, None) under ``key``."""
        if not self.enabled:
            return
        try:
            payload = marshal.dumps(value)  # type: ignore[arg-type]  # checked at run time (ValueError)
        except ValueError:
            return
        data = MAGIC + _checksum(payload) + payload
        if len(data) > MAX_ENTRY:
            return  # never read back (see MAX_ENTRY): not worth writing
        path = self._path(namespace, key)
        try:
            if self._prepare() and self._real_folder(path.parent, create=True):
                _write_atomic(path, data)
        except OSError:
            return  # a read-only checkout, a full disk: run without the cache

    def _prepare(self) -> bool:
        """Make the cache's folder, tagged and git-ignored; False if it is not a real folder."""
        if self._prepared:
            return True
        if not self._real_folder(self.folder, create=True):
            return False
        for name, text in (("CACHEDIR.TAG", _CACHEDIR_TAG), (".gitignore", _GITIGNORE)):
            if not _regular_file(self.folder / name):  # missing, or planted: replaced, never written through
                _write_atomic(self.folder / name, text.encode("utf-8"))
        self._prepared = True
        return True

    def prune_now_and_then(self, *namespaces: str) -> None:
        """:meth:`prune` ``namespaces``, at most once a day: walking every entry costs each run too much."""
        if not self.enabled:
            return
        layout = self.folder / LAYOUT
        if not self._real_folder(layout, create=False):
            return  # nothing stored yet, or not a folder of minlint's
        marker = layout / "pruned"
        with contextlib.suppress(OSError):
            info = os.lstat(marker)
            if stat.S_ISREG(info.st_mode) and time.time() - info.st_mtime < PRUNE_EVERY:
                return
        for namespace in namespaces:
            self.prune(namespace)
        with contextlib.suppress(OSError):
            _write_atomic(marker, b"")  # replaces whatever is there (a symlink too), never writes through it

    def prune(self, namespace: str, max_age: float = MAX_AGE) -> None:
        """Remove entries of ``namespace`` not used for ``max_age`` seconds.

        Only inside the cache: a bucket that is a symlink is not entered, and an entry that is a
        symlink is removed itself (by its own age), never what it points to.
        """
        if not self.enabled:
            return
        cutoff = time.time() - max_age
        base = self.folder / LAYOUT / namespace
        if not self._real_folder(base, create=False):
            return
        with contextlib.suppress(OSError), os.scandir(base) as buckets:
            for bucket in buckets:
                if not bucket.is_dir(follow_symlinks=False):
                    continue
                with contextlib.suppress(OSError), os.scandir(bucket.path) as entries:
                    for entry in entries:
                        with contextlib.suppress(OSError):
                            if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                                os.unlink(entry.path)


def _write_atomic(path: Path, data: bytes) -> None:
    write_atomic(path, data, overwrite=True, durable=False, sweep=False)  # pruning removes stale temporary files


def _read_entry(descriptor: int) -> bytes | None:
    """The bytes of the open entry if it is a regular file of at most :data:`MAX_ENTRY` bytes, else None."""
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY:
            return None
        data = os.read(descriptor, info.st_size + 1)  # one more: a file growing meanwhile is not read whole
    except OSError:
        return None
    return data if len(data) <= info.st_size else None


def _regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _checksum(payload: bytes) -> bytes:
    return _blake2b(payload, digest_size=_CHECKSUM).digest()
