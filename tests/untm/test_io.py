"""Atomic output files: named recognisably, removed on failure and interruption, stale ones
of killed processes removed when the same target is written again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from untm._io import TMP_MARK, atomic_text, remove_stale_temporaries, sigterm_as_exit


def _temporaries(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}"))


def _dead_pid() -> int:
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(proc.stdout)


def test_the_temporary_file_is_named_after_target_and_process(tmp_path: Path) -> None:
    target = tmp_path / "out.tsv"
    with atomic_text(target) as fh:
        fh.write("x\n")
        assert _temporaries(target) == [f".out.tsv{TMP_MARK}{os.getpid()}"]
    assert _temporaries(target) == []
    assert target.read_text(encoding="utf-8") == "x\n"


@pytest.mark.parametrize("error", [ValueError("boom"), KeyboardInterrupt()])
def test_a_failed_or_interrupted_write_leaves_the_old_file(
    tmp_path: Path, error: BaseException
) -> None:
    target = tmp_path / "out.tsv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(type(error)), atomic_text(target) as fh:
        fh.write("new, half written")
        raise error
    assert target.read_text(encoding="utf-8") == "old\n"
    assert _temporaries(target) == []


def test_stale_temporaries_of_dead_processes_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "out.tmx"
    dead = tmp_path / f".out.tmx{TMP_MARK}{_dead_pid()}"
    dead_second = tmp_path / f".out.tmx{TMP_MARK}{_dead_pid()}-1"
    alive = tmp_path / f".out.tmx{TMP_MARK}{os.getppid()}"  # a running process: kept
    other = tmp_path / f".other.tmx{TMP_MARK}{_dead_pid()}"  # another target's: kept
    mine = tmp_path / ".out.tmx.backup"  # not untm's: kept
    for p in (dead, dead_second, alive, other, mine):
        p.write_text("partial", encoding="utf-8")
    with atomic_text(target) as fh:
        fh.write("new\n")
    assert not dead.exists() and not dead_second.exists()
    assert alive.exists() and other.exists() and mine.exists()
    assert remove_stale_temporaries(target) == []


WRITER = """
import sys, time
from untm._io import atomic_text
with atomic_text(sys.argv[1]) as fh:
    for i in range(10_000):
        fh.write(f"line {i}\\n")
        time.sleep(0.01)
"""


def _writing(target: Path) -> subprocess.Popen[str]:
    """A process in the middle of an atomic write of ``target``."""
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)], stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 30
    while not any(TMP_MARK in n for n in _temporaries(target)):
        assert time.monotonic() < deadline and proc.poll() is None, "the writer never started"
        time.sleep(0.02)
    return proc


def test_sigterm_removes_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.tsv"
    target.write_text("old\n", encoding="utf-8")
    proc = _writing(target)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM
    assert _temporaries(target) == []
    assert target.read_text(encoding="utf-8") == "old\n"


def test_the_temporary_of_a_killed_writer_is_removed_by_the_next(tmp_path: Path) -> None:
    target = tmp_path / "out.tsv"
    proc = _writing(target)
    proc.kill()
    proc.communicate(timeout=30)
    (stale,) = _temporaries(target)
    assert stale == f".out.tsv{TMP_MARK}{proc.pid}"
    with atomic_text(target) as fh:
        fh.write("new\n")
    assert _temporaries(target) == []
    assert target.read_text(encoding="utf-8") == "new\n"


def test_sigterm_as_exit_restores_the_default() -> None:
    with sigterm_as_exit():
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
        with sigterm_as_exit():  # nested: the outer handler stays
            pass
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
