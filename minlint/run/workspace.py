"""The project a run belongs to: its root, its configuration, and how paths are seen from it.

The root is the nearest folder upward holding a configuration (see :mod:`minlint.config`), else
the git root, else the starting folder; ``--config`` names the configuration (and so the root)
directly. Excludes from the configuration and from ``--exclude`` are decided here.
"""

from __future__ import annotations

import os
from pathlib import Path

from minlint.config import Config, ConfigError, find_root, load_config
from minlint.globs import Glob, GlobError, compile_glob
from minlint.paths import relative_to
from minlint.run.request import Request


class Workspace:
    """The project root, its configuration and the current folder. Raises ConfigError when unusable."""

    __slots__ = ("config", "cwd", "excludes", "root")

    def __init__(self, request: Request, cwd: Path | None = None, start: Path | None = None) -> None:
        """``start`` is where to look for the project root (default: the current folder)."""
        self.cwd = (cwd or Path.cwd()).resolve()
        if request.config is not None:
            source = (self.cwd / request.config).resolve()
            if not os.path.lexists(source):
                raise ConfigError(request.config, 1, 1, "no such configuration file")
            self.root = source.parent
            self.config: Config = load_config(self.root, source, self.cwd)
        else:
            self.root, found = find_root(start or self.cwd)
            self.config = load_config(self.root, found, self.cwd)
        self.excludes = _command_globs(request.exclude)

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root (POSIX), or absolute when outside it."""
        return relative_to(path, self.root)

    def root_relative_display(self, display: str) -> str:
        """A finding's path (relative to the current folder) made relative to the project root."""
        return self.relative(self.cwd / display)

    def excluded(self, path: Path) -> bool:
        """Whether ``path`` is excluded by configuration or ``--exclude``."""
        relative = self.relative(path)
        return self.config.is_excluded(relative) or any(glob.matches(relative) for glob in self.excludes)


def _command_globs(patterns: tuple[str, ...]) -> tuple[Glob, ...]:
    globs = []
    for pattern in patterns:
        try:
            globs.append(compile_glob(pattern))
        except GlobError as error:
            raise ConfigError("(command line)", 1, 1, f"--exclude: {error}") from None
    return tuple(globs)
