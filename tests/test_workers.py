"""Work in forked workers while the build goes on: done once per item, logged as a serial build logs it.

Each scenario runs in a fresh process (`fresh`): the test process may run threads of other tests (a
served site), and a process with threads is, rightly, never forked.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from handbook_kit.workers import WORKERS, Background, WorkerError, available_workers

LOGGER = "mkdocs.plugins.test_workers"


class Kept(logging.Handler):
    """What MkDocs' own handlers would see (its strict mode counts warnings with one such handler)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def fresh(scenario, *arguments):
    """`scenario(*arguments)` in a new process, which runs no thread: its result, or what it raised."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as executor:
        return executor.submit(scenario, *arguments).result()


def run(workers: str, work, items: list, thread: bool = False) -> tuple[list[tuple[str, int, str]], str]:
    """Start and wait for `work` on `items` with HANDBOOK_WORKERS=`workers`: what was logged, and the
    error ("" without), as MkDocs' handlers would see them."""
    os.environ[WORKERS] = workers
    kept, logger = Kept(), logging.getLogger("mkdocs")
    logger.addHandler(kept)
    logger.setLevel(logging.INFO)
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # as `mkdocs serve` runs its server and its watcher
    if thread:
        server.start()
    try:
        background = Background(work, items)
        background.start()
        background.wait()
        error = ""
    except WorkerError as raised:
        error = str(raised)
    finally:
        stop.set()
        if thread:
            server.join()
    return kept.records, error


class Marking:
    """Work that leaves a file per item saying which process did it, and logs a line per item."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self, item: int) -> None:
        (self.folder / str(item)).write_text(str(os.getpid()))
        logging.getLogger(LOGGER).info("item %d done", item)
        if item % 4 == 0:
            logging.getLogger(LOGGER).warning("item %d looks odd", item)


def doers(folder: Path, items) -> set[int]:
    return {int((folder / str(item)).read_text()) for item in items}


def scenario_marking(workers: str, folder: Path, items: int, thread: bool = False) -> dict:
    log, error = run(workers, Marking(folder), list(range(items)), thread)
    return {"log": log, "error": error, "pid": os.getpid(), "doers": doers(folder, range(items))}


def test_workers_do_every_item_once_and_the_log_reads_as_a_serial_one(tmp_path):
    result = fresh(scenario_marking, "4", tmp_path, 10)
    assert result["pid"] not in result["doers"] and len(result["doers"]) == 3  # the build keeps a core
    expected = []
    for item in range(10):
        expected.append((LOGGER, logging.INFO, f"item {item} done"))
        if item % 4 == 0:
            expected.append((LOGGER, logging.WARNING, f"item {item} looks odd"))
    assert result["log"] == expected and not result["error"]


def test_the_log_is_the_same_whatever_the_number_of_workers(tmp_path):
    logs = []
    for workers in ("1", "2", "5"):
        (folder := tmp_path / workers).mkdir()
        logs.append(fresh(scenario_marking, workers, folder, 12)["log"])
    assert logs[0] == logs[1] == logs[2] and len(logs[0]) == 15


def scenario_one_worker(folder: Path) -> tuple[list[str], set[int], int]:
    os.environ[WORKERS] = "1"
    background = Background(Marking(folder), [1, 2])
    background.start()
    before = sorted(path.name for path in folder.iterdir())
    background.wait()
    return before, doers(folder, (1, 2)), os.getpid()


def test_one_worker_means_the_build_does_the_work_itself_when_it_waits(tmp_path):
    before, done_by, pid = fresh(scenario_one_worker, tmp_path)
    assert before == [] and done_by == {pid}  # nothing forked, nothing done before the wait


def test_a_process_that_runs_threads_is_not_forked(tmp_path):
    result = fresh(scenario_marking, "3", tmp_path, 3, True)
    assert result["doers"] == {result["pid"]} and len(result["log"]) == 4


def failing(item: int) -> None:
    logging.getLogger(LOGGER).info("item %d", item)
    if item == 3:
        raise ValueError("item 3 cannot be written")


def test_a_worker_that_raises_fails_the_wait_with_what_it_raised():
    log, error = fresh(run, "3", failing, list(range(6)))
    assert "ValueError: item 3 cannot be written" in error
    # What was done is logged, the failing one's items up to its failure included: the log explains it.
    assert [message for _, _, message in log] == ["item 0", "item 1", "item 2", "item 3", "item 4"]


def killed(item: int) -> None:
    if item == 1:
        os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_that_is_killed_is_reported():
    _, error = fresh(run, "2", killed, [0, 1, 2])
    assert error == "a worker process was ended by signal 9"


def talkative(item: int) -> None:
    logging.getLogger(LOGGER).info("%d %s", item, "长" * 500)


def test_a_long_log_does_not_stall_a_worker():
    """A pipe holds 64 KiB: a worker with more to say waits for the build to read it, and does not hang."""
    log, error = fresh(run, "3", talkative, list(range(400)))
    assert [int(message.split()[0]) for _, _, message in log] == list(range(400)) and not error


@pytest.mark.parametrize(("setting", "expected"), [("3", 3), ("1", 1), ("0", None), ("many", None), ("", None)])
def test_the_number_of_workers_is_the_setting_else_the_cores(monkeypatch, setting, expected):
    monkeypatch.setenv(WORKERS, setting)
    assert available_workers() == (expected or len(os.sched_getaffinity(0)))


def slow(item: int) -> None:
    time.sleep(0.05)


def scenario_progress(workers: str) -> list[tuple[int, int]]:
    os.environ[WORKERS] = workers
    told: list[tuple[int, int]] = []
    background = Background(slow, list(range(20)), spare_core=False, progress=lambda *done: told.append(done), every=0)
    background.start()
    background.wait()
    return told


@pytest.mark.parametrize("workers", ["1", "3"])
def test_a_long_wait_tells_how_far_the_work_is(workers):
    told = fresh(scenario_progress, workers)
    assert told and all(total == 20 for _, total in told)
    done = [count for count, _ in told]
    assert done == sorted(done) and done[0] > 0 and done[-1] < 20  # the end is the caller's to say
    assert len(told) >= 5
