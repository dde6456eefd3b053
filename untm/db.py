"""The one SQLite file that holds the termbase and the translation memory.

It lives in the platform's user-data directory unless ``--db PATH`` or ``UNTM_DB``
says otherwise, and is created on first use with the shipped UN glossary loaded, so
that lookup works straight after install.

Schema and bulk writes go through sqlite-utils; the hot read paths (lookup) use the
underlying ``sqlite3`` connection directly, because importing sqlite-utils costs more
than a whole lookup and the CLI must answer in a fraction of a second.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import DatabaseError

if TYPE_CHECKING:
    import sqlite_utils

#: Bump when a table changes; a database from a newer untm is refused, an older one migrated.
SCHEMA_VERSION = 4  # 2: tb_arrays; 3: tm_arrays and skeleton grams; 4: rowid posting tables
APP_ID = 0x756E746D  # "untm", stored in the SQLite header to recognise our files
ENV_VAR = "UNTM_DB"


def default_db_path() -> Path:
    """``$UNTM_DB`` if set, else ``untm.db`` in the platform's user-data directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("untm", appauthor=False)) / "untm.db"


class Database:
    """An open untm database. Use :func:`open_db` rather than the constructor."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._utils: sqlite_utils.Database | None = None
        self._in_tx = False
        #: Values derived from the file, with the stamp they were read at (untm.arrays).
        self.cache: dict[str, tuple[object, Any]] = {}

    @property
    def utils(self) -> sqlite_utils.Database:
        """A sqlite-utils view of the same connection (imported on first use)."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn)
        return self._utils

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so a concurrent writer waits
        (busy timeout) instead of failing half-way; readers in other processes keep
        reading the last committed state (WAL).
        """
        if self._in_tx:  # nested use joins the outer transaction
            yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise DatabaseError(f"{self.path}: cannot start a write ({exc}); try again") from None
        self._in_tx = True
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._in_tx = False

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM untm_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO untm_meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def all_meta(self) -> list[tuple[str, str]]:
        return [(str(k), str(v)) for k, v in self.conn.execute("SELECT key, value FROM untm_meta")]

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: Functions that create an area's tables; each takes the Database and is idempotent.
_SCHEMA_HOOKS: list[Callable[[Database], None]] = []


def _schema_hooks() -> list[Callable[[Database], None]]:
    if not _SCHEMA_HOOKS:
        from untm.termbase.store import ensure_schema as termbase_schema
        from untm.tm.store import ensure_schema as tm_schema

        _SCHEMA_HOOKS.extend([termbase_schema, tm_schema])
    return _SCHEMA_HOOKS


def _connect(path: Path) -> sqlite3.Connection:
    # Connection settings only: nothing here writes to the file (WAL is set once the
    # file is known to be ours, see _check_or_init).
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30.0, check_same_thread=False)
        for pragma in (
            "PRAGMA synchronous = NORMAL",
            "PRAGMA foreign_keys = ON",
            "PRAGMA temp_store = MEMORY",
            "PRAGMA cache_size = -65536",  # 64 MB; no mmap, whose pages would count as RSS
        ):
            conn.execute(pragma)
    except sqlite3.Error as exc:
        raise DatabaseError(
            f"{path}: cannot open the database ({exc}); give another file with --db or UNTM_DB"
        ) from None
    return conn


def open_db(path: str | os.PathLike[str] | None = None, *, load_glossary: bool = True) -> Database:
    """Open (creating if needed) the untm database at ``path`` (default: :func:`default_db_path`).

    A new database gets the schema and, unless ``load_glossary`` is False, the shipped
    UN glossary, in one transaction.
    """
    target = Path(path).expanduser() if path is not None else default_db_path()
    new = not target.exists() or target.stat().st_size == 0
    if new:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"{target}: cannot create its directory ({exc})") from None
    conn = _connect(target)
    db = Database(target, conn)
    try:
        _check_or_init(db, load_glossary=load_glossary)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(
            f"{target}: not a usable untm database ({exc}); give another file with --db or UNTM_DB"
        ) from None
    except BaseException:
        conn.close()
        raise
    return db


def _check_or_init(db: Database, *, load_glossary: bool) -> None:
    app_id = db.conn.execute("PRAGMA application_id").fetchone()[0]
    has_meta = db.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'untm_meta'"
    ).fetchone()
    ready = False
    if has_meta and app_id == APP_ID:
        version = int(db.meta("schema_version") or 0)
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{db.path}: made by a newer untm (schema {version}, this untm reads "
                f"{SCHEMA_VERSION}); upgrade untm"
            )
        from untm.text.normalize import NORMALIZATION

        ready = (
            version == SCHEMA_VERSION
            and db.meta("glossary_loaded") is not None
            and db.meta("normalization") == NORMALIZATION
        )
    elif db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise DatabaseError(
            f"{db.path}: is an SQLite database of another application; "
            "give untm its own file with --db or UNTM_DB"
        )
    # Only a file known to be ours (or new) is switched to WAL: the journal mode is
    # stored in the file, and a file untm refuses must be left exactly as it was.
    db.conn.execute("PRAGMA journal_mode = WAL")
    if not ready:
        _initialize(db, load_glossary=load_glossary)


def _initialize(db: Database, *, load_glossary: bool) -> None:
    with db.transaction():
        db.conn.execute(f"PRAGMA application_id = {APP_ID}")
        db.conn.execute(
            "CREATE TABLE IF NOT EXISTS untm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        # Idempotent: each creates what is missing and brings older data up to date
        # (new tables, keys of a changed normalization), so this is also the migration.
        for hook in _schema_hooks():
            hook(db)
        from untm.text.normalize import NORMALIZATION

        db.set_meta("schema_version", str(SCHEMA_VERSION))
        db.set_meta("normalization", NORMALIZATION)
        if db.meta("glossary_loaded") is not None:  # an older file, or another process
            return
        if db.meta("created_by") is None:
            db.set_meta("created_by", f"untm {__version__}")
            db.set_meta("created_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        if load_glossary:
            from untm.termbase.glossary import GLOSSARY_ORIGIN, load_shipped
            from untm.termbase.store import SqliteTermStore

            SqliteTermStore(db).import_concepts(load_shipped(), origin=GLOSSARY_ORIGIN)
        db.set_meta("glossary_loaded", "yes" if load_glossary else "no")
