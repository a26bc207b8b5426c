"""Where the checked files can be opened on the code host of the CI running minlint (``--format markdown``).

The environment is read here, in the command layer, never by a formatter:

- **GitHub Actions** (``GITHUB_ACTIONS=true``): ``GITHUB_SERVER_URL/GITHUB_REPOSITORY/blob/GITHUB_SHA/``.
  For a pull request ``GITHUB_SHA`` is the merge commit that was checked out and checked, so a link shows
  the very line reported. Gitea's and Forgejo's runners set the same variables for a host whose files
  live elsewhere (``/src/commit/…``): there, as outside CI, links stay relative.
- **GitLab CI** (``GITLAB_CI=true``): ``CI_PROJECT_URL/-/blob/CI_COMMIT_SHA/``.
- Anywhere else, no address: the format links each file relative to the working directory.

The format adds a path relative to the repository (the git work tree, as the SARIF and GitHub formats
give it) and ``#L<line>``. A value that is not what the host sets (an address with a space or a quote,
a sha that is not hexadecimal) gives no address rather than a broken or forged link.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final
from urllib.parse import urlsplit

_SHA: Final = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")  # SHA-1, or SHA-256 object names
_REPOSITORY: Final = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
# A web address as a host sets it: nothing a Markdown link destination would end at or read specially.
_ADDRESS: Final = re.compile(r"https?://[A-Za-z0-9._~:@%+/-]+")


def _address(url: str) -> str | None:
    """``url`` without a trailing ``/`` when it is a plain http(s) address with a host, else None."""
    url = url.rstrip("/")
    if not _ADDRESS.fullmatch(url) or not urlsplit(url).hostname:
        return None
    return url


def source_url(environ: Mapping[str, str]) -> str:
    """The address of the checked commit's files on the CI's code host, ending in ``/``; empty outside such a CI."""
    if environ.get("GITHUB_ACTIONS") == "true" and not (environ.get("GITEA_ACTIONS") or environ.get("FORGEJO_ACTIONS")):
        server = _address(environ.get("GITHUB_SERVER_URL", ""))
        repository, sha = environ.get("GITHUB_REPOSITORY", ""), environ.get("GITHUB_SHA", "")
        if server and _REPOSITORY.fullmatch(repository) and _SHA.fullmatch(sha):
            return f"{server}/{repository}/blob/{sha}/"
        return ""
    if environ.get("GITLAB_CI") == "true":
        project, sha = _address(environ.get("CI_PROJECT_URL", "")), environ.get("CI_COMMIT_SHA", "")
        if project and _SHA.fullmatch(sha):
            return f"{project}/-/blob/{sha}/"
    return ""


__all__ = ["source_url"]
