"""The notice as data: per purpose, in plain words, what is collected, why, who gets it, for how long.

GDPR Art. 13(1)-(2) and 14(1)-(2) list what people must be told when their data is collected: the
purposes and the legal basis of each (and, for legitimate interests, the interest pursued), the
recipients, transfers outside the EEA and their safeguards, how long data is kept, and their rights.
CPRA §1798.100(a) asks the same at collection: the categories, the purposes and how long each is
kept. Plain frozen data in a deterministic order; the renderers are pure functions of it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DataItem:
    """A kind of personal data collected for a purpose, by its category name."""

    name: str
    category: str
    special: bool


@dataclass(frozen=True, slots=True)
class Basis:
    """A legal basis of a purpose in plain words, what it allows the person to do, and its article."""

    basis: str
    text: str
    right: str


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who receives data of a purpose: what it does, where it is, and the safeguard of a transfer."""

    name: str
    description: str
    country: str
    transfer: str


@dataclass(frozen=True, slots=True)
class Kept:
    """One retention period of a purpose and the data kept for it."""

    period: str
    data: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Purpose:
    """What the notice says about one purpose. ``description`` is empty when nobody wrote one."""

    id: str
    title: str
    description: str
    data: tuple[DataItem, ...]
    bases: tuple[Basis, ...]
    recipients: tuple[Recipient, ...]
    kept: tuple[Kept, ...]


@dataclass(frozen=True, slots=True)
class Right:
    """A right the person has, in plain words, with the law it comes from."""

    title: str
    text: str
    law: str
    key: str = ""  # what decides whether it is told (``withdraw``, ``object``, ``opt_out`` …); "" always


@dataclass(frozen=True, slots=True)
class Rights:
    """The rights one law gives, under a heading that says whom it protects."""

    title: str
    rights: tuple[Right, ...]


@dataclass(frozen=True, slots=True)
class Notice:
    """The notice of a project. ``todo`` lists what a person must still write before publishing it."""

    generated_from: str
    jurisdictions: tuple[str, ...]
    purposes: tuple[Purpose, ...]
    rights: tuple[Rights, ...]
    todo: tuple[str, ...]
    unexplained: int = 0  # fields no section can tell: personal data with no purpose, or no category
