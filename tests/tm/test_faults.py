"""Faults of the machine during an import end in one line, exit 2, the memory unchanged:
a full disk, a reader process that dies; the reader never outlives the import."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.tm.helpers import new_db, snapshot, un_pairs, zh_en
from untm.cli.app import app
from untm.db import Database
from untm.errors import InputError
from untm.tm import _pipeline, api
from untm.tm.model import TranslationUnit
from untm.tm.store import TmStore
from untm.tm.tmx import write_tmx

PAIRS = un_pairs(12_000)  # more than two batches of the pipeline


def _stored(db: Database, tmp_path: Path) -> None:
    seed = tmp_path / "seed.tsv"
    seed.write_text("原有的句子。\tAn existing sentence.\n", encoding="utf-8")
    api.import_file(db, seed)


def _tsv(tmp_path: Path, pairs: list[tuple[str, str]] = PAIRS) -> Path:
    path = tmp_path / "big.tsv"
    path.write_text("".join(f"{z}\t{e}\n" for z, e in pairs), encoding="utf-8")
    return path


def _cli(db: Database, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db.path), "tm", *args])
    return result.exit_code, result.stdout, result.stderr


# -- a full disk ------------------------------------------------------------------------------


def test_a_failed_rollback_does_not_mask_the_error(db: Database) -> None:
    """SQLite rolls a transaction back by itself after some errors (a full disk): the
    ROLLBACK that follows fails, and must not replace the error that caused it."""
    with pytest.raises(sqlite3.OperationalError, match="disk is full"), db.transaction() as c:
        c.execute("CREATE TABLE scratch (x)")
        c.execute("ROLLBACK")
        raise sqlite3.OperationalError("database or disk is full")
    assert not db.conn.in_transaction
    with db.transaction() as c:  # and the connection is usable again
        c.execute("SELECT 1")


@pytest.fixture
def full_disk_at_the_second_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second batch's INSERT fails as SQLite fails on a full disk (having rolled the
    transaction back itself)."""
    real = TmStore._insert
    calls = [0]

    def insert(self: TmStore, batch: object, first_id: int) -> list[int]:
        calls[0] += 1
        if calls[0] == 2:
            self.conn.execute("ROLLBACK")
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, batch, first_id)  # type: ignore[arg-type]

    monkeypatch.setattr(TmStore, "_insert", insert)


def test_disk_full_while_importing(
    db: Database, tmp_path: Path, full_disk_at_the_second_batch: None
) -> None:
    _stored(db, tmp_path)
    path = _tsv(tmp_path)
    before = snapshot(db)
    code, out, err = _cli(db, "import", str(path))
    assert (code, out) == (2, "")
    assert err == (
        f"Error: {db.path}: the disk is full; the import of {path} changed nothing "
        "(free some space and import again)\n"
    )
    assert snapshot(db) == before


def test_enospc_while_writing_the_index(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stored(db, tmp_path)
    path = _tsv(tmp_path)

    def flush(self: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("untm.tm.store.SegmentWriter.flush", flush)
    before = snapshot(db)
    code, out, err = _cli(db, "import", str(path))
    assert (code, out) == (2, "")
    assert err == (
        f"Error: {db.path}: the disk is full (No space left on device); the import of "
        f"{path} changed nothing (free some space and import again)\n"
    )
    assert snapshot(db) == before


def test_another_database_error_while_importing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _tsv(tmp_path, PAIRS[:10])

    def save(self: object, groups: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(TmStore, "save_headers", save)
    code, _, err = _cli(db, "import", str(path))
    assert code == 2
    assert err == (
        f"Error: {db.path}: cannot write (database disk image is malformed); the import "
        f"of {path} changed nothing\n"
    )
    assert api.stats(db).units == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, when this process may mount one (root on Linux)."""
    mount = tmp_path / "small"
    mount.mkdir()
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot mount a small tmpfs: {exc}")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=10)


def test_a_really_full_disk(small_disk: Path, tmp_path: Path) -> None:
    db = new_db(small_disk / "untm.db")
    _stored(db, tmp_path)
    before = snapshot(db)
    db.close()
    path = _tsv(tmp_path, un_pairs(7_000))  # about 1.2 MB of text: several MB stored
    args = ["--db", str(small_disk / "untm.db"), "tm", "import", str(path)]
    run = subprocess.run(
        [sys.executable, "-m", "untm", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        f"Error: {small_disk / 'untm.db'}: the disk is full; the import of {path} changed "
        "nothing (free some space and import again)\n"
    )
    db = new_db(small_disk / "untm.db")
    assert snapshot(db) == before
    db.close()


def test_a_full_disk_while_exporting_leaves_no_file(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stored(db, tmp_path)
    out = tmp_path / "out.tmx"
    out.write_text("the previous export\n", encoding="utf-8")

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    code, _, err = _cli(db, "export", str(out))
    assert code == 2
    assert err == f"Error: {out}: cannot write: No space left on device\n"
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir() if "out.tmx" in p.name] == ["out.tmx"]


# -- a reader that dies -----------------------------------------------------------------------


def _dying_reader(progress: object) -> Iterator[TranslationUnit]:
    """Units, then the reader process is killed (as by the OOM killer or kill -9)."""
    for i in range(_pipeline.BATCH * 2 + 10):
        yield zh_en(f"第{i}句。", f"Sentence {i}.")
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_reader_that_dies_is_one_error(db: Database, tmp_path: Path) -> None:
    _stored(db, tmp_path)
    before = snapshot(db)
    with pytest.raises(InputError) as err, db.transaction():
        batches = _pipeline.prepared_batches(_dying_reader, parallel=True, name="big.tmx")
        TmStore(db).add_batches(p.batch for p in batches)
    assert str(err.value) == (
        "big.tmx: the process reading it stopped unexpectedly (killed by SIGKILL); "
        "nothing was imported"
    )
    assert snapshot(db) == before


# -- killing a real import: the reader goes with it --------------------------------------------

BIG = 150_000


def _generated(n: int) -> Iterator[TranslationUnit]:
    for i in range(n):
        yield zh_en(
            f"委员会在第{i}次会议上审议了议程项目{i % 97}。",
            f"At its {i}th meeting, the Committee considered item {i % 97}.",
        )


@pytest.fixture(scope="module")
def big_tmx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.tmx"
    write_tmx(_generated(BIG), path, srclang="zh-CN")
    return path


def _state(pid: int) -> str:
    """The process's state letter (Z: a zombie, as good as gone), "" if there is none."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _start_import(db_path: Path, tmx: Path) -> tuple[subprocess.Popen[str], int]:
    """A real ``untm tm import``, once its reader runs and has sent a batch or two."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "untm", "--db", str(db_path), "tm", "import", str(tmx)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    readers: list[int] = []
    while not readers and time.monotonic() < deadline and proc.poll() is None:
        readers = _children(proc.pid)
        time.sleep(0.02)
    assert readers, "the import started no reader process"
    time.sleep(1.0)  # well into the file
    assert proc.poll() is None, "the import ended before it could be killed"
    return proc, readers[0]


def _gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _state(pid) in ("", "Z"):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_killing_an_import_kills_its_reader(how: str, big_tmx: Path, tmp_path: Path) -> None:
    db = new_db(tmp_path / "untm.db")
    _stored(db, tmp_path)
    before = snapshot(db)
    db.close()
    proc, reader = _start_import(tmp_path / "untm.db", big_tmx)
    try:
        proc.send_signal(getattr(signal, how))
        proc.communicate(timeout=30)
        assert _gone_within(reader, 5), f"the reader {reader} outlived the import"
    finally:
        if _state(reader) not in ("", "Z"):
            os.kill(reader, signal.SIGKILL)
    # SIGKILL ends the process at once; SIGTERM lets it roll back and stop its reader
    assert proc.returncode == (-signal.SIGKILL if how == "SIGKILL" else 128 + signal.SIGTERM)
    db = new_db(tmp_path / "untm.db")
    assert snapshot(db) == before
    db.close()


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_the_reader_of_a_real_import(big_tmx: Path, tmp_path: Path) -> None:
    db = new_db(tmp_path / "untm.db")
    _stored(db, tmp_path)
    before = snapshot(db)
    db.close()
    proc, reader = _start_import(tmp_path / "untm.db", big_tmx)
    os.kill(reader, signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    assert (proc.returncode, out) == (2, "")
    assert err == (
        f"Error: {big_tmx}: the process reading it stopped unexpectedly (killed by "
        "SIGKILL); nothing was imported\n"
    )
    db = new_db(tmp_path / "untm.db")
    assert snapshot(db) == before
    db.close()
