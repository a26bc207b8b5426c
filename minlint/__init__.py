"""minlint: a data-minimisation linter for tracking plans and campaign specs.

As a library (docs/api.md)::

    import minlint

    result = minlint.check(["examples/storefront"])
    for finding in result.findings:
        print(finding.path, finding.line, finding.rule, finding.message)

The names of :data:`__all__` are the stable API; they are imported on first use, so that the command
line, which imports this package, pays nothing for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from minlint.api import CheckResult, Finding, PathProblem, Project, SetupError, Spec, Target, check, load

__all__ = [
    "CheckResult",
    "Finding",
    "PathProblem",
    "Project",
    "SetupError",
    "Spec",
    "Target",
    "__version__",
    "check",
    "load",
]


def __getattr__(name: str) -> Any:
    """The API's names, imported from :mod:`minlint.api` when first asked for."""
    if name in __all__ and name != "__version__":
        from minlint import api

        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'minlint' has no attribute {name!r}")
