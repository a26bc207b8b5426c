"""Hypothesis profiles for the end-to-end fuzz tests in this folder.

Two profiles are registered here, and nothing else is changed:

- ``fuzz`` — the fast one, used by default (CI): 80 examples per test, no deadline, no
  example database (nothing is written to disk, nothing carries over between runs);
- ``long`` — thousands of examples per test, no deadline, failing examples kept in
  ``.hypothesis/fuzz`` (git-ignored) so that a re-run replays them first.

Select the long run with hypothesis' own pytest option::

    pytest tests/fuzz --hypothesis-profile=long

The tests apply their profile per test (``@settings(parent=...)``, see :func:`fuzz_settings`), and
this file never loads a profile or re-registers hypothesis' ``default`` one: other test folders keep
the settings they had (re-registering ``default`` here would silently change every test collected
after this folder in a whole-suite run). Any profile other than ``long`` (hypothesis' ``default``,
``ci``, …) runs these tests with the fast ``fuzz`` settings.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.fuzz.support import FAST_PROFILE, LONG_PROFILE

REPO = Path(__file__).resolve().parents[2]

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    FAST_PROFILE,
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=_HEALTH,
    print_blob=True,
)
settings.register_profile(
    LONG_PROFILE,
    max_examples=5_000,
    deadline=None,
    database=DirectoryBasedExampleDatabase(REPO / ".hypothesis" / "fuzz"),
    suppress_health_check=_HEALTH,
    print_blob=True,
)
