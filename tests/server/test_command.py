"""``minlint server`` as a command: its exit statuses, a clean protocol channel, pygls only when it runs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import minlint_environment

MISSING = "minlint: error: the language server needs pygls: pip install 'minlint[server]'\n"


def frame(method: str, params: object, ident: int | None = None) -> bytes:
    message: dict[str, object] = {"jsonrpc": "2.0", "method": method, "params": params}
    if ident is not None:
        message["id"] = ident
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def frames(output: bytes) -> list[dict[str, object]]:
    """The messages of a protocol stream; fails on anything else in it."""
    found = []
    while output:
        header, separator, rest = output.partition(b"\r\n\r\n")
        assert separator and header.startswith(b"Content-Length: "), output[:80]
        length = int(header.split(b"\r\n")[0].split(b": ")[1])
        found.append(json.loads(rest[:length]))
        output = rest[length:]
    return found


def serve(stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "minlint", "server"],
        input=stdin,
        capture_output=True,
        env=minlint_environment(),
        timeout=30,
        check=False,
    )


INITIALIZE = frame("initialize", {"processId": None, "rootUri": None, "capabilities": {}}, 1) + frame("initialized", {})


@pytest.mark.timeout(60)
def test_a_session_that_shuts_down_exits_0_and_stdout_is_only_the_protocol() -> None:
    result = serve(INITIALIZE + frame("shutdown", None, 2) + frame("exit", None))
    messages = frames(result.stdout)
    assert [message.get("id") for message in messages] == [1, 2]
    assert result.returncode == 0, result.stderr


@pytest.mark.timeout(60)
def test_a_client_that_leaves_without_shutting_down_gets_exit_status_1() -> None:
    assert serve(INITIALIZE + frame("exit", None)).returncode == 1
    assert serve(INITIALIZE).returncode == 1  # the pipe closed


@pytest.mark.timeout(60)
def test_without_pygls_the_command_says_how_to_install_it_and_exits_2() -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; sys.argv = ['minlint', 'server']; from minlint.cli import run; run()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=minlint_environment(), timeout=30, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (2, "", MISSING)


def test_the_command_line_does_not_import_pygls() -> None:
    code = "import sys, minlint.cli; print(sorted({'pygls', 'lsprotocol', 'minlint.server.app'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True)
    assert result.stdout == "[]\n"
