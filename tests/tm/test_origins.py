"""A unit may come from several files: each origin holds it, and deleting one origin
leaves the unit to the others (the audit found `tm delete --origin a.tsv` deleting units
that b.tsv had brought too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tm.helpers import new_db
from untm.errors import NotFoundError
from untm.tm import api

PAIRS = [
    ("缔约国会议", "Conference of the States Parties"),
    ("实施情况审议组", "Implementation Review Group"),
    ("司法协助", "mutual legal assistance"),
    ("资产追回", "asset recovery"),
]


def _tsv(path: Path, pairs: list[tuple[str, str]]) -> Path:
    path.write_text("".join(f"{z}\t{e}\n" for z, e in pairs), encoding="utf-8")
    return path


def _texts(db, origin: str | None = None) -> set[str]:  # type: ignore[no-untyped-def]
    from untm.tm.store import TmStore

    return {u.source.text for u in TmStore(db).iter_units(origin=origin)}


def test_a_shared_unit_survives_the_deletion_of_either_origin(tmp_path: Path) -> None:
    db = new_db(tmp_path / "tm.db")
    api.import_file(db, _tsv(tmp_path / "a.tsv", PAIRS[:3]))
    report = api.import_file(db, _tsv(tmp_path / "b.tsv", PAIRS[1:]))
    assert (report.added, report.merged) == (1, 2)
    assert dict(api.stats(db).origins) == {"a.tsv": 3, "b.tsv": 3}
    assert _texts(db, "b.tsv") == {"实施情况审议组", "司法协助", "资产追回"}

    gone = api.delete(db, origin="a.tsv")
    assert (gone.deleted, gone.kept) == (1, 2)  # 缔约国会议 only a.tsv had
    assert _texts(db) == {"实施情况审议组", "司法协助", "资产追回"}
    assert dict(api.stats(db).origins) == {"b.tsv": 3}
    (match,) = api.lookup(db, "实施情况审议组", min_score=100)
    assert match.unit.origin == "b.tsv"
    with pytest.raises(NotFoundError):
        api.delete(db, origin="a.tsv")
    gone = api.delete(db, origin="b.tsv")
    assert (gone.deleted, gone.kept) == (3, 0)
    assert _texts(db) == set()
    db.close()


def test_deleting_the_later_origin_keeps_the_first(tmp_path: Path) -> None:
    db = new_db(tmp_path / "tm.db")
    api.import_file(db, _tsv(tmp_path / "a.tsv", PAIRS[:2]))
    api.import_file(db, _tsv(tmp_path / "b.tsv", PAIRS[:1]))
    gone = api.delete(db, origin="b.tsv")
    assert (gone.deleted, gone.kept) == (0, 1)
    assert dict(api.stats(db).origins) == {"a.tsv": 2}
    assert _texts(db, "a.tsv") == {"缔约国会议", "实施情况审议组"}
    db.close()


def test_reimporting_the_same_file_adds_no_origin(tmp_path: Path) -> None:
    db = new_db(tmp_path / "tm.db")
    path = _tsv(tmp_path / "a.tsv", PAIRS)
    api.import_file(db, path)
    api.import_file(db, path)
    assert dict(api.stats(db).origins) == {"a.tsv": 4}
    assert api.delete(db, origin="a.tsv").deleted == 4
    db.close()
