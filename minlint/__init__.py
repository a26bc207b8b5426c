"""minlint: a data-minimisation linter for tracking plans and campaign specs."""

__version__ = "0.1.0"
