"""Checking on several processes gives byte-for-byte what one process gives; files are read as needed."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from minlint.engine.packs import builtin_rules
from minlint.formatters import FormatOptions, get_formatter
from minlint.report import Report
from minlint.run import Settings, check_sources
from minlint.run.cache import Cache
from minlint.run.discover import SourceFile, discover
from minlint.run.workers import PARALLEL_BYTES, default_jobs
from tests.conftest import REPO

FIELD = "  {name}: {{purpose: {purpose}, basis: {basis}, retention: {retention}}}\n"


def write_corpus(folder: Path, plans: int = 12, fields: int = 40) -> None:
    """Plans sharing field names (so that definitions conflict across files), some declarations missing."""
    purposes = ["analytics.reporting", "marketing.communications.email", "essential.service"]
    for number in range(plans):
        lines = [f"minlint: 1\nkind: tracking-plan\nname: plan-{number}\ntraits:\n"]
        for field in range(fields):
            text = FIELD.format(
                name=f"trait_{field}",
                purpose=purposes[(field + number) % 3],
                basis="consent" if field % 7 else "maybe",
                retention="P1Y" if (field + number) % 5 else "forever",
            )
            lines.append(text.replace(", retention: forever", "") if field % 11 == 3 else text)
        (folder / f"plan-{number:02}.yaml").write_text("".join(lines), encoding="utf-8")
    (folder / "purposes.yaml").write_text(
        "minlint: 1\nkind: purposes\npurposes:\n"
        "  analytics.reporting: {description: Reports.}\n"
        "  marketing.communications.email: {description: Mail., activation: true}\n"
        "  essential.service: {description: The service.}\n",
        encoding="utf-8",
    )


def run(folder: Path, jobs: int, cache: Cache | None = None) -> str:
    sources, problems = discover([str(folder)], folder)
    assert not problems
    report = check_sources(sources, Settings(rules=builtin_rules(), jobs=jobs), cache=cache)
    return get_formatter("json")(report, FormatOptions())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder)
    return folder


@pytest.mark.parametrize("jobs", [2, 3, 8])
def test_several_processes_give_exactly_what_one_gives(corpus: Path, jobs: int) -> None:
    one = run(corpus, 1)
    assert '"ML205"' in one and '"ML005"' in one  # findings from project and per-file rules alike
    assert run(corpus, jobs) == one


def test_a_cached_run_gives_exactly_what_an_uncached_one_gives(corpus: Path, tmp_path: Path) -> None:
    uncached = run(corpus, 1)
    assert run(corpus, 2, Cache(tmp_path)) == uncached  # filling the cache
    assert run(corpus, 1, Cache(tmp_path)) == uncached  # the whole run from the cache
    for entry in (tmp_path / ".minlint_cache" / "v1" / "runs").rglob("*"):
        if entry.is_file():
            entry.unlink()
    assert run(corpus, 1, Cache(tmp_path)) == uncached  # every file from the cache


def test_default_jobs_is_one_for_small_runs_and_every_core_for_big_ones() -> None:
    assert default_jobs(10_000) == 1
    assert default_jobs(PARALLEL_BYTES) >= 1
    assert default_jobs(PARALLEL_BYTES - 1) == 1


def test_each_shipped_example_checks_the_same_on_several_processes() -> None:
    for folder in ("storefront", "violations", "real-world"):
        assert run(REPO / "examples" / folder, 4) == run(REPO / "examples" / folder, 1)


# --- files change while they are checked --------------------------------------------------------------


def test_a_file_changed_while_being_checked_is_checked_as_it_is_now_and_not_cached(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    write_corpus(project, plans=3, fields=5)
    sources, _ = discover([str(project)], project)
    later = project / "plan-02.yaml"
    fixed = later.read_text(encoding="utf-8").replace("basis: maybe", "basis: consent")

    def edit_once(path: str) -> None:
        if path == "plan-00.yaml":
            later.write_text(fixed, encoding="utf-8")

    cache = Cache(project)
    report = check_sources(sources, Settings(rules=builtin_rules()), progress=edit_once, cache=cache)
    assert not [f for f in report.findings if f.path == "plan-02.yaml" and f.rule == "ML005"]
    runs = project / ".minlint_cache" / "v1" / "runs"
    assert not runs.exists() or not [entry for entry in runs.rglob("*") if entry.is_file()]  # no run entry


def test_a_file_deleted_while_being_checked_is_a_path_problem_not_a_crash(tmp_path: Path) -> None:
    write_corpus(tmp_path, plans=3, fields=5)
    sources, _ = discover([str(tmp_path)], tmp_path)
    doomed = tmp_path / "plan-02.yaml"

    def delete_once(path: str) -> None:
        if path == "plan-00.yaml" and doomed.exists():
            doomed.unlink()

    report: Report = check_sources(sources, Settings(rules=builtin_rules()), progress=delete_once)
    assert [(problem.path, problem.message) for problem in report.path_problems] == [
        ("plan-02.yaml", "changed while being checked: cannot read: no such file or directory")
    ]
    assert not [finding for finding in report.findings if finding.path == "plan-02.yaml"]


def test_in_memory_sources_are_checked_without_touching_the_disk(tmp_path: Path) -> None:
    text = "minlint: 1\nkind: tracking-plan\nname: web\ntraits:\n  email: {}\n"
    source = SourceFile("web.yaml", tmp_path / "does-not-exist.yaml", text.encode())
    report = check_sources([source], Settings(rules=builtin_rules()))
    assert {finding.rule for finding in report.findings} >= {"ML001", "ML003"}


def test_a_cached_report_is_not_reused_when_the_known_rules_change(tmp_path: Path) -> None:
    # A suppression naming a rule that exists (in some pack) but does not run is fine; naming one no
    # pack defines is ML905. Adding the pack changes only the known rules, and the report with them.
    (tmp_path / "plan.yaml").write_text(
        "minlint: 1\nkind: tracking-plan\nname: web\ntraits:\n"
        "  email: {purpose: x, basis: consent, retention: P1Y}  # minlint: ignore ML001 -- reviewed\n",
        encoding="utf-8",
    )
    sources, _ = discover([str(tmp_path)], tmp_path)
    every = builtin_rules()
    others = tuple(rule for rule in every if rule.id != "ML001")
    without = Settings(rules=others, known_rules=others)
    with_ml001 = Settings(rules=others, known_rules=every)

    def unknown_rule_findings(settings: Settings) -> list[str]:
        report = check_sources(sources, settings, cache=Cache(tmp_path))
        return [finding.rule for finding in report.findings if finding.rule == "ML905"]

    assert unknown_rule_findings(without) == ["ML905"]
    assert unknown_rule_findings(with_ml001) == []  # not the cached report of the run before
    assert unknown_rule_findings(without) == ["ML905"]


# --- a worker that dies ---------------------------------------------------------------------------------


def my_children() -> list[int]:
    """The processes this (main) thread forked and that have not been reaped, from /proc."""
    path = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children")
    return [int(pid) for pid in path.read_text(encoding="ascii").split()]


@pytest.fixture
def at_most_a_minute() -> Iterator[None]:
    """Fail, rather than hang, a test still running after a minute."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError("still running after a minute: hung")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
@pytest.mark.usefixtures("at_most_a_minute")
def test_a_worker_killed_mid_run_is_an_error_at_once_not_a_hang_and_no_worker_is_left(corpus: Path) -> None:
    sources, _ = discover([str(corpus)], corpus)
    killed: list[int] = []
    others = set(my_children())  # such as multiprocessing's resource tracker, started by other tests

    def kill_a_worker_once(path: str) -> None:
        if not killed:
            workers = [pid for pid in my_children() if pid not in others]
            assert len(workers) == 2
            os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer does
            killed.append(workers[0])

    with pytest.raises(MemoryError, match=r"^a worker process was killed \(SIGKILL\), most likely for lack of memory$"):
        check_sources(sources, Settings(rules=builtin_rules(), jobs=2), progress=kill_a_worker_once)
    assert killed
    assert set(my_children()) == others  # every worker stopped and reaped


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
def test_a_parallel_run_leaves_no_process_behind(corpus: Path) -> None:
    others = set(my_children())
    run(corpus, 2)
    assert set(my_children()) == others
