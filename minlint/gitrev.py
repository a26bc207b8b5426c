"""Read specs as they were at a git revision, without touching the work tree, the index or anything in ``.git``.

``minlint check --new-since REF`` compares the findings of the work tree with those of the specs at ``REF``.
This module is the git side: find the repository, resolve ``REF`` to a commit, read every spec blob of that
commit through one ``git cat-file --batch`` process, and list the files renamed since then so findings can be
matched across a move.

Only read-only plumbing is used (``rev-parse``, ``ls-tree``, ``cat-file``, ``diff-index``), always with an
argument list, ``GIT_OPTIONAL_LOCKS=0`` (no opportunistic index refresh), ``GIT_NO_LAZY_FETCH=1`` (a partial
clone must not download missing blobs into the object store; honoured by git 2.44 and later) and ``LC_ALL=C``.
Paths are read from NUL-terminated output (``-z``), so spaces, newlines, quotes and non-ASCII names come
through unquoted whatever ``core.quotepath`` says. Contents are the raw blobs: no smudge or end-of-line
filter is applied, so a file committed with CRLF line endings comes back with CRLF, and a file normalised
by ``.gitattributes`` comes back as stored (LF), which may differ from its work-tree copy.

Nothing git does may hang or swamp a run: every git process is killed after ``MINLINT_GIT_TIMEOUT``
seconds (:data:`DEFAULT_TIMEOUT`), no command's output is read past :data:`MAX_OUTPUT` bytes (the listing
is parsed as it streams, keeping only the specs), no blob past ``max_size`` is read and no commit's specs
past ``max_total`` bytes together — each of these a one-line :class:`GitError`.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import IO

from minlint import interrupts
from minlint.errors import SetupError
from minlint.paths import git_root
from minlint.vocabulary import walked_file

DEFAULT_MAX_SIZE = 16 * 1024 * 1024
DEFAULT_MAX_TOTAL = 512 * 1024 * 1024  # every spec of a commit together: far beyond what a check can hold anyway
MAX_OUTPUT = 256 * 1024 * 1024  # any git command's output: an `ls-tree -r -l` of some two million files
DEFAULT_TIMEOUT = 60.0  # seconds, for each git process
HEAD_SIZE = 64 * 1024  # what is read of a blob too large to read whole
TIMEOUT_VARIABLE = "MINLINT_GIT_TIMEOUT"
_MAX_MESSAGE = 64 * 1024  # what is read of git's stderr: its first line is all that is shown

_SYMLINK_MODE = "120000"
_CONFIG = ("-c", "core.quotepath=false")
_FETCH_HINT = "with actions/checkout, set `fetch-depth: 0`"


class GitError(SetupError):
    """A git operation failed; ``str(error)`` is a one-line message meant for the user."""


class Snapshot(dict[str, bytes]):
    """The specs of one commit: repo-relative POSIX path -> blob content, exactly as stored.

    ``too_large`` holds the matching blobs that were not read because they exceed the size limit,
    path -> size in bytes, so the caller can report them instead of silently ignoring them;
    ``heads`` holds the first :data:`HEAD_SIZE` bytes of each (enough to tell a spec from data).
    """

    too_large: dict[str, int]
    heads: dict[str, bytes]

    def __init__(
        self,
        files: dict[str, bytes] | None = None,
        too_large: dict[str, int] | None = None,
        heads: dict[str, bytes] | None = None,
    ) -> None:
        super().__init__(files or {})
        self.too_large = dict(too_large or {})
        self.heads = dict(heads or {})


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment.update({"GIT_OPTIONAL_LOCKS": "0", "GIT_NO_LAZY_FETCH": "1", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"})
    return environment


def _printable(text: str) -> str:
    """``text`` with control characters escaped, so a message stays on one line."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def _first_line(stderr: bytes, fallback: str) -> str:
    for raw in stderr.decode("utf-8", "replace").splitlines():
        line = raw.strip().removeprefix("fatal: ").removeprefix("error: ")
        if line:
            return _printable(line)
    return fallback


def _not_installed(error: OSError, cwd: Path) -> GitError:
    if error.filename is not None and os.fsdecode(error.filename) == str(cwd):
        return GitError(f"no such folder: {_printable(str(cwd))}")
    if isinstance(error, FileNotFoundError):
        return GitError("git is not installed (no `git` on PATH)")
    return GitError(f"cannot run git: {error.strerror or error}")


def timeout() -> float:
    """Seconds each git process may take: ``MINLINT_GIT_TIMEOUT`` if set (a positive number), else 60."""
    value = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise GitError(f"{TIMEOUT_VARIABLE} must be a number of seconds above 0, not `{_printable(value)}`")
    return seconds


def _size(count: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if count >= factor:
            return f"{count / factor:.3g} {unit}"
    return f"{count} bytes"


class _Deadline:
    """Kills ``process`` once ``seconds`` have passed; ``expired`` says whether it had to."""

    def __init__(self, process: subprocess.Popen[bytes], seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._process = process
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        with interrupts.blocked():  # SIGINT and SIGTERM are for the main thread (minlint.interrupts)
            self._timer.start()

    def _expire(self) -> None:
        self.expired = True
        with contextlib.suppress(OSError):
            self._process.kill()

    def cancel(self) -> None:
        """Stop the clock (the process is done)."""
        self._timer.cancel()

    def error(self, command: str) -> GitError:
        """The message for a git that did not finish in time."""
        return GitError(
            f"git {command} did not finish within {self.seconds:g} s; it was stopped "
            f"(set {TIMEOUT_VARIABLE} to allow more seconds)"
        )


def _git(
    cwd: Path, *args: str, consume: Callable[[bytes], None] | None = None, limit: int = MAX_OUTPUT
) -> subprocess.CompletedProcess[bytes]:
    """Run ``git ARGS`` in ``cwd`` and return the completed process (bytes, whatever the exit status).

    Stdout goes to ``consume`` chunk by chunk when given (and is then empty in the result). Raises
    :class:`GitError` when git takes longer than :func:`timeout` or prints more than ``limit`` bytes
    (git is killed then).
    """
    seconds = timeout()
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                ["git", *_CONFIG, *args],
                cwd=cwd,
                env=_environment(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=errors,
            )
        except OSError as error:
            raise _not_installed(error, cwd) from None
        assert process.stdout is not None
        deadline = _Deadline(process, seconds)
        chunks: list[bytes] = []
        try:
            read = 0
            while chunk := os.read(process.stdout.fileno(), 1 << 16):
                read += len(chunk)
                if read > limit:
                    raise GitError(
                        f"git {args[0]} printed more than {_size(limit)}; the repository is too large to compare"
                    )
                if consume is None:
                    chunks.append(chunk)
                else:
                    consume(chunk)
            process.wait()
        finally:
            deadline.cancel()
            process.stdout.close()
            if process.poll() is None:
                process.kill()
                process.wait()
        if deadline.expired:
            raise deadline.error(args[0])
        errors.seek(0)
        return subprocess.CompletedProcess(
            process.args, process.returncode, b"".join(chunks), errors.read(_MAX_MESSAGE)
        )


def _git_ok(cwd: Path, *args: str) -> bytes:
    """Stdout of ``git ARGS``; :class:`GitError` with git's own message when it fails."""
    done = _git(cwd, *args)
    if done.returncode != 0:
        raise GitError(_first_line(done.stderr, f"git {args[0]} failed (exit status {done.returncode})"))
    return done.stdout


def _refuse_option(value: str, what: str) -> None:
    if not value or value.startswith("-") or "\0" in value:
        raise GitError(f"unknown {what} `{_printable(value)}`")


def _decode_path(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def repository_root(start: Path) -> Path:
    """The top folder of the work tree containing ``start`` (a folder or a file): :func:`minlint.paths.git_root`.

    Raises :class:`GitError` when ``start`` is not inside a git work tree.
    """
    folder = start if start.is_dir() else start.parent
    if not folder.is_dir():
        raise GitError(f"no such folder: {_printable(str(folder))}")
    # GIT_DIR / GIT_WORK_TREE put the repository where no `.git` says so: only git knows then.
    told = any(os.environ.get(name) for name in ("GIT_DIR", "GIT_WORK_TREE"))
    root = None if told else git_root(folder)
    if root is None:
        root = _toplevel(folder)
    if root is None:
        inside = ".git" in folder.resolve().parts
        raise GitError(
            f"{'not inside a git work tree' if inside else 'not a git repository'}: {_printable(str(start))}"
        )
    return root


def _toplevel(folder: Path) -> Path | None:
    """The work tree's top folder as git itself says (``git rev-parse --show-toplevel``), if any."""
    done = _git(folder, "rev-parse", "--show-toplevel", limit=_MAX_MESSAGE)
    top = done.stdout.rstrip(b"\n")
    if done.returncode != 0 or not top or b"\n" in top:
        return None
    return Path(os.fsdecode(top))


def resolve_revision(root: Path, ref: str) -> str:
    """The full sha of the commit ``ref`` names (a branch, tag, sha, ``HEAD~1``, ``origin/main``, ...).

    Annotated tags are peeled to their commit. Raises :class:`GitError` ("unknown revision `REF`", with a
    hint for a shallow clone, a missing remote-tracking branch or a repository without commits) when ``ref``
    does not name a commit here. Refs starting with ``-`` are refused so they cannot be read as options.
    """
    _refuse_option(ref, "revision")
    done = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    sha = done.stdout.decode("ascii", "replace").strip()
    if done.returncode == 0 and re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", sha):
        return sha
    if done.stderr.strip():  # --quiet silences "unknown revision", so anything here is a real problem
        message = _first_line(done.stderr, "git rev-parse failed")
        if "not a git repository" in message.lower():
            raise GitError(f"not a git repository: {_printable(str(root))}")
        raise GitError(message)
    raise GitError(_unknown_revision(root, ref))


def _unknown_revision(root: Path, ref: str) -> str:
    """Why ``ref`` does not resolve, as one line: the bare fact plus the most likely remedy."""
    shown = f"unknown revision `{_printable(ref)}`"
    if _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").returncode != 0:
        branch = _git(root, "symbolic-ref", "--quiet", "--short", "HEAD").stdout.decode("utf-8", "replace").strip()
        any_ref = _git(root, "for-each-ref", "--count=1", "--format=%(refname)").stdout.strip()
        if not any_ref:
            return f"{shown}: the repository has no commits yet"
        if branch and re.fullmatch(r"(HEAD|@)([~^].*)?", ref):
            return f"{shown}: HEAD is on branch `{_printable(branch)}`, which has no commits yet"
    shallow = _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
    remote, branch = _remote_branch(root, ref)
    if shallow:
        fetch = f"git fetch --depth=1 {remote} {branch}" if remote else "git fetch --unshallow"
        return f"{shown}: this is a shallow clone that does not contain it; fetch it first (`{fetch}`; {_FETCH_HINT})"
    if remote:
        return f"{shown}: fetch it first (`git fetch {remote} {branch}`)"
    return shown


def _remote_branch(root: Path, ref: str) -> tuple[str, str]:
    """``("origin", "main")`` when ``ref`` reads as ``origin/main`` for a configured remote, else empty strings."""
    ref = ref.removeprefix("refs/remotes/")
    remotes = _git(root, "remote").stdout.decode("utf-8", "replace").split()
    for remote in sorted(remotes, key=len, reverse=True):
        branch = ref.removeprefix(f"{remote}/")
        if branch != ref and branch and re.fullmatch(r"[\w./-]+", branch) and not branch.startswith("-"):
            return remote, branch
    return "", ""


def _folders(under: Sequence[str]) -> tuple[str, ...] | None:
    """Normalised repo-relative folders, or ``None`` for the whole tree."""
    if isinstance(under, str):
        under = (under,)
    folders = []
    for folder in under:
        normal = str(PurePosixPath(folder.replace("\\", "/")))
        if normal in (".", "/"):
            return None
        folders.append(normal.lstrip("/"))
    return tuple(folders) or None


def _inside(path: str, folders: tuple[str, ...] | None) -> bool:
    return folders is None or any(path.startswith(f"{folder}/") for folder in folders)


def files_at(
    root: Path,
    commit: str,
    *,
    suffixes: Sequence[str] | None = None,
    under: Sequence[str] = (),
    max_size: int = DEFAULT_MAX_SIZE,
    max_total: int = DEFAULT_MAX_TOTAL,
) -> Snapshot:
    """Every file of ``commit`` a walk would read (:func:`~minlint.vocabulary.walked_file`), or whose path ends
    with one of ``suffixes`` when given: path -> content bytes, as committed.

    Paths are repo-relative POSIX strings (names git cannot decode as UTF-8 keep their bytes as surrogate
    escapes, like :func:`os.fsdecode`). ``under`` limits the result to files inside these repo-relative
    folders. Symlinks and submodules (gitlinks) are skipped; blobs larger than ``max_size`` bytes are not read
    but listed in the result's ``too_large``. The work tree and the index play no part. All contents are read
    through a single ``git cat-file --batch`` process. Raises :class:`GitError` when ``commit`` is not a
    commit or tree here, when a blob is missing from the object store (a partial clone), when the blobs
    to read add up to more than ``max_total`` bytes, or when git is too slow or too talkative (see the
    module's docstring).
    """
    _refuse_option(commit, "revision")
    listing = _Listing(commit, None if suffixes is None else tuple(suffixes), _folders(under), max_size)
    done = _git(root, "ls-tree", "-r", "-z", "-l", "--full-tree", commit, consume=listing.feed)
    if done.returncode != 0:
        message = _first_line(done.stderr, "git ls-tree failed")
        if "not a tree object" in message or "not a valid object name" in message.lower():
            raise GitError(f"unknown revision `{_printable(commit)}`")
        raise GitError(message)
    listing.feed(b"\0")  # the last entry, should git not end it with a NUL
    wanted, too_large = listing.wanted, listing.too_large
    total = sum(listing.sizes.values())
    if total > max_total:
        raise GitError(
            f"the specs at {_printable(commit)} add up to {_size(total)}, more than the {_size(max_total)} "
            "minlint reads from git"
        )
    heads_of = sorted(set(listing.too_large_blobs.values()))
    contents = _cat_blobs(root, [*wanted, *heads_of], listing.sizes, frozenset(heads_of)) if wanted or heads_of else {}
    files = {path: contents[sha] for sha, paths in wanted.items() for path in paths}
    heads = {path: contents[sha] for path, sha in listing.too_large_blobs.items()}
    return Snapshot(dict(sorted(files.items())), dict(sorted(too_large.items())), heads)


class _Listing:
    """``git ls-tree -r -z -l`` parsed as it streams: only the wanted blobs are kept."""

    def __init__(
        self, commit: str, suffixes: tuple[str, ...] | None, folders: tuple[str, ...] | None, max_size: int
    ) -> None:
        self.commit = commit
        self.suffixes = suffixes
        self.folders = folders
        self.max_size = max_size
        self.wanted: dict[str, list[str]] = {}  # blob sha -> paths with that content
        self.sizes: dict[str, int] = {}  # blob sha -> its size
        self.too_large: dict[str, int] = {}
        self.too_large_blobs: dict[str, str] = {}  # path -> blob sha, for reading its head
        self._rest = b""

    def feed(self, chunk: bytes) -> None:
        """Take the next piece of git's output."""
        entries = (self._rest + chunk).split(b"\0")
        self._rest = entries.pop()
        for entry in entries:
            if entry:
                self._entry(entry)

    def _entry(self, entry: bytes) -> None:
        meta, _, raw_path = entry.partition(b"\t")
        fields = meta.split()
        if len(fields) != 4:
            raise GitError("unexpected output from git ls-tree")
        mode, kind, sha, size = (field.decode("ascii", "replace") for field in fields)
        if kind != "blob" or mode == _SYMLINK_MODE:
            return  # a submodule (kind "commit") or a symlink: no spec content of this repository
        path = _decode_path(raw_path)
        if self.suffixes is None:
            folder, _, name = path.rpartition("/")
            wanted = walked_file(name, folder.rpartition("/")[2])
        else:
            wanted = path.endswith(self.suffixes)
        if not wanted or not _inside(path, self.folders):
            return
        if not size.isdigit():  # "BAD": the blob is not in the object store
            raise GitError(
                f"the content of `{_printable(path)}` at {self.commit} is missing (a partial clone? fetch it)"
            )
        if int(size) > self.max_size:
            self.too_large[path] = int(size)
            self.too_large_blobs[path] = sha
        else:
            self.wanted.setdefault(sha, []).append(path)
            self.sizes[sha] = int(size)


def _cat_blobs(
    root: Path, shas: list[str], sizes: dict[str, int] | None = None, heads: frozenset[str] = frozenset()
) -> dict[str, bytes]:
    """Contents of ``shas`` (blob ids) through one ``git cat-file --batch`` process, streamed.

    ``sizes`` are what the listing said each blob is: git answering with another size is an error
    (no more than that is read). Without them, no blob above :data:`DEFAULT_MAX_SIZE` is read. Of
    the blobs in ``heads``, only the first :data:`HEAD_SIZE` bytes are kept (the rest is skipped).
    """
    seconds = timeout()
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                ["git", *_CONFIG, "cat-file", "--batch", "--buffer"],
                cwd=root,
                env=_environment(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
            )
        except OSError as error:
            raise _not_installed(error, root) from None
        assert process.stdin is not None and process.stdout is not None
        # Feed from a thread: git may fill the stdout pipe before it has read all of stdin.
        feeder = threading.Thread(target=_feed, args=(process.stdin, shas), daemon=True)
        with interrupts.blocked():
            feeder.start()
        deadline = _Deadline(process, seconds)
        try:
            return _read_batch(process.stdout, shas, errors, sizes or {}, heads)
        except GitError:
            if deadline.expired:
                raise deadline.error("cat-file") from None
            raise
        finally:
            deadline.cancel()
            process.stdout.close()
            if process.poll() is None:
                process.kill()
            feeder.join()
            process.wait()


def _feed(stdin: IO[bytes], shas: Iterable[str]) -> None:
    try:
        stdin.write(b"".join(f"{sha}\n".encode("ascii") for sha in shas))
    except OSError:
        pass  # git died early; the reader reports what it said
    finally:
        with contextlib.suppress(OSError):
            stdin.close()


def _read_batch(
    stdout: IO[bytes], shas: list[str], errors: IO[bytes], sizes: dict[str, int], heads: frozenset[str] = frozenset()
) -> dict[str, bytes]:
    contents: dict[str, bytes] = {}
    for sha in shas:
        header = stdout.readline(256)
        if not header.endswith(b"\n"):
            errors.seek(0)
            raise GitError(_first_line(errors.read(_MAX_MESSAGE), "git cat-file stopped before answering"))
        fields = header.split()
        if len(fields) == 2 and fields[1] == b"missing":
            raise GitError(f"object {sha} is missing (a partial clone? fetch the revision first)")
        if len(fields) != 3 or fields[0].decode("ascii", "replace") != sha or not fields[2].isdigit():
            raise GitError("unexpected output from git cat-file")
        size = int(fields[2])
        expected = sizes.get(sha)
        if expected is not None and size != expected:
            raise GitError(f"git cat-file answered {size} bytes for object {sha}, where git ls-tree said {expected}")
        if sha in heads:
            contents[sha] = _read_head(stdout, size)
            continue
        if size > (expected or DEFAULT_MAX_SIZE):
            raise GitError(f"object {sha} is {_size(size)}, over the {_size(DEFAULT_MAX_SIZE)} limit")
        data = stdout.read(size)
        if len(data) != size or stdout.read(1) != b"\n":
            raise GitError("git cat-file output ended early")
        contents[sha] = data
    return contents


def _read_head(stdout: IO[bytes], size: int) -> bytes:
    """The first :data:`HEAD_SIZE` bytes of a ``size``-byte blob in the batch; the rest is read and dropped."""
    head = stdout.read(min(size, HEAD_SIZE))
    left = size - len(head)
    while left > 0:
        chunk = stdout.read(min(left, 1 << 16))
        if not chunk:
            break
        left -= len(chunk)
    if left or stdout.read(1) != b"\n":
        raise GitError("git cat-file output ended early")
    return head


def renames_since(root: Path, commit: str) -> dict[str, str]:
    """Files renamed between ``commit`` and the work tree: old path -> new path (repo-relative POSIX).

    Uses ``git diff-index -M -z COMMIT``, which compares the commit with the work tree for every path in
    the index, with git's default similarity threshold (50 %). Covered: renames committed since
    ``commit``, ``git mv`` not yet committed, and a plain ``mv`` once the new name is ``git add``-ed (also
    with ``git add -N``), with or without edits. Not covered: a new name that is untracked (git knows only
    paths in the index, so the old file just looks deleted), copies (the old file still exists), and a
    rewrite too different to pass the similarity threshold. When very many files are added and deleted at
    once, git may skip inexact rename detection (``diff.renameLimit``); exact renames are always found.
    """
    _refuse_option(commit, "revision")
    output = _git_ok(root, "-c", "core.fsmonitor=false", "diff-index", "-M", "--name-status", "-z", commit)
    renames: dict[str, str] = {}
    fields = output.split(b"\0")
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index].decode("ascii", "replace")
        if status[:1] in ("R", "C"):
            if status[:1] == "R":
                renames[_decode_path(fields[index + 1])] = _decode_path(fields[index + 2])
            index += 3
        else:
            index += 2
    return renames
