"""Reading while another process imports: WAL readers see the old state or the new."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest

from tests.tm.helpers import UN_PAIRS, new_db, zh_en
from untm.db import Database
from untm.tm import api
from untm.tm.model import TranslationUnit
from untm.tm.tmx import write_tmx

BIG = 50_000


def _generated(n: int) -> Iterator[TranslationUnit]:
    bodies = ("审议了秘书长的报告", "核准了拟议的方案预算", "注意到特别报告员的说明")
    for i in range(n):
        body = bodies[i % len(bodies)]
        yield zh_en(
            f"委员会在第{i}次会议上{body}。",
            f"At its {i}th meeting, the Committee considered item {i % 97}.",
        )


NEW_TEXT = next(islice(_generated(BIG), 31337, None)).source.text


def _probe(db: Database) -> str:
    """One lookup on its own: it finds the new unit exactly, or nothing of it."""
    found = api.lookup(db, NEW_TEXT, limit=1)
    if found and found[0].score == 100.0:
        assert found[0].unit.source.text == NEW_TEXT
        return "new"
    assert not found or found[0].unit.source.text != NEW_TEXT
    return "old"


def _state(db: Database, old_units: int) -> str:
    """'old' or 'new', from reads in one read transaction (one WAL snapshot) that agree."""
    db.conn.execute("BEGIN")
    try:
        old = api.lookup(db, UN_PAIRS[0][0], limit=1)
        state = _probe(db)
        units = api.stats(db).units
    finally:
        db.conn.execute("COMMIT")
    assert old and old[0].score == 100.0  # there before, there after
    assert units == (old_units if state == "old" else old_units + BIG)
    return state


@pytest.mark.slow
def test_lookups_succeed_during_a_large_import(tmp_path: Path) -> None:
    db_path = tmp_path / "tm.db"
    reader = new_db(db_path)
    seed = tmp_path / "seed.tsv"
    seed.write_text("".join(f"{z}\t{e}\n" for z, e in UN_PAIRS), encoding="utf-8")
    old_units = api.import_file(reader, seed).added
    big = tmp_path / "big.tmx"
    assert write_tmx(_generated(BIG), big, srclang="zh-CN") == BIG

    proc = subprocess.Popen(
        [sys.executable, "-m", "untm", "--db", str(db_path), "tm", "import", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: list[str] = []
    singles: list[str] = []
    fresh_opens = 0
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            seen.append(_state(reader, old_units))
            singles.append(_probe(reader))
            if len(seen) % 10 == 0:  # a connection opened while the import runs
                other = new_db(db_path)
                seen.append(_state(other, old_units))
                other.close()
                fresh_opens += 1
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert f"{BIG:,} units added" in out
    # the reads overlapped the import, and never went back from the new state to the old
    assert len(seen) >= 5 and "old" in seen
    assert fresh_opens >= 1
    assert seen == sorted(seen, key=["old", "new"].index)
    assert singles == sorted(singles, key=["old", "new"].index)
    assert _state(reader, old_units) == "new"
    reader.close()
