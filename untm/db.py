"""The one SQLite file that holds the termbase and the translation memory.

It lives in the platform's user-data directory unless ``--db PATH`` or ``UNTM_DB``
says otherwise. This module is the core of the layering and knows no area of untm::

    untm core (db, gramindex, arrays, errors, _io, _xml)
      <- text      languages, normalization, clean-up, segmentation, references
      <- termbase, tm
      <- align     documents to sentence beads, memories and term pairs
      <- lint
      <- untm.workspace   which areas a file has and what a new file gets
      <- cli       parse, call one library function, format

A module imports only from the layers above it in this list (``tests/test_layers.py``
checks it).

Each area (termbase, memory) describes itself as an :class:`Area`; ``untm.workspace``
opens the file with all of them, so a new file gets the shipped UN glossary and
lookup works straight after install.

Schema and bulk writes go through sqlite-utils; the hot read paths (lookup) use the
underlying ``sqlite3`` connection directly, because importing sqlite-utils costs more
than a whole lookup and the CLI must answer in a fraction of a second.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

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
            self.conn.execute("COMMIT")
        except BaseException:
            # SQLite may have rolled back already (a full disk): a failed ROLLBACK must
            # not replace the error that caused it
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            raise
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


class Area(Protocol):
    """One part of the file (termbase, memory): its tables and what a new file gets.

    The core knows no area; :mod:`untm.workspace`, above them all, says which exist.
    """

    #: Short name, the key of the area's stamp in ``untm_meta`` (``area:<name>``).
    name: str

    def stamp(self) -> str:
        """What the area's tables were last brought up to date for (schema, normalization,
        glossary version); when the stored stamp differs, :meth:`ensure` runs."""
        ...

    def ensure(self, db: Database, *, new: bool) -> None:
        """Create missing tables and bring older data up to date (idempotent); ``new`` is
        true for a file created by this open, which gets the area's initial content."""
        ...


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


def open_database(
    path: str | os.PathLike[str] | None = None,
    areas: Sequence[Area] = (),
    *,
    create_parents: bool | None = None,
) -> Database:
    """Open (creating if needed) the database at ``path`` (default: :func:`default_db_path`).

    Each area whose stored stamp differs from :meth:`Area.stamp` is brought up to date,
    all in one transaction. ``create_parents`` (default: only for the platform's default
    location) creates a missing directory; a path given by ``--db`` or ``UNTM_DB`` in a
    missing directory is more likely a typo than a wish for a new tree.
    """
    explicit = path is not None or bool(os.environ.get(ENV_VAR))
    target = Path(path).expanduser() if path is not None else default_db_path()
    new = not target.exists() or target.stat().st_size == 0
    if new and not target.parent.is_dir():
        if create_parents is False or (create_parents is None and explicit):
            raise DatabaseError(f"{target}: no such directory {target.parent}")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"{target}: cannot create its directory ({exc})") from None
    conn = _connect(target)
    db = Database(target, conn)
    try:
        _check_or_init(db, areas)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(
            f"{target}: not a usable untm database ({exc}); give another file with --db or UNTM_DB"
        ) from None
    except BaseException:
        conn.close()
        raise
    return db


def _check_or_init(db: Database, areas: Sequence[Area]) -> None:
    app_id = db.conn.execute("PRAGMA application_id").fetchone()[0]
    has_meta = db.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'untm_meta'"
    ).fetchone()
    new = not has_meta
    if has_meta and app_id == APP_ID:
        version = int(db.meta("schema_version") or 0)
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{db.path}: made by a newer untm (schema {version}, this untm reads "
                f"{SCHEMA_VERSION}); upgrade untm"
            )
        stale = version != SCHEMA_VERSION or any(
            db.meta(f"area:{a.name}") != a.stamp() for a in areas
        )
    elif db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise DatabaseError(
            f"{db.path}: is an SQLite database of another application; "
            "give untm its own file with --db or UNTM_DB"
        )
    else:
        stale = True
    # Only a file known to be ours (or new) is switched to WAL: the journal mode is
    # stored in the file, and a file untm refuses must be left exactly as it was.
    db.conn.execute("PRAGMA journal_mode = WAL")
    if stale:
        _initialize(db, areas, new=new)


def _initialize(db: Database, areas: Sequence[Area], *, new: bool) -> None:
    with db.transaction():
        db.conn.execute(f"PRAGMA application_id = {APP_ID}")
        db.conn.execute(
            "CREATE TABLE IF NOT EXISTS untm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        # Another process may have created the file between our check and our lock.
        new = new and db.meta("created_by") is None
        # A file of another core schema has every area brought up to date.
        migrate = db.meta("schema_version") != str(SCHEMA_VERSION)
        if new:
            db.set_meta("created_by", f"untm {__version__}")
            db.set_meta("created_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        db.set_meta("schema_version", str(SCHEMA_VERSION))
        for area in areas:
            stamp = area.stamp()
            if migrate or db.meta(f"area:{area.name}") != stamp:
                area.ensure(db, new=new)
                db.set_meta(f"area:{area.name}", stamp)
