"""Where built-in checks are registered, by the name rule packs use after ``check:``.

Target checks look at one target (a field, a campaign …) at a time; project checks look at the
whole project at once (campaign references, definitions across plans). Names are kebab-case;
``snake_case`` spellings (``max_retention``) are accepted too.
"""

from __future__ import annotations

from collections.abc import Callable

from minlint.engine.rule import CheckFunction, ProjectCheckFunction

CHECKS: dict[str, CheckFunction] = {}
PROJECT_CHECKS: dict[str, ProjectCheckFunction] = {}


def canonical(name: str) -> str:
    """The registered spelling of a check name: ``max_retention`` -> ``max-retention``."""
    return name.strip().lower().replace("_", "-")


def check(*names: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a target check under one or more names."""

    def register(function: CheckFunction) -> CheckFunction:
        for name in names:
            CHECKS[name] = function
        return function

    return register


def project_check(name: str) -> Callable[[ProjectCheckFunction], ProjectCheckFunction]:
    """Register a project check under ``name``."""

    def register(function: ProjectCheckFunction) -> ProjectCheckFunction:
        PROJECT_CHECKS[name] = function
        return function

    return register


def all_check_names() -> list[str]:
    """Every registered check name, sorted."""
    return sorted({*CHECKS, *PROJECT_CHECKS})
