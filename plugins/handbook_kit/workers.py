"""Work done in forked processes while the build goes on, on the cores MkDocs leaves idle.

MkDocs builds on one core. What we write apart from its pages (a regulation's
history pages: several for every regulation page) is started in worker
processes as soon as everything it needs is known, and waited for when the
build ends: on a machine with two cores or more it costs the build little more
than the fork. Workers are forked (they start with the build's state as it is,
nothing to pickle); each takes every n-th item, so each gets a like share.

What a worker logs is handed back and logged by the build in the order of the
items, whatever the number of workers: the log reads as a serial build's, and a
warning counts for `mkdocs build --strict` as any other. The work runs in the
build itself, serially, when `HANDBOOK_WORKERS=1`, where `fork` does not exist,
on a single core, or when the process runs threads (`mkdocs serve`): forking
a threaded process can leave a lock held for ever in the child.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import selectors
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Generic, TypeVar

Item = TypeVar("Item")

WORKERS = "HANDBOOK_WORKERS"  # how many processes may work at once (the build's own included)


class WorkerError(Exception):
    """A worker failed: what it raised, or how it ended."""


def available_workers() -> int:
    """`HANDBOOK_WORKERS` when set to a whole number >= 1, else the cores this process may use."""
    setting = os.environ.get(WORKERS, "").strip()
    if setting.isdigit() and int(setting) >= 1:
        return int(setting)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@dataclass
class Background(Generic[Item]):
    """`work(item)` for every item: in forked workers from `start()`, else serially in `wait()`.

    A spared core is the build's, which goes on with its own work meanwhile (the history pages); without
    one, the build waits at once and every core works (the PDFs). Even a single item goes to a worker
    when the machine has a core to spare: what the work allocates leaves with the worker, instead of
    staying in the build's memory (Python seldom gives memory back)."""

    work: Callable[[Item], None]
    items: Sequence[Item]
    spare_core: bool = True  # one core left to the build, which goes on; False: it waits for the workers
    progress: Callable[[int, int], None] | None = None  # told (done, of all) while waiting, every `every` s
    every: float = 15.0
    logger_name: str = "mkdocs"  # whose records the workers hand back (its handlers print and count them)
    _children: list[tuple[int, int]] = field(default_factory=list)  # (pid, the pipe its result comes through)

    def start(self) -> None:
        workers = min(available_workers() - self.spare_core, len(self.items))
        if available_workers() < 2 or workers < 1 or not hasattr(os, "fork") or threading.active_count() > 1:
            return
        sys.stdout.flush(), sys.stderr.flush()  # or a child would print the parent's pending output again
        # The build's objects (its pages, their HTML) are the children's too: frozen, a child's garbage
        # collector leaves them alone instead of visiting each, time after time, copying every page of
        # memory it touches (Python's advice for fork without exec). The build's own collector goes on.
        gc.freeze()
        for index in range(workers):
            reading, writing = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: never returns
                os.close(reading)
                _run_child(self.work, self.items, index, workers, self.logger_name, writing)
            os.close(writing)
            self._children.append((pid, reading))
        gc.unfreeze()

    def wait(self) -> None:
        """Every item done; what the workers logged, logged here. WorkerError when one failed."""
        if not self._children:  # serial: the work logs as it goes, as the rest of the build
            told = time.monotonic()
            for done, item in enumerate(self.items, start=1):
                self.work(item)
                told = self._tell(done, told)
            return
        streams = _read_all(dict(self._children), lambda done, told: self._tell(done, told))
        outcomes = [_outcome(pid, streams[pid]) for pid, _ in self._children]
        self._children = []
        kept = [record for records, _ in outcomes for record in records]
        for _, record in sorted(kept, key=lambda numbered: numbered[0]):  # stable: an item's in their order
            logging.getLogger(record.name).handle(record)
        if failures := [failure for _, failure in outcomes if failure]:
            raise WorkerError(failures[0])

    def _tell(self, done: int, told: float) -> float:
        """Report progress if `every` seconds went by since `told` (and work remains); when it was told."""
        now = time.monotonic()
        if self.progress is None or done >= len(self.items) or now - told < self.every:
            return told
        self.progress(done, len(self.items))
        return now


def _run_child(
    work: Callable[[Item], None], items: Sequence[Item], index: int, workers: int, logger_name: str, result: int
) -> None:
    status, failure = 0, None
    with _numbered(logger_name) as records:
        try:
            for number in range(index, len(items), workers):
                records.number = number
                work(items[number])
                gc.collect()  # the item's garbage (a rendered document is full of cycles) before the next
                os.write(result, DONE)
        except BaseException:  # anything at all: reported by the build, which decides what it means
            status, failure = 1, traceback.format_exc()
    try:  # the pipe holds 64 KiB: a longer result waits here until the build reads it
        with open(result, "wb") as pipe:
            pipe.write(RESULT + pickle.dumps((records.kept, failure)))
    finally:
        os._exit(status)  # no atexit handlers, no flushing of buffers that are the parent's


Outcome = tuple[list[tuple[int, logging.LogRecord]], str | None]  # what a worker logged, and why it failed


# What a child writes on its pipe: a byte per item done, then the result (a pickle) after its mark.
DONE, RESULT = b".", b"!"


def _read_all(pipes: dict[int, int], tell: Callable[[int, float], float]) -> dict[int, bytes]:
    """Every child's stream (by pid) read to its end, all at once (a child waits on a full pipe); `tell` is
    given the items done so far as they come."""
    streams, done, told = {pid: bytearray() for pid in pipes}, 0, time.monotonic()
    with selectors.DefaultSelector() as selector:
        for pid, pipe in pipes.items():
            selector.register(pipe, selectors.EVENT_READ, pid)
        while selector.get_map():
            for key, _ in selector.select():
                chunk, pid = os.read(key.fd, 65536), key.data
                if not chunk:
                    selector.unregister(key.fd)
                    os.close(key.fd)
                    continue
                if RESULT not in streams[pid]:
                    done += chunk.split(RESULT, 1)[0].count(DONE)
                streams[pid] += chunk
            told = tell(done, told)
    return {pid: bytes(stream) for pid, stream in streams.items()}


def _outcome(pid: int, stream: bytes) -> Outcome:
    _, status = os.waitpid(pid, 0)
    _, marked, result = stream.partition(RESULT)
    try:
        if not marked:
            raise EOFError
        return pickle.loads(result)
    except (EOFError, pickle.UnpicklingError):
        if os.WIFSIGNALED(status):
            return [], f"a worker process was ended by signal {os.WTERMSIG(status)}"
        return [], f"a worker process ended with status {os.waitstatus_to_exitcode(status)} and no result"


class _Numbered(logging.Handler):
    """Keeps the records logged while working on item `number`, to be logged again in item order."""

    def __init__(self) -> None:
        super().__init__()
        self.number = 0
        self.kept: list[tuple[int, logging.LogRecord]] = []

    def emit(self, record: logging.LogRecord) -> None:
        # As logging.handlers.QueueHandler.prepare: the message made, nothing left that may not pickle.
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.kept.append((self.number, record))


@contextmanager
def _numbered(logger_name: str) -> Iterator[_Numbered]:
    """The logger's records kept instead of handled, while the block runs."""
    logger = logging.getLogger(logger_name)
    handler, saved = _Numbered(), (logger.handlers, logger.propagate)
    logger.handlers, logger.propagate = [handler], False
    try:
        yield handler
    finally:
        logger.handlers, logger.propagate = saved
