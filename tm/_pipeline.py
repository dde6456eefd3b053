"""Import pipeline: parse and prepare units in a second process while this one writes.

Parsing a TMX and preparing units (keys, hashes, grams) is about as much work as storing
and indexing them, so on a machine with two or more cores a forked worker does the
first half and sends :class:`~untm.tm._batch.Batch` objects (tuples and numpy arrays,
cheap to pickle) through a bounded queue; memory stays flat because the queue holds at
most a few batches. Where ``fork`` is unavailable, or on one core, the same steps run
in-process. Errors raised in the worker (an ill-formed file) are re-raised here, so the
caller's transaction rolls back exactly as without the worker.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from untm.errors import UntmError

from ._batch import Batch, prepare
from .model import Notice, TranslationUnit

BATCH = 5_000
QUEUE_BATCHES = 4

Source = Callable[[Callable[[int], None]], Iterable[TranslationUnit | Notice]]


@dataclass(frozen=True, slots=True)
class Prepared:
    """One batch with the notices (bad units, warnings) met while reading it and the
    bytes read so far."""

    batch: Batch
    notices: list[Notice]
    bytes_read: int


@dataclass(frozen=True, slots=True)
class _Failure:
    error: BaseException


def prepared_batches(source: Source, *, parallel: bool | None = None) -> Iterator[Prepared]:
    """Batches from ``source`` (a function taking a bytes-read callback and yielding units)."""
    if parallel is None:
        parallel = (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()
    if not parallel:
        yield from _prepare_all(source)
        return
    yield from _in_worker(source)


def _prepare_all(source: Source) -> Iterator[Prepared]:
    done = [0]

    def on_bytes(n: int) -> None:
        done[0] = n

    units: list[TranslationUnit] = []
    notices: list[Notice] = []
    for item in source(on_bytes):
        if not isinstance(item, TranslationUnit):
            notices.append(item)
            continue
        units.append(item)
        if len(units) >= BATCH:
            yield Prepared(prepare(units), notices, done[0])
            units, notices = [], []
    if units or notices:
        yield Prepared(prepare(units), notices, done[0])


def _in_worker(source: Source) -> Iterator[Prepared]:
    ctx = multiprocessing.get_context("fork")
    channel: multiprocessing.Queue[Prepared | _Failure | None] = ctx.Queue(QUEUE_BATCHES)

    def work() -> None:
        try:
            for prepared in _prepare_all(source):
                channel.put(prepared)
        except BaseException as exc:  # sent to the parent, which raises it
            channel.put(
                _Failure(exc if isinstance(exc, UntmError | OSError) else RuntimeError(repr(exc)))
            )
        else:
            channel.put(None)

    worker = ctx.Process(target=work, name="untm-import-reader", daemon=True)
    worker.start()
    try:
        while True:
            try:
                msg = channel.get(timeout=1.0)
            except queue.Empty:
                if not worker.is_alive():
                    raise RuntimeError("the import reader stopped unexpectedly") from None
                continue
            if msg is None:
                break
            if isinstance(msg, _Failure):
                raise msg.error
            yield msg
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()
        channel.close()
