"""What a run is asked to do: the user's :class:`Request`, and the :class:`Settings` every stage reads.

A command turns its options into a :class:`Request` once; set-up (:mod:`minlint.run`) turns the
request and the project's configuration into :class:`Settings`, which travel down the stages as
one value — no stage reaches back up for an option.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from minlint.engine.rule import RuleDef
from minlint.loader.load import DEFAULT_LIMITS, Limits
from minlint.run.read import DEFAULT_MAX_FILE_SIZE


class Request(NamedTuple):
    """What the user asked for on the command line (``None`` means: as configured)."""

    paths: tuple[str, ...] = ()
    config: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    rule_packs: tuple[str, ...] = ()
    fail_on: str | None = None
    baseline: str | None = None
    use_baseline: bool = True
    new_since: str | None = None
    use_cache: bool = True
    jobs: int | None = None  # None: as many as there are cores, for runs big enough


class Settings(NamedTuple):
    """Everything the stages of a run need besides the files: rules, severities, limits, processes."""

    rules: tuple[RuleDef, ...]
    severities: Mapping[str, str] = {}
    limits: Limits = DEFAULT_LIMITS
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    pure_yaml: bool = False
    known_rules: tuple[RuleDef, ...] = ()  # every rule available, running or not (for suppressions)
    jobs: int = 1
    schema_plans: frozenset[str] = frozenset()  # files (as shown) to read as plain JSON Schema plans
