"""minlint's own spec format (``minlint: 1``, a ``kind``): loader, shape check, model.

It recognises every file, so it stands last among the readers: a file without a top-level
``minlint`` key is quietly not a spec.
"""

from __future__ import annotations

from minlint.loader.load import load_document
from minlint.model.build import build_spec
from minlint.model.catalog import unknown_uses
from minlint.model.overlay import Overlay
from minlint.model.spec import Spec
from minlint.readers import Document, Problem, ReadOptions
from minlint.schema import shape_errors
from minlint.vocabulary import DECLARATIONS, RULES, SHAPE, TRACKING_PLAN


class NativeReader:
    """The reader of minlint's own format (see the module docstring)."""

    name = "minlint"

    def recognises(self, data: bytes) -> bool:
        """Always: whether the file is a spec is the loader's to say."""
        return True

    def read(self, path: str, data: bytes, options: ReadOptions) -> Document:
        """Load, shape-check (when ``options.validate``) and model one file."""
        loaded = load_document(path, data, pure=options.pure_yaml, limits=options.limits, named=options.named)
        if not loaded.is_spec:
            return Document(False)
        if options.only_kinds is not None and loaded.kind is not None and loaded.kind not in options.only_kinds:
            return Document(True, loaded.kind)
        problems = [Problem(item.code, item.line, item.column, item.message) for item in loaded.problems]
        suppressions = tuple(loaded.suppressions)
        if loaded.root is None or loaded.kind is None:
            return Document(True, loaded.kind, tuple(problems), suppressions)
        if options.validate:
            problems += [
                Problem(SHAPE, line, column, message, target)
                for line, column, message, target in shape_errors(loaded.root, loaded.kind)
            ]
            if loaded.kind == TRACKING_PLAN:
                problems += [
                    Problem(SHAPE, line, column, message, target)
                    for line, column, message, target in unknown_uses(loaded.root)
                ]
        # Nothing reads the tree after the model is built: let the builder free it as it goes.
        if loaded.kind == DECLARATIONS:
            # Declarations for a plan in another format: what the readers of those formats lay over it.
            overlay = Overlay(path, loaded.root)
            declared = Spec(path, DECLARATIONS, path, loaded.root.line, loaded.root.column)
            return Document(True, loaded.kind, tuple(problems), suppressions, declared, (DECLARATIONS, overlay))
        spec = None if loaded.kind == RULES else build_spec(path, loaded.kind, loaded.root, options.taxonomy, True)
        return Document(True, loaded.kind, tuple(problems), suppressions, spec)


NATIVE = NativeReader()
