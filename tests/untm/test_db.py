"""The one database file: creation with the shipped glossary, location, refusals, transactions.

Expected values come from the glossary source itself (its ``[[concept]]`` tables are
counted as text, independently of the loader) and from SQLite (the journal mode a fresh
connection reports), never from what untm prints.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from pathlib import Path

import pytest

import untm.termbase.glossary as glossary_module
from untm.db import APP_ID, SCHEMA_VERSION, default_db_path
from untm.errors import DatabaseError
from untm.termbase.glossary import GLOSSARY_ORIGIN, glossary_path
from untm.text.normalize import NORMALIZATION
from untm.workspace import open_db

ROOT = Path(__file__).resolve().parents[2]


def _toml_concept_count() -> int:
    """Concepts in the shipped TOML, counted as ``[[concept]]`` header lines."""
    text = (ROOT / "glossaries" / "un-zh-en.toml").read_text(encoding="utf-8")
    return sum(1 for line in text.splitlines() if line.strip() == "[[concept]]")


def _count(path: Path, sql: str) -> int:
    """A count read through a separate plain sqlite3 connection (not untm's)."""
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----------------------------------------------------------------------- first use


def test_first_use_creates_the_file_with_the_glossary_loaded(db_path: Path) -> None:
    assert not db_path.exists()
    with open_db() as db:  # no path: UNTM_DB (set by the fixture) decides
        assert db.path == db_path
        meta = dict(db.all_meta())
    assert db_path.is_file()
    concepts = _count(db_path, "SELECT count(*) FROM tb_concepts")
    assert concepts > 600
    assert concepts == _toml_concept_count()
    origins = _count(
        db_path, f"SELECT count(*) FROM tb_concepts WHERE origin = '{GLOSSARY_ORIGIN}'"
    )
    assert origins == concepts
    assert _count(db_path, "SELECT count(*) FROM tb_terms WHERE lang = 'zh'") >= concepts
    assert _count(db_path, "SELECT count(*) FROM tb_terms WHERE lang = 'en'") >= concepts
    assert meta["glossary_loaded"] == "yes"
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    assert meta["normalization"] == NORMALIZATION
    assert meta["created_by"].startswith("untm ")
    assert _count(db_path, "PRAGMA application_id") == APP_ID


def test_glossary_path_is_the_toml_in_the_repository() -> None:
    assert glossary_path().resolve() == (ROOT / "glossaries" / "un-zh-en.toml").resolve()


def test_an_explicit_path_in_a_missing_directory_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "untm.db"
    with pytest.raises(DatabaseError) as err:
        open_db(target, glossary=False)
    assert str(err.value) == f"{target}: no such directory {target.parent}"
    assert not (tmp_path / "a").exists()


def test_the_default_location_gets_its_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the platform's user-data directory is created on first use."""
    monkeypatch.delenv("UNTM_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with open_db(glossary=False) as db:
        assert db.path == tmp_path / "data" / "untm" / "untm.db"
    assert db.path.is_file()


def test_second_open_does_not_reload_the_glossary(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_db() as db:
        created_at = db.meta("created_at")
        with db.transaction():  # the user removes one concept
            db.conn.execute("DELETE FROM tb_terms WHERE concept_id = 'mtg-credentials'")
            db.conn.execute("DELETE FROM tb_concepts WHERE id = 'mtg-credentials'")
    before = _count(db_path, "SELECT count(*) FROM tb_concepts")

    def no_reload() -> None:
        raise AssertionError("the glossary was loaded again")

    monkeypatch.setattr(glossary_module, "load_shipped", no_reload)
    with open_db() as db:
        assert db.meta("created_at") == created_at
        assert db.conn.execute("SELECT count(*) FROM tb_concepts").fetchone()[0] == before
        gone = db.conn.execute("SELECT 1 FROM tb_concepts WHERE id = 'mtg-credentials'")
        assert gone.fetchone() is None  # not put back


def test_load_glossary_false_gives_an_empty_termbase(tmp_path: Path) -> None:
    with open_db(tmp_path / "empty.db", glossary=False) as db:
        assert db.conn.execute("SELECT count(*) FROM tb_concepts").fetchone()[0] == 0
        assert db.meta("glossary_loaded") == "no"


def test_an_empty_file_is_initialized_as_new(tmp_path: Path) -> None:
    path = tmp_path / "touched.db"
    path.touch()
    with open_db(path) as db:
        assert db.meta("glossary_loaded") == "yes"


# ----------------------------------------------------------------------- location


def test_default_db_path_honours_untm_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UNTM_DB", str(tmp_path / "mine.db"))
    assert default_db_path() == tmp_path / "mine.db"
    monkeypatch.setenv("UNTM_DB", "~/terms/untm.db")
    assert default_db_path() == Path.home() / "terms" / "untm.db"


@pytest.mark.skipif(sys.platform != "linux", reason="XDG data directory layout is Linux's")
def test_default_db_path_without_untm_db_is_in_the_user_data_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("UNTM_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "untm" / "untm.db"
    monkeypatch.setenv("UNTM_DB", "")  # set but empty counts as unset
    assert default_db_path() == tmp_path / "xdg" / "untm" / "untm.db"


def test_an_explicit_path_wins_over_untm_db(db_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "explicit.db"
    open_db(other, glossary=False).close()
    assert other.exists()
    assert not db_path.exists()


def test_cli_db_option_and_untm_db(db_path: Path, tmp_path: Path) -> None:
    """``--db`` beats ``UNTM_DB``; without ``--db`` the CLI uses ``UNTM_DB``."""
    import json

    from typer.testing import CliRunner

    from untm.cli.app import app

    runner = CliRunner()
    other = tmp_path / "via-option.db"
    result = runner.invoke(app, ["--db", str(other), "info", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["database"] == str(other)
    assert other.exists() and not db_path.exists()

    result = runner.invoke(app, ["info", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["database"] == str(db_path)


# ----------------------------------------------------------------------- refusals


def test_a_sqlite_file_of_another_application_is_refused_and_left_untouched(
    tmp_path: Path,
) -> None:
    path = tmp_path / "firefox-places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places(url) VALUES ('https://undocs.org')")
    conn.commit()
    conn.close()
    digest = _digest(path)
    with pytest.raises(DatabaseError) as err:
        open_db(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    assert "another application" in message
    assert "--db" in message  # says what to do
    assert "\n" not in message
    assert _digest(path) == digest  # not switched to WAL, not given untm tables
    assert not Path(f"{path}-wal").exists()
    assert _count(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'tb_%'") == 0


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database, just notes\n" * 100, encoding="utf-8")
    digest = _digest(path)
    with pytest.raises(DatabaseError) as err:
        open_db(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    assert "--db" in message
    assert _digest(path) == digest


def test_a_database_from_a_newer_untm_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    with open_db(path, glossary=False) as db, db.transaction():
        db.set_meta("schema_version", str(SCHEMA_VERSION + 1))
    with pytest.raises(DatabaseError) as err:
        open_db(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    assert "newer untm" in message
    assert message.endswith("upgrade untm")  # says what to do
    assert f"schema {SCHEMA_VERSION + 1}" in message


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="cannot open the database"):
        open_db(tmp_path)


# ----------------------------------------------------------------------- transactions


def test_transaction_commits_on_success(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with open_db(path, glossary=False) as db:
        with db.transaction():
            db.set_meta("reviewed_by", "terminology section")
        assert _count(path, "SELECT count(*) FROM untm_meta WHERE key = 'reviewed_by'") == 1


def test_transaction_rolls_back_on_exception(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with open_db(path, glossary=False) as db:
        with pytest.raises(RuntimeError, match="half-way"), db.transaction():
            db.set_meta("reviewed_by", "terminology section")
            db.conn.execute("INSERT INTO tb_concepts(id, origin) VALUES ('c1', 'x')")
            raise RuntimeError("failed half-way")
        assert db.meta("reviewed_by") is None
        assert db.conn.execute("SELECT count(*) FROM tb_concepts").fetchone()[0] == 0
        assert not db.conn.in_transaction
        with db.transaction():  # usable again afterwards
            db.set_meta("reviewed_by", "x")
        assert db.meta("reviewed_by") == "x"


def test_a_nested_transaction_joins_the_outer_one(tmp_path: Path) -> None:
    with open_db(tmp_path / "t.db", glossary=False) as db:
        with pytest.raises(KeyError), db.transaction():
            with db.transaction():
                db.set_meta("inner", "1")
            assert db.conn.in_transaction  # the inner block did not commit
            raise KeyError("outer fails")
        assert db.meta("inner") is None


def test_wal_mode_is_on_and_readers_see_the_last_commit(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with open_db(path, glossary=False) as db:
        assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        other = sqlite3.connect(path, timeout=0.1)
        try:
            assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            with db.transaction():
                db.set_meta("pending", "yes")
                # a reader in another connection is not blocked and sees the old state
                row = other.execute("SELECT value FROM untm_meta WHERE key = 'pending'")
                assert row.fetchone() is None
            row = other.execute("SELECT value FROM untm_meta WHERE key = 'pending'")
            assert row.fetchone() == ("yes",)
        finally:
            other.close()


def test_a_schema_1_database_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    """Schema 1 had no ``tb_arrays``; opening such a file adds it, built from the terms, so
    that contains and fuzzy lookup work on it, and changes nothing else."""
    path = tmp_path / "old.db"
    with open_db(path) as db:
        with db.transaction():
            db.conn.execute("DROP TABLE tb_arrays")
            db.set_meta("schema_version", "1")
        concepts = db.conn.execute("SELECT count(*) FROM tb_concepts").fetchone()[0]
    with open_db(path) as db:
        assert db.meta("schema_version") == str(SCHEMA_VERSION)
        assert db.conn.execute("SELECT count(*) FROM tb_concepts").fetchone()[0] == concepts
        from untm.termbase import api

        hits = api.lookup(db, "Implementaton Review Group").hits  # fuzzy needs key lengths
        assert hits and hits[0].concept.id == "uncac-irg"


def test_a_database_of_another_normalization_is_rekeyed(tmp_path: Path) -> None:
    """Term keys stored by an older normalization are recomputed on opening, so a query
    normalized the new way finds them (here: 'anticorruption' = 'anti-corruption')."""
    path = tmp_path / "old.db"
    with open_db(path) as db, db.transaction():
        db.conn.execute("UPDATE tb_terms SET key = 'stale ' || key")
        db.set_meta("normalization", "untm-norm-1 (an older one)")
        db.conn.execute("DELETE FROM untm_meta WHERE key LIKE 'area:%'")  # as older files
    with open_db(path) as db:
        assert db.meta("normalization") == NORMALIZATION
        stale = db.conn.execute("SELECT count(*) FROM tb_terms WHERE key LIKE 'stale %'")
        assert stale.fetchone()[0] == 0
        from untm.termbase import api

        hit = api.lookup(db, "anticorruption").hits[0]
        assert hit.match.value == "normalized"
        assert hit.matched_term.text.lower() == "anti-corruption"
