"""Writing files safely: whole or not at all, and never over an existing file unless asked.

Everything minlint writes (``--output``, a baseline, ``init``) goes through :func:`write_atomic`:
the content is written to a temporary file in the same folder, flushed to disk, then moved into
place in one step, so a crash or a full disk leaves the old file intact and never a truncated one.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path


def write_atomic(path: Path, content: str | bytes, *, overwrite: bool, durable: bool = True) -> None:
    """Write ``content`` to ``path`` atomically.

    Raises FileExistsError if ``path`` exists and ``overwrite`` is false (checked atomically where
    the file system supports hard links), and OSError for any I/O failure — in every failure case
    the previous file, if any, is untouched and no temporary file is left behind. ``durable``
    flushes the bytes to disk before the rename (a cache entry, cheap to lose, need not wait).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = _temporary(folder, path.name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            _link_new(temporary, path)
    except BaseException:
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
