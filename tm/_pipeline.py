"""Import pipeline: parse and prepare units in a second process while this one writes.

Parsing a TMX and preparing units (keys, hashes, grams) is about as much work as storing
and indexing them, so on a machine with two or more cores a forked reader does the
first half and sends :class:`~untm.tm._batch.Batch` objects (tuples, cheap to pickle)
through a pipe; memory stays flat because the reader's sending thread holds at most a
few batches. Where ``fork`` is unavailable, or on one core, the same steps run
in-process. Errors raised in the reader (an ill-formed file) are re-raised here, so the
caller's transaction rolls back exactly as without the reader.

The two processes live and die together:

* the reader dies with its parent: on Linux the kernel kills it when the parent dies
  (``prctl(PR_SET_PDEATHSIG)``), and anywhere its next send fails on the closed pipe;
  a SIGTERM of the parent stops the reader and rolls the transaction back first;
* a reader that dies (killed, out of memory) closes its end of the pipe, which this
  side reads as the end of the input: the import fails with one
  :class:`~untm.errors.InputError`, never waits forever.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from untm._io import sigterm_as_exit
from untm.errors import InputError, UntmError

from ._batch import Batch, prepare
from .model import Notice, TranslationUnit

BATCH = 5_000
QUEUE_BATCHES = 4  # batches the reader may have ready beyond the one being sent
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

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


def prepared_batches(
    source: Source, *, parallel: bool | None = None, name: str = "the input"
) -> Generator[Prepared, None, None]:
    """Batches from ``source`` (a function taking a bytes-read callback and yielding units).

    ``name`` is what an error of the reader process calls the input (its file name).
    Close the iterator (``contextlib.closing``) to stop the reader early.
    """
    if parallel is None:
        parallel = (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()
    if not parallel:
        yield from _prepare_all(source)
        return
    yield from _in_reader(source, name)


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


def _in_reader(source: Source, name: str) -> Iterator[Prepared]:
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    with sigterm_as_exit():
        reader = ctx.Process(
            target=_read,
            args=(source, receiver, sender, os.getpid()),
            name="untm-import-reader",
            daemon=True,
        )
        reader.start()
        sender.close()  # the reader's end: when the reader dies, this side reads EOF
        try:
            while True:
                try:
                    msg = receiver.recv()
                except EOFError:
                    raise _stopped(reader, name) from None
                if msg is None:
                    break
                if isinstance(msg, _Failure):
                    raise msg.error
                yield msg
        finally:
            receiver.close()
            _stop(reader)


def _read(source: Source, receiver: Connection, sender: Connection, parent: int) -> None:
    """The reader process: prepare batches and send them, until done or the parent dies."""
    receiver.close()  # else a dead parent would leave a reader of the pipe: no EPIPE here
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    outbox: queue.Queue[Prepared | _Failure | None] = queue.Queue(QUEUE_BATCHES)
    sending = threading.Thread(target=_send_all, args=(outbox, sender), daemon=True)
    sending.start()
    try:
        for prepared in _prepare_all(source):
            _put(outbox, prepared, sending)
        _put(outbox, None, sending)
    except BaseException as exc:  # sent to the parent, which raises it
        _put(outbox, _Failure(_sendable(exc)), sending)
    sending.join()


def _put(
    outbox: queue.Queue[Prepared | _Failure | None],
    item: Prepared | _Failure | None,
    sending: threading.Thread,
) -> None:
    """Queue ``item`` for sending; exit at once if the sending thread has stopped (the
    parent is gone)."""
    while True:
        if not sending.is_alive():
            os._exit(0)
        try:
            outbox.put(item, timeout=1.0)
            return
        except queue.Full:
            continue


def _send_all(outbox: queue.Queue[Prepared | _Failure | None], sender: Connection) -> None:
    with contextlib.suppress(OSError):  # BrokenPipeError: the parent is gone
        while True:
            item = outbox.get()
            sender.send(item)
            if item is None or isinstance(item, _Failure):
                return


def _sendable(exc: BaseException) -> BaseException:
    """An error of the reader as the parent should raise it."""
    if isinstance(exc, UntmError | OSError):
        return exc
    if isinstance(exc, MemoryError):
        return MemoryError("the import reader ran out of memory")
    return RuntimeError(repr(exc))


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux); exit if it
    already has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _stopped(reader: BaseProcess, name: str) -> InputError:
    """The error of a reader that ended without saying why (killed, crashed)."""
    reader.join(5)
    code = reader.exitcode
    if code is not None and code < 0:
        try:
            how = f"killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"killed by signal {-code}"
    else:
        how = f"exit status {code}" if code is not None else "it stopped answering"
    return InputError(
        name, f"the process reading it stopped unexpectedly ({how}); nothing was imported"
    )


def _stop(reader: BaseProcess) -> None:
    """Stop the reader (it may be blocked sending) and reap it."""
    if reader.is_alive():
        reader.terminate()
    reader.join(5)
    if reader.is_alive():
        reader.kill()
        reader.join()
