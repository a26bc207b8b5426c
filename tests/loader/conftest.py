"""Fixtures for the loader tests: every tree/load test runs under both YAML event parsers.

libyaml (``yaml.cyaml.CParser``) and PyYAML's pure-Python parser accept slightly different input
(tabs especially) and place a few marks differently; tests that depend on such a difference say so in
their name and assert each parser's behaviour explicitly, branching on the ``pure`` fixture.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pytest

from minlint.loader.load import LoadedFile, load_document
from minlint.loader.nodes import ParsedYaml
from minlint.loader.tree import parse_yaml

Parse = Callable[..., ParsedYaml]
Load = Callable[..., LoadedFile]


@pytest.fixture(params=[False, True], ids=["libyaml", "pure-python"])
def pure(request: pytest.FixtureRequest) -> bool:
    """``False`` reads events with libyaml's CParser, ``True`` with PyYAML's pure-Python parser."""
    value: bool = request.param
    return value


@pytest.fixture
def parse(pure: bool) -> Parse:
    """``parse_yaml`` bound to the parser under test."""
    return partial(parse_yaml, pure=pure)


@pytest.fixture
def load(pure: bool) -> Load:
    """``load_document`` bound to the parser under test; accepts ``str`` (encoded as UTF-8) or ``bytes``."""

    def run(data: str | bytes, path: str = "spec.yaml", **kwargs: Any) -> LoadedFile:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        return load_document(path, raw, pure=pure, **kwargs)

    return run
