"""Fixtures of the format tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.formatters.support import make_checkout


@pytest.fixture(scope="session")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``examples/violations`` in a repository of its own (see :func:`~tests.formatters.support.make_checkout`)."""
    return make_checkout(tmp_path_factory.mktemp("checkout"))
