"""``minlint server``: the language server — diagnostics as you type, hover, quick fixes, completion.

Built on pygls, an optional dependency (``pip install 'minlint[server]'``): nothing outside this
package imports pygls, and the package only once the server starts (:func:`run_server`), so the
command line pays nothing for it. One job per module:

- ``app.py``: the pygls server, its features, and :func:`~minlint.server.app.serve` (stdio);
- ``checks.py``: when to check (debounced, off the event loop, the latest wins) and what to publish;
- ``project.py``: which files and buffers make a document's project; checking and loading it;
- ``diagnostics.py``: findings as LSP diagnostics, with the range of the token they are about;
- ``text.py``, ``tokens.py``: LSP lines and positions (UTF-16 …); the token at a place on a line;
- ``hover.py``: a finding explained, as ``minlint explain`` explains its rule;
- ``quickfix.py``: a code action request answered, with the fixes of ``actions.py`` (did-you-mean,
  suppression) and ``declare.py`` (a missing declaration);
- ``completion.py``: purpose ids, lawful bases, categories and recipients of the project.
"""

from __future__ import annotations

import sys
from typing import Final

MISSING_PYGLS: Final = "minlint: error: the language server needs pygls: pip install 'minlint[server]'"
# What the server imports from outside minlint: pygls, and what pygls needs.
_DEPENDENCIES: Final = frozenset({"pygls", "lsprotocol", "cattrs", "attrs"})


def run_server() -> int:
    """Run the language server over stdio until the client leaves; the exit status (2 without pygls)."""
    try:
        from minlint.server.app import serve
    except ModuleNotFoundError as missing:
        if (missing.name or "").partition(".")[0] not in _DEPENDENCIES:
            raise
        sys.stderr.write(MISSING_PYGLS + "\n")
        return 2
    return serve()
