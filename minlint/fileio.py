"""Writing files safely: whole or not at all, and never over an existing file unless asked.

Everything minlint writes (``--output``, a baseline, ``init``) goes through :func:`write_atomic`:
the content is written to a temporary file in the same folder, flushed to disk, then moved into
place in one step, so a crash or a full disk leaves the old file intact and never a truncated one.

The temporary file is ``.NAME.RANDOM.tmp`` (RANDOM: 12 hexadecimal digits). It is removed on any
failure, and on SIGINT or SIGTERM (:mod:`minlint.interrupts`: the signal unwinds the write, and
is held back for the instant between creating the file and remembering its name). Only SIGKILL
or a crash can leave one behind: the next write of the same NAME removes those of its own (owned
by the same user, regular files, untouched for :data:`STALE_AFTER` seconds) — never any other file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

from minlint import interrupts

STALE_AFTER = 3600  # a temporary file untouched this long belongs to a write that will never finish
_RANDOM_DIGITS = 12  # hexadecimal digits of RANDOM in .NAME.RANDOM.tmp
_HEX = frozenset("0123456789abcdef")


def write_atomic(
    path: Path, content: str | bytes, *, overwrite: bool, durable: bool = True, sweep: bool = True
) -> None:
    """Write ``content`` to ``path`` atomically.

    Raises FileExistsError if ``path`` exists and ``overwrite`` is false (checked atomically where
    the file system supports hard links), and OSError for any I/O failure — in every failure case,
    and when SIGINT or SIGTERM stops the write, the previous file, if any, is untouched and no
    temporary file is left behind. ``durable`` flushes the bytes to disk before the rename (a cache
    entry, cheap to lose, need not wait). ``sweep`` first removes stale temporary files of earlier
    writes of ``path`` that were killed (:func:`sweep_stale`; the cache, pruned anyway, skips it).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = path.parent if str(path.parent) else Path(".")
    if sweep:
        sweep_stale(folder, path.name)
    temporary = handle = None
    try:
        with interrupts.deferred:  # a signal now would leave a file nobody knows the name of
            descriptor, temporary = _temporary(folder, path.name)
            handle = os.fdopen(descriptor, "wb")
        with handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            _link_new(temporary, path)
    except BaseException:
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):
        os.chmod(path, 0o666 & ~_umask())


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new file ``.NAME.RANDOM.tmp`` in ``folder``, open for writing, readable by its owner only.

    What ``tempfile.mkstemp`` does, without importing ``tempfile`` (and ``random`` and ``shutil``
    with it), which would cost a pre-commit hook's every cache write several milliseconds.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)  # Windows: no newline translation
    for _ in range(100):
        temporary = str(folder / f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(temporary, flags, 0o600), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def sweep_stale(folder: Path, name: str, max_age: float = STALE_AFTER) -> list[str]:
    """Remove the temporary files a killed write of ``folder/name`` left; the names removed.

    Only ``.NAME.RANDOM.tmp`` exactly (RANDOM: 12 lowercase hexadecimal digits, as
    :func:`write_atomic` makes them), only regular files (never a symlink or anything it points
    to), only those owned by this user, and only those not modified for ``max_age`` seconds — a
    write in progress touches its file. Fails soft: a folder that cannot be listed is left alone.
    """
    prefix = f".{name}."
    expected = len(prefix) + _RANDOM_DIGITS + len(".tmp")
    cutoff = time.time() - max_age
    owner = os.geteuid() if hasattr(os, "geteuid") else None
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            candidate = entry.name
            if len(candidate) != expected or not candidate.startswith(prefix) or not candidate.endswith(".tmp"):
                continue
            if not _HEX.issuperset(candidate[len(prefix) : len(prefix) + _RANDOM_DIGITS]):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode) or info.st_mtime > cutoff:
                    continue
                if owner is not None and info.st_uid != owner:
                    continue
                os.unlink(entry.path)
                removed.append(candidate)
    return removed


def _link_new(temporary: str, path: Path) -> None:
    """Move ``temporary`` to ``path`` only if ``path`` does not exist yet."""
    try:
        os.link(temporary, path)
    except OSError as error:
        if error.errno == errno.EEXIST:
            raise FileExistsError(errno.EEXIST, "file exists", str(path)) from None
        if error.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        # No hard links here (some network and FAT file systems): check, then move.
        if path.exists():
            raise FileExistsError(errno.EEXIST, "file exists", str(path)) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
