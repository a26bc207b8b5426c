"""Project configuration: the project root, and what ``.minlint.yaml`` or ``pyproject.toml`` says.

The configuration lives in ``.minlint.yaml`` or in the ``[tool.minlint]`` table of ``pyproject.toml``.
The root is the nearest folder upward from the current one holding a ``.minlint.yaml`` or a
``pyproject.toml`` with a ``[tool.minlint]`` table; else the git root; else the current folder.
An invalid configuration is a :class:`ConfigError` naming the file, line and column of the key.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from minlint.errors import SetupError
from minlint.globs import Glob, GlobError, compile_glob
from minlint.loader.decode import DecodeFailure, decode
from minlint.loader.nodes import YMap, YSeq
from minlint.loader.tree import parse_yaml
from minlint.paths import git_root, shown_path
from minlint.safetext import visible

CONFIG_FILE = ".minlint.yaml"
PYPROJECT = "pyproject.toml"
DEFAULT_BASELINE = ".minlint-baseline.json"
_SIZE = re.compile(r"^([0-9]+(?:\.[0-9]+)?) *([kKmMgG]?)i?[bB]?$")


class ConfigError(SetupError):
    """A configuration that cannot be used; ``str()`` is one ``path:line:column: message`` line.

    The path and the message quote what the user wrote (a folder's name, a glob, a value the schema
    rejects): their control characters are made :func:`~minlint.safetext.visible`, so that the line
    stays one line wherever it is shown.
    """

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(visible(f"{path}:{line}:{column}: {message}"))
        self.message = visible(message)


class Config(NamedTuple):
    """The settings of one project, paths relative to ``root``; ``source`` is the file they came from."""

    root: Path
    source: Path | None = None
    paths: tuple[str, ...] | None = None
    exclude: tuple[Glob, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ("gdpr",)
    severity: Mapping[str, str] = {}
    fail_on: str | None = None
    rules: tuple[str, ...] = ()
    per_path_ignores: tuple[tuple[Glob, tuple[str, ...]], ...] = ()
    baseline: str = DEFAULT_BASELINE
    max_file_size: int | None = None
    # Plain JSON Schema files to read as tracking plans (``plans: {json-schema: [GLOB, …]}``).
    json_schema_plans: tuple[Glob, ...] = ()
    # Where each key was written, for errors found later (unknown rule codes): key -> (line, column).
    positions: Mapping[str, tuple[int, int]] = {}
    cwd: Path | None = None  # errors name the file relative to this folder

    def error(self, key: str, message: str) -> ConfigError:
        """A ConfigError pointing at ``key`` in the configuration file."""
        line, column = self.positions.get(key, (1, 1))
        return ConfigError(self.display, line, column, message)

    @property
    def display(self) -> str:
        """How errors name the configuration file."""
        if self.source is None:
            return "(command line)"
        return shown_path(self.source, self.cwd)

    def is_excluded(self, relative: str) -> bool:
        """Whether the root-relative path is excluded by an ``exclude`` pattern."""
        return any(glob.matches(relative) for glob in self.exclude)


def _has_minlint_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*minlint\s*[\].]", text, re.MULTILINE) is not None


def find_root(start: Path) -> tuple[Path, Path | None]:
    """The project root for ``start`` and its configuration file (None when there is none)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if _exists(candidate):
            # Whatever it is (a folder, a FIFO, a broken link), it was meant as the configuration:
            # reading it reports what is wrong, rather than silently using the defaults.
            return folder, candidate
        pyproject = folder / PYPROJECT
        if _is_file(pyproject) and _has_minlint_table(pyproject):
            return folder, pyproject
    return git_root(start) or start, None


def _exists(path: Path) -> bool:
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return True  # present but not accessible: let reading it say so


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _parse_size(value: object) -> int:
    if isinstance(value, int):
        return value
    match = _SIZE.match(str(value).strip())
    assert match is not None  # the schema's pattern guarantees it
    factor = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[match.group(2).lower()]
    return int(float(match.group(1)) * factor)


MAX_CONFIG_SIZE = 1024 * 1024


def _read_bytes(path: Path, display: str) -> bytes:
    """A configuration file's bytes: a regular file of at most 1 MB (never a FIFO or a device)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a FIFO, socket or device)"
            raise ConfigError(display, 1, 1, f"the configuration is {kind}")
        if info.st_size > MAX_CONFIG_SIZE:
            raise ConfigError(display, 1, 1, f"the configuration is {info.st_size:,} bytes; at most 1 MB is read")
        with path.open("rb") as handle:
            return handle.read(MAX_CONFIG_SIZE + 1)
    except FileNotFoundError:
        reason = "a broken symbolic link" if path.is_symlink() else "no such file"
        raise ConfigError(display, 1, 1, f"cannot read the configuration: {reason}") from None
    except OSError as error:
        raise ConfigError(display, 1, 1, f"cannot read: {(error.strerror or str(error)).lower()}") from None


def _read_yaml(path: Path, display: str) -> tuple[dict[str, Any], dict[str, tuple[int, int]]]:
    data = _read_bytes(path, display)
    text = decode(data)
    if isinstance(text, DecodeFailure):
        raise ConfigError(display, text.line, text.column, text.message)
    parsed = parse_yaml(text)
    if parsed.problems:
        problem = parsed.problems[0]
        raise ConfigError(display, problem.line, problem.column, problem.message)
    if parsed.second_document is not None:
        raise ConfigError(
            display, *parsed.second_document, "the configuration is one YAML document; a second starts here"
        )
    root = parsed.root
    if root is None:
        return {}, {}
    if not isinstance(root, YMap):
        line, column = (root.line, root.column) if isinstance(root, YSeq) else (1, 1)
        raise ConfigError(display, line, column, "the configuration must be a mapping of keys (`select: [ML1]` …)")
    return dict(root), {key: marks[:2] for key, marks in root.marks.items()}


def _read_pyproject(path: Path, display: str) -> tuple[dict[str, Any], dict[str, tuple[int, int]]]:
    import tomllib  # here: most runs of a hook read no TOML, and importing it is not free

    try:
        text = _read_bytes(path, display).decode("utf-8")
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line, column = (int(where.group(1)), int(where.group(2))) if where else (1, 1)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error)) or "syntax error"
        raise ConfigError(display, line, column, f"not valid TOML: {reason}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(display, 1, 1, f"not UTF-8 text: {error.reason}") from None
    table = document.get("tool", {}).get("minlint", {})
    if not isinstance(table, dict):
        raise ConfigError(display, 1, 1, "`[tool.minlint]` must be a table")
    return table, _toml_positions(text, table)


def _toml_positions(text: str, table: Mapping[str, Any]) -> dict[str, tuple[int, int]]:
    """Line and column of each key of ``[tool.minlint]`` (tomllib keeps no positions)."""
    positions: dict[str, tuple[int, int]] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.startswith("[tool.minlint")
            sub = re.match(r"\[tool\.minlint\.([\"']?)([^\]\"']+)\1\]", stripped)
            if sub and sub.group(2) in table:
                positions.setdefault(sub.group(2), (number, line.index("[") + 1))
            continue
        if inside:
            match = re.match(r"\s*([\"']?)([A-Za-z0-9_-]+)\1\s*=", line)
            if match and match.group(2) in table:
                positions.setdefault(match.group(2), (number, match.start(2) + 1 - len(match.group(1))))
    return positions


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def _globs(config_display: str, key: str, patterns: Iterable[str], position: tuple[int, int]) -> tuple[Glob, ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(compile_glob(pattern))
        except GlobError as error:
            raise ConfigError(config_display, *position, f"`{key}`: {error}") from None
    return tuple(compiled)


def load_config(root: Path, source: Path | None, cwd: Path | None = None) -> Config:
    """Read and validate the configuration at ``source`` (an empty configuration when None).

    Errors name the file relative to ``cwd`` (the current folder by default).
    """
    if source is None:
        return Config(root=root)
    display = shown_path(source, cwd)
    reader = _read_pyproject if source.name == PYPROJECT else _read_yaml
    values, positions = reader(source, display)
    from minlint.schema import load_schema
    from minlint.schema.compiler import compile_schema

    for error in compile_schema(load_schema("config")).errors(values):
        key = str(error.path[0]) if error.path else (error.key or "")
        line, column = positions.get(key, (1, 1))
        where = f"`{'.'.join(str(step) for step in error.path)}`: " if len(error.path) > 1 else ""
        raise ConfigError(display, line, column, f"{where}{error.message}")

    def position(key: str) -> tuple[int, int]:
        return positions.get(key, (1, 1))

    return Config(
        root=root,
        source=source,
        paths=_strings(values["paths"]) if "paths" in values else None,
        exclude=_globs(display, "exclude", _strings(values.get("exclude")), position("exclude")),
        select=_strings(values["select"]) if "select" in values else None,
        extend_select=_strings(values.get("extend-select")),
        ignore=_strings(values.get("ignore")),
        jurisdictions=_strings(values["jurisdictions"]) if "jurisdictions" in values else ("gdpr",),
        severity=dict(values.get("severity") or {}),
        fail_on=values.get("fail-on"),
        rules=_strings(values.get("rules")),
        per_path_ignores=tuple(
            (_globs(display, "per-path-ignores", [pattern], position("per-path-ignores"))[0], _strings(codes))
            for pattern, codes in (values.get("per-path-ignores") or {}).items()
        ),
        baseline=str(values.get("baseline", DEFAULT_BASELINE)),
        max_file_size=_parse_size(values["max-file-size"]) if "max-file-size" in values else None,
        json_schema_plans=_globs(
            display,
            "plans",
            _strings((values.get("plans") or {}).get("json-schema")),
            position("plans"),
        ),
        positions=positions,
        cwd=cwd,
    )


def spec_paths(config: Config) -> list[Path]:
    """The folders (or files) where the project's specs live: ``paths``, else the root."""
    if config.paths is None:
        return [config.root]
    return [config.root / path for path in config.paths]
