"""The rules stage: which rules exist, which run, at what severity, and which are ignored where.

Rule packs come from the built-in ``rules/`` folder, the configuration's ``rules`` and ``--rules``;
selection comes from the configuration (``select``, ``extend-select``, ``ignore``, ``severity``,
``per-path-ignores``) and the command line, which overrides it. All of it is decided here, once,
and a selector that names no rule is an error naming where it was written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from minlint.config import ConfigError
from minlint.engine.packs import Pack, builtin_pack_files, builtin_packs, combine, load_pack, parse_builtin_packs
from minlint.engine.rule import RuleDef
from minlint.globs import Glob
from minlint.paths import display_path
from minlint.run.cache import Cache
from minlint.run.cache.codecs import packs_data, packs_from
from minlint.run.cache.keys import packs_key
from minlint.run.request import Request
from minlint.run.workspace import Workspace
from minlint.vocabulary import ALWAYS_REPORTED


class RuleSet(NamedTuple):
    """The rules of a run: every known one, the running ones, severity overrides, per-path ignores."""

    known: tuple[RuleDef, ...]
    running: tuple[RuleDef, ...]
    severities: dict[str, str]
    path_ignores: tuple[tuple[Glob, frozenset[str]], ...] = ()

    def severity(self, rule: RuleDef) -> str:
        """The severity ``rule`` runs at (after configuration overrides)."""
        return self.severities.get(rule.id, rule.severity)


def matching_rules(selector: str, rules: Sequence[RuleDef]) -> list[RuleDef]:
    """The rules a selector names: ``ALL``, a code, a code prefix (``ML1``) or a name."""
    wanted = selector.strip()
    if wanted.upper() == "ALL":
        return list(rules)
    upper = wanted.upper()
    exact = [rule for rule in rules if rule.id == upper or rule.name == wanted.lower()]
    if exact:
        return exact
    if re.fullmatch(r"[A-Za-z]+[0-9]*", wanted):
        return [rule for rule in rules if rule.id.startswith(upper)]
    return []


def rule_codes(selectors: Iterable[str], rules: Sequence[RuleDef]) -> frozenset[str]:
    """The rule codes a list of selectors names (unknown selectors name nothing)."""
    return frozenset(rule.id for selector in selectors for rule in matching_rules(selector, rules))


Unknown = Callable[[str, str], None]


def select_rules(
    rules: Sequence[RuleDef],
    select: Sequence[str] | None,
    extend_select: Sequence[str],
    ignore: Sequence[str],
    on_unknown: Unknown,
) -> list[RuleDef]:
    """The rules to run: the enabled ones (or ``select``), plus ``extend_select``, minus ``ignore``.

    ``on_unknown(option, selector)`` is called for a selector that names no rule; it should raise.
    """
    chosen: dict[str, RuleDef] = {}
    if select is None:
        chosen = {rule.id: rule for rule in rules if rule.enabled}
    for option, selectors in (("select", select or ()), ("extend-select", extend_select)):
        for selector in selectors:
            found = matching_rules(selector, rules)
            if not found:
                on_unknown(option, selector)
            chosen.update((rule.id, rule) for rule in found)
    for selector in ignore:
        found = matching_rules(selector, rules)
        if not found:
            on_unknown("ignore", selector)
        for rule in found:
            chosen.pop(rule.id, None)
    return [rule for rule in rules if rule.id in chosen]


def rule_set(workspace: Workspace, request: Request, cache: Cache | None = None) -> RuleSet:
    """The rules of a run in ``workspace`` as ``request`` asks (raises ConfigError or PackError).

    With a ``cache``, the built-in packs come from it when their files have not changed.
    """
    known = _known_rules(workspace, request, cache)
    config = workspace.config
    command_select = _split_option(request.select)
    command_extend = _split_option(request.extend_select) or ()
    command_ignore = _split_option(request.ignore) or ()
    # Command-line selectors are checked first so that an error names the right place.
    for option, values in (
        ("select", command_select or ()),
        ("extend-select", command_extend),
        ("ignore", command_ignore),
    ):
        for selector in values:
            if not rule_codes([selector], known):
                raise ConfigError("(command line)", 1, 1, f"--{option}: no rule is called `{selector}`")

    def unknown(option: str, selector: str) -> None:
        raise config.error(option, f"`{option}`: no rule is called `{selector}`")

    if command_select is not None:
        # `--select` replaces the configuration's whole selection (select, extend-select and
        # ignore), as its help says and as ruff's does; the command line's own extend/ignore apply.
        running = select_rules(known, command_select, command_extend, command_ignore, unknown)
    else:
        running = select_rules(
            known, config.select, (*config.extend_select, *command_extend), (*config.ignore, *command_ignore), unknown
        )
    # A rule of a law the project does not answer to does not run (`jurisdictions`, default gdpr).
    running = [rule for rule in running if rule.jurisdiction in config.jurisdictions]
    running = _with_file_rules(known, running)
    severities: dict[str, str] = {}
    for selector, severity in config.severity.items():
        codes = rule_codes([selector], known)
        if not codes:
            raise config.error("severity", f"`severity`: no rule is called `{selector}`")
        severities.update(dict.fromkeys(codes, severity))
    return RuleSet(tuple(known), tuple(running), severities, _path_ignores(workspace, known))


def _with_file_rules(known: Sequence[RuleDef], running: list[RuleDef]) -> list[RuleDef]:
    """``running`` plus the rules for files that cannot be read as specs (ML901 to ML903), always:
    like ruff's syntax errors, no selection turns off being told that a file was not checked."""
    chosen = {rule.id for rule in running} | set(ALWAYS_REPORTED)
    return [rule for rule in known if rule.id in chosen]


def _known_rules(workspace: Workspace, request: Request, cache: Cache | None) -> list[RuleDef]:
    packs = list(_builtin_packs(cache))
    for given in workspace.config.rules:
        path = workspace.root / given
        if not path.is_file():
            message = f"`rules`: no rule pack at `{given}` (relative to {workspace.root})"
            raise workspace.config.error("rules", message)
        packs.append(load_pack(path, display_path(path, workspace.cwd)))
    packs.extend(load_pack(workspace.cwd / given, given) for given in request.rule_packs)
    return sorted(combine(packs), key=lambda rule: (not rule.source.startswith("rules/"), rule.id))


def _builtin_packs(cache: Cache | None) -> tuple[Pack, ...]:
    """The built-in packs; from the cache when it holds these very files (parsing them is most of set-up)."""
    if cache is None or not cache.enabled:
        return builtin_packs()
    files = builtin_pack_files()
    key = packs_key(files)
    stored = packs_from(cache.get("packs", key))
    if stored is not None:
        return stored
    packs = parse_builtin_packs(files)
    cache.put("packs", key, packs_data(packs))
    return packs


def _path_ignores(workspace: Workspace, known: Sequence[RuleDef]) -> tuple[tuple[Glob, frozenset[str]], ...]:
    config = workspace.config
    ignores = []
    for glob, selectors in config.per_path_ignores:
        unknown = [selector for selector in selectors if not rule_codes([selector], known)]
        if unknown:
            raise config.error("per-path-ignores", f"`per-path-ignores`: no rule is called `{unknown[0]}`")
        ignores.append((glob, rule_codes(selectors, known)))
    return tuple(ignores)


def _split_option(values: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())
