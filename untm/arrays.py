"""Per-document numbers (key lengths, language) kept as numpy arrays in the database.

Lookup ranks thousands of index candidates by their length before it reads a single row;
reading those lengths row by row would cost more than the lookup itself. So each area
keeps them as little-endian blobs in one table (``tb_arrays``, ``tm_arrays``), indexed
by document id, rewritten in the same transaction as the rows they describe.

Loaded arrays are cached on the :class:`~untm.db.Database` until the file changes: the
cache key is the connection's own change counter together with SQLite's
``data_version``, which moves when another connection commits. A long-running process
(a web page, a benchmark) then pays for the blob once, not per lookup.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from untm.db import Database


class StoredArrays:
    """Named one-dimensional arrays in the table ``table`` of ``db``."""

    def __init__(self, db: Database, table: str) -> None:
        if not table.isidentifier():
            raise ValueError(f"bad table name {table!r}")
        self.db = db
        self.table = table

    def create(self) -> None:
        self.db.conn.execute(
            f"CREATE TABLE IF NOT EXISTS {self.table} (name TEXT PRIMARY KEY, data BLOB NOT NULL)"
        )

    def exists(self, name: str) -> bool:
        row = self.db.conn.execute(f"SELECT 1 FROM {self.table} WHERE name = ?", (name,))
        return row.fetchone() is not None

    def load(self, name: str, dtype: str) -> npt.NDArray[np.generic]:
        """The array (read-only), or an empty one if it was never saved."""
        stamp = (
            self.db.conn.total_changes,
            self.db.conn.execute("PRAGMA data_version").fetchone()[0],
        )
        key = f"{self.table}.{name}"
        cached = self.db.cache.get(key)
        if cached is not None and cached[0] == stamp:
            found: npt.NDArray[np.generic] = cached[1]
            return found
        row = self.db.conn.execute(
            f"SELECT data FROM {self.table} WHERE name = ?", (name,)
        ).fetchone()
        arr = np.frombuffer(row[0] if row else b"", dtype=dtype)
        self.db.cache[key] = (stamp, arr)
        return arr

    def save(self, name: str, arr: npt.NDArray[np.generic]) -> None:
        self.db.conn.execute(
            f"INSERT INTO {self.table}(name, data) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET data = excluded.data",
            (name, np.ascontiguousarray(arr).tobytes()),
        )
        self.db.cache.pop(f"{self.table}.{name}", None)


def gather(arr: npt.NDArray[np.generic], ids: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """``arr[ids]`` as int64, with 0 for ids beyond the array (documents added later)."""
    ids = np.asarray(ids, dtype=np.int64)
    out = np.zeros(ids.size, dtype=np.int64)
    known = ids < arr.size
    out[known] = arr[ids[known]]
    return out
