"""File input and output shared by every importer and exporter.

Input: bytes are decoded strictly (BOM-aware); a bad byte is reported with its line.
Output: written to a temporary file beside the target and renamed, so a failed export
never leaves half a file and never destroys the previous one. The temporary file is
``.<name>.untm-tmp-<pid>``: it is removed when the write fails or is interrupted (an
exception, Ctrl-C, SIGTERM), and one left by a process that was killed outright
(``kill -9``, a power cut) is removed when the same target is written again.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import signal
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import EncodingError, FormatError, InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def display_name(source: str | os.PathLike[str]) -> str:
    return "<stdin>" if str(source) == "-" else str(source)


def read_bytes(source: str | os.PathLike[str]) -> bytes:
    """All bytes of a file, or of standard input for ``-``; missing files are InputError."""
    if str(source) == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise input_error(source, exc) from None


def open_binary(path: str | os.PathLike[str], shown: str | os.PathLike[str]) -> IO[bytes]:
    """``path`` opened for reading (the caller closes it); errors name ``shown``."""
    try:
        return open(path, "rb")
    except OSError as exc:
        raise input_error(shown, exc) from None


def input_error(source: str | os.PathLike[str], exc: OSError) -> InputError:
    """What an OSError of opening or reading an input file tells the user."""
    if isinstance(exc, FileNotFoundError):
        return InputError(source, "no such file")
    if isinstance(exc, IsADirectoryError):
        return InputError(source, "is a directory, not a file")
    if isinstance(exc, PermissionError):
        return InputError(source, "permission denied")
    # too long a name, an unreadable device, ...
    return InputError(source, f"cannot read: {exc.strerror or exc}")


def sniff_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark announces, or None."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def decode(data: bytes, source: str | os.PathLike[str], encoding: str | None = None) -> str:
    """Decode strictly: BOM first, then the given encoding, then UTF-8.

    A byte that does not decode raises EncodingError naming its line, which is also how
    a file in mixed encodings is caught. NUL bytes are refused too: they are what a
    UTF-16 file without a byte-order mark looks like when read as UTF-8, and no text
    format untm reads can hold one.
    """
    if not data.strip():
        raise FormatError(source, "the file is empty")
    enc = sniff_encoding(data) or encoding or "utf-8"
    wide = enc.lower().replace("-", "").replace("_", "").startswith(("utf16", "utf32"))
    nul = data.find(b"\x00")
    if nul >= 0 and not wide:
        raise EncodingError(
            source,
            f"contains NUL bytes: not valid {enc.upper()}; a UTF-16 file needs a "
            "byte-order mark (or convert the file to UTF-8)",
            line=data[:nul].count(b"\n") + 1,
        )
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        # Count lines in the decoded prefix: in UTF-16/32 a 0x0A byte is often half of
        # another character (U+4E0A is 0A 4E), so counting raw bytes would be wrong.
        line = data[: exc.start].decode(enc, errors="replace").count("\n") + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise EncodingError(
            source,
            f"not valid {enc.upper()} (byte 0x{bad}); convert the file to UTF-8",
            line=line,
        ) from None
    except LookupError:
        raise EncodingError(source, f"unknown encoding {enc!r}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise FormatError(source, "the file is empty")
    nul = text.find("\x00")
    if nul >= 0:  # a NUL character itself, spelt out in UTF-16/32
        raise EncodingError(source, "contains a NUL character", line=text.count("\n", 0, nul) + 1)
    return text


def read_text(source: str | os.PathLike[str], encoding: str | None = None) -> str:
    """Read and decode a text file (or ``-``); see :func:`decode`."""
    return decode(read_bytes(source), source, encoding)


@contextlib.contextmanager
def sigterm_as_exit() -> Iterator[None]:
    """Inside, SIGTERM raises ``SystemExit(143)`` in the main thread, so that cleanup runs
    (temporary files removed, transactions rolled back, the import reader stopped) before
    the process ends as SIGTERM would have ended it. A handler already set (by an
    application embedding untm, or an enclosing use) is left alone."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


#: What marks a temporary output file: ``.<name>.untm-tmp-<pid>`` beside the target.
TMP_MARK = ".untm-tmp-"


@contextlib.contextmanager
def atomic_binary(target: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``target``; rename it over ``target`` on success.

    ``-`` writes to standard output directly. On any exception (and on SIGTERM) the
    temporary file is removed and an existing ``target`` is left as it was; temporary
    files of ``target`` left by dead processes are removed first.
    """
    if str(target) == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path = Path(target)
    directory = path.parent
    if not directory.is_dir():
        raise InputError(target, f"directory {directory} does not exist")
    if path.is_dir():
        raise InputError(target, "is a directory, not a file")
    remove_stale_temporaries(path)
    with sigterm_as_exit():
        fd, tmp = _create_temporary(path)
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            # created 0600; give the result the mode a plain open() would (or keep the
            # mode of the file it replaces), so exports stay readable by others.
            os.chmod(tmp, _target_mode(path))
            os.replace(tmp, path)
        except BaseException as exc:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            if isinstance(exc, OSError):  # disk full, quota, target replaced by a directory...
                raise InputError(target, f"cannot write: {exc.strerror or exc}") from exc
            raise


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new ``.<name>.untm-tmp-<pid>`` (``-<n>`` appended if this process has one)."""
    base = f".{path.name}{TMP_MARK}{os.getpid()}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for n in range(1000):
        tmp = path.with_name(base if n == 0 else f"{base}-{n}")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
        except OSError as exc:
            raise InputError(path, f"cannot write here: {exc.strerror or exc}") from None
    raise InputError(path, f"cannot write here: too many files named {base}-*")


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files of ``path`` whose process is gone; returns them.

    A file whose process still runs (an export in progress elsewhere) is kept, as is one
    whose name untm did not make.
    """
    prefix = f".{path.name}{TMP_MARK}"
    removed: list[Path] = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        pid = entry.name[len(prefix) :].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` exists (one of another user's counts)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists; anything else: do not guess
        return True
    return True


def _target_mode(path: Path) -> int:
    """Permission bits for a new ``path``: the old file's, else 0666 minus the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_text(target: str | os.PathLike[str], encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Text-mode :func:`atomic_binary` (``\n`` line ends)."""
    with atomic_binary(target) as raw:
        wrapper = io.TextIOWrapper(raw, encoding=encoding, newline="\n", write_through=True)
        try:
            yield wrapper
            wrapper.flush()
        finally:
            wrapper.detach()
