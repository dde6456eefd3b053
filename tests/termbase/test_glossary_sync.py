"""Bringing the shipped glossary up to date in an existing database (sync_shipped).

Each test ships a small glossary of its own (``glossary_path`` points at a TOML file
in the test's directory), opens a database with it, lets the "user" change the
termbase, then ships a changed glossary and opens the database again, which is what a
new untm does. Expected results follow the rules in ``sync_shipped``: untouched
concepts follow the glossary, changed ones keep what the user did.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from untm.db import Database
from untm.termbase import api as tb
from untm.termbase import area, glossary
from untm.termbase.glossary import GLOSSARY_ORIGIN, SyncReport
from untm.termbase.model import Concept, Evidence, Term
from untm.termbase.store import SqliteTermStore
from untm.text.lang import Lang
from untm.workspace import open_db

ZH, EN = Lang.ZH, Lang.EN


def entry(cid: str, zh: str, en: str, *extra_en: str, note: str = "") -> str:
    """One [[concept]] table of a glossary TOML."""
    ens = ", ".join(f'{{ term = "{t}" }}' for t in (en, *extra_en))
    return (
        f'[[concept]]\nid = "{cid}"\nsubject = "UN system"\nsource = "A/1"\n'
        f'evidence = "un-document"\nattested = "A/1"\n'
        + (f'note = "{note}"\n' if note else "")
        + f'zh = [{{ term = "{zh}" }}]\nen = [{ens}]\n\n'
    )


V1 = "".join(
    [
        entry("a", "会员国", "Member State"),
        entry("b", "缔约国", "State party"),
        entry("c", "秘书处", "Secretariat"),
        entry("d", "大会", "General Assembly"),
        entry("e", "观察员", "observer"),
    ]
)
V2 = "".join(
    [
        entry("a", "会员国", "Member State", "Member"),  # changed, not touched by the user
        entry("b", "缔约国", "State party", "State Party"),  # changed, edited by the user
        entry("c", "秘书处", "Secretariat", "UN Secretariat"),  # changed, deleted by the user
        entry("d", "大会", "General Assembly"),  # not changed, edited by the user
        # e dropped
        entry("f", "安全理事会", "Security Council"),  # new
        entry("g", "引渡", "extradition"),  # new, the user has the pair already
    ]
)

Ship = Callable[[str], None]
#: the reports of the syncs that opening a database ran, last one last
synced: list[SyncReport] = []


@pytest.fixture
def ship(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ship]:
    """``ship(toml)`` makes ``toml`` the glossary untm ships; the sync reports of the
    opens that follow go to synced."""
    path = tmp_path / "shipped.toml"
    monkeypatch.setattr(glossary, "glossary_path", lambda: path)
    real = glossary.sync_shipped

    def recorded(db: Database) -> SyncReport:
        synced.append(real(db))
        return synced[-1]

    monkeypatch.setattr(glossary, "sync_shipped", recorded)
    synced.clear()

    def write(text: str) -> None:
        path.write_text(text, encoding="utf-8")
        area.glossary_digest.cache_clear()

    yield write
    area.glossary_digest.cache_clear()


def concepts(path: Path) -> dict[str, Concept]:
    with open_db(path) as db:
        return {c.id: c for c in SqliteTermStore(db).all_concepts()}


def en_terms(c: Concept) -> list[str]:
    return [t.text for t in c.terms_in(EN)]


def user_edits(path: Path, tmp_path: Path) -> None:
    """Merge a term into b, delete c, change d's note, import a concept of one's own."""
    team = tmp_path / "team.tsv"
    team.write_text(
        "id\tzh\ten\ten_aliases\tnote\n"
        "b\t缔约国\tState party\tparty State\t\n"
        "d\t大会\tGeneral Assembly\t\tThe plenary, not a committee.\n"
        "mine\t引渡\textradition\t\t\n",
        encoding="utf-8",
    )
    with open_db(path) as db:
        tb.import_file(db, team)
        tb.delete(db, ids=["c"])


def test_a_new_database_records_every_shipped_concept(ship: Ship, tmp_path: Path) -> None:
    ship(V1)
    path = tmp_path / "untm.db"
    with open_db(path) as db:
        assert synced == [SyncReport(added=("a", "b", "c", "d", "e"))]
        assert db.meta("glossary_sync") == (
            "5 added, 0 updated, 0 removed, 0 kept as edited, 0 unchanged"
        )
        recorded = db.conn.execute("SELECT count(*) FROM tb_glossary").fetchone()[0]
    assert recorded == 5
    assert set(concepts(path)) == {"a", "b", "c", "d", "e"}


def test_an_update_follows_the_glossary_and_keeps_what_the_user_did(
    ship: Ship, tmp_path: Path
) -> None:
    ship(V1)
    path = tmp_path / "untm.db"
    open_db(path).close()
    user_edits(path, tmp_path)
    ship(V2)
    open_db(path).close()  # a new untm opens the file
    assert synced[-1] == (
        SyncReport(
            added=("f",),
            updated=("a",),
            removed=("e",),
            kept_edited=("b", "c", "mine"),
            unchanged=1,
        )
    )
    after = concepts(path)
    assert set(after) == {"a", "b", "d", "f", "mine"}
    assert en_terms(after["a"]) == ["Member State", "Member"]  # replaced: the new version
    assert en_terms(after["b"]) == ["State party", "State Party", "party State"]  # merged
    assert after["d"].note == "The plenary, not a committee."  # the glossary did not change it
    assert en_terms(after["f"]) == ["Security Council"]
    assert "g" not in after  # merged into the user's concept with the same pair
    with open_db(path) as db:
        store = SqliteTermStore(db)
        assert store.origin_of("mine") == "team.tsv"
        assert store.origin_of("f") == GLOSSARY_ORIGIN
        assert store.concepts(["mine"])[0].evidence is Evidence.UN_DOCUMENT  # from g
        hit = tb.lookup(db, "Member").hits[0]
        assert (hit.concept.id, hit.match.value) == ("a", "exact")
        assert tb.lookup(db, "observer").hits == ()


def test_opening_again_changes_nothing(ship: Ship, tmp_path: Path) -> None:
    ship(V1)
    path = tmp_path / "untm.db"
    open_db(path).close()
    user_edits(path, tmp_path)
    ship(V2)
    first = concepts(path)
    syncs = len(synced)
    with open_db(path) as db:
        dump = list(db.conn.iterdump())
    assert concepts(path) == first
    with open_db(path) as db:
        assert list(db.conn.iterdump()) == dump
    assert len(synced) == syncs  # the stamp did not change: no sync at all
    with open_db(path) as db:  # and a sync with nothing new changes nothing
        assert glossary.sync_shipped(db) == SyncReport(unchanged=6)
        assert [line for line in db.conn.iterdump() if "glossary_sync" not in line] == [
            line for line in dump if "glossary_sync" not in line
        ]


def test_a_concept_the_user_changed_is_kept_when_the_glossary_drops_it(
    ship: Ship, tmp_path: Path
) -> None:
    ship(V1)
    path = tmp_path / "untm.db"
    open_db(path).close()
    user_edits(path, tmp_path)
    ship(entry("a", "会员国", "Member State"))  # b, d and e dropped
    after = concepts(path)
    assert set(after) == {"a", "b", "d", "mine"}  # e untouched: removed; b and d edited: kept
    with open_db(path) as db:
        recorded = [r[0] for r in db.conn.execute("SELECT concept_id FROM tb_glossary")]
    assert recorded == ["a"]  # b and d are the user's from now on


def test_a_file_without_records_is_merged_never_emptied(ship: Ship, tmp_path: Path) -> None:
    """A file made by an untm that kept no digests: nothing can be told apart, so
    every concept is treated as changed by the user (merged into, never deleted)."""
    ship(V1)
    path = tmp_path / "untm.db"
    with open_db(path) as db, db.transaction():
        db.conn.execute("DELETE FROM tb_glossary")
    ship(V2)
    after = concepts(path)
    assert set(after) == {"a", "b", "c", "d", "e", "f", "g"}
    assert en_terms(after["a"]) == ["Member State", "Member"]
    assert synced[-1] == SyncReport(added=("f", "g"), kept_edited=("a", "b", "c", "e"), unchanged=1)


def test_a_database_without_the_glossary_is_never_given_it(ship: Ship, tmp_path: Path) -> None:
    ship(V1)
    path = tmp_path / "untm.db"
    open_db(path, glossary=False).close()
    ship(V2)
    assert concepts(path) == {}


def test_deleting_the_glossary_keeps_the_users_changes_and_stops_updates(
    ship: Ship, tmp_path: Path
) -> None:
    ship(V1)
    path = tmp_path / "untm.db"
    open_db(path).close()
    user_edits(path, tmp_path)
    with open_db(path) as db:
        report = tb.delete(db, origin=GLOSSARY_ORIGIN)
    assert (report.deleted, report.kept) == (("a", "e"), ("b", "d"))
    ship(V2)
    assert set(concepts(path)) == {"b", "d", "mine"}


def test_the_digest_of_every_shipped_concept_survives_the_store(tmp_path: Path) -> None:
    """The record of a shipped concept is the digest of its TOML version; it must be the
    digest of the concept as stored and read back, or every concept would look edited."""
    from untm.termbase.store import concept_digest

    with open_db(tmp_path / "untm.db") as db:
        stored = {c.id: concept_digest(c) for c in SqliteTermStore(db).all_concepts()}
        recorded = {str(k): str(v) for k, v in db.conn.execute("SELECT * FROM tb_glossary")}
    assert stored == recorded
    assert len(stored) == len(glossary.load_shipped())


def test_a_concept_merged_into_by_the_user_counts_as_changed(ship: Ship, tmp_path: Path) -> None:
    ship(V1)
    path = tmp_path / "untm.db"
    open_db(path).close()
    with open_db(path) as db:
        store = SqliteTermStore(db)
        ms = Concept("x", (Term("会员国", ZH), Term("Member State", EN), Term("MS", EN)))
        store.import_concepts([ms], origin="u.tsv")
    ship(V2)
    assert en_terms(concepts(path)["a"]) == ["Member State", "MS", "Member"]


def test_deleting_the_glossary_of_a_file_without_records(ship: Ship, tmp_path: Path) -> None:
    """No records: a concept equal to the shipped version is the glossary's, one that
    differs may hold the user's work and is kept."""
    ship(V1)
    path = tmp_path / "untm.db"
    open_db(path).close()
    user_edits(path, tmp_path)
    with open_db(path) as db:
        with db.transaction():
            db.conn.execute("DELETE FROM tb_glossary")
        report = tb.delete(db, origin=GLOSSARY_ORIGIN)
    assert (report.deleted, report.kept) == (("a", "e"), ("b", "d"))
