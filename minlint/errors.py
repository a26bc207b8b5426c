"""The one error a run can end in before it checks anything, whatever went wrong setting it up."""

from __future__ import annotations


class SetupError(Exception):
    """A run that cannot start: a bad configuration, rule pack, rule, baseline or git revision.

    Its text is one line saying what is wrong and where (``.minlint.yaml:4:3: …``); the command line
    prints it and exits 2. Each cause has its own subclass (``ConfigError``, ``PackError`` …).
    """
