"""A persistent inverted index of gram codes, stored in the untm SQLite file.

Shared by the termbase (contains and fuzzy lookup over terms) and the translation
memory (fuzzy lookup and concordance over segments). Documents are integer ids (rowids
of the owning table); grams are the int64 codes of :mod:`untm.text.grams`.

Layout: one row per (gram, segment) holding the sorted document ids as a little-endian
uint32 blob, in a ``WITHOUT ROWID`` table clustered on the gram, so fetching a gram's
posting list is one B-tree seek. An import appends a segment for the documents it
added (cheap, and nothing already written is rewritten); when there are more than
``MAX_SEGMENTS`` they are merged into one. Documents deleted from the owning table stay
in old posting lists until the next rebuild; every reader verifies candidates against
the owning table, so a stale id costs a little time and never gives a wrong answer.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Sequence
from itertools import repeat

import numpy as np
import numpy.typing as npt

from untm.text.grams import dedupe_pairs

MAX_SEGMENTS = 8
_IN_CHUNK = 500  # SQLite variable limit is 32766; stay well below it
_MERGE_ROWS = 20_000  # posting rows read per merge step
IdArray = npt.NDArray[np.uint32]


class GramIndex:
    """Posting lists named ``<name>_postings`` (+ ``<name>_segments``) in one connection."""

    def __init__(self, conn: sqlite3.Connection, name: str) -> None:
        if not name.isidentifier():
            raise ValueError(f"bad index name {name!r}")
        self.conn = conn
        self.name = name
        self._postings = f"{name}_postings"
        self._segments = f"{name}_segments"

    # -- schema ----------------------------------------------------------------------

    def create(self) -> None:
        self.conn.execute(
            f"CREATE TABLE IF NOT EXISTS {self._postings} ("
            "gram INTEGER NOT NULL, seg INTEGER NOT NULL, ids BLOB NOT NULL, "
            "PRIMARY KEY (gram, seg)) WITHOUT ROWID"
        )
        self.conn.execute(
            f"CREATE TABLE IF NOT EXISTS {self._segments} ("
            "seg INTEGER PRIMARY KEY, docs INTEGER NOT NULL, postings INTEGER NOT NULL, "
            "min_doc INTEGER, max_doc INTEGER)"
        )

    def clear(self) -> None:
        self.conn.execute(f"DELETE FROM {self._postings}")
        self.conn.execute(f"DELETE FROM {self._segments}")

    # -- writing -----------------------------------------------------------------------

    def add(self, grams: npt.NDArray[np.int64], docs: npt.NDArray[np.int64]) -> int:
        """Write (gram, doc) pairs as a new segment; returns its number (0 if empty).

        Documents in one call must all be newer (larger ids) than any already indexed,
        which is how rowids grow, so concatenating segments keeps lists sorted.
        """
        grams, docs = dedupe_pairs(np.asarray(grams, np.int64), np.asarray(docs, np.int64))
        if grams.size == 0:
            return 0
        starts = np.flatnonzero(np.r_[True, grams[1:] != grams[:-1]])
        ids = docs.astype("<u4")
        return self.write_segment(grams[starts].tolist(), starts, ids, int(np.unique(docs).size))

    def write_segment(
        self, gram_values: list[int], starts: npt.NDArray[np.int64], ids: IdArray, docs: int
    ) -> int:
        """Write one segment: ``ids[starts[i]:starts[i+1]]`` is the list of ``gram_values[i]``.

        Takes grams, boundaries and ids already computed so that a caller holding
        millions of postings can free its own arrays first.
        """
        if not gram_values:
            return 0
        seg = self._next_segment()
        view = memoryview(ids.data).cast("B")
        bounds = [*starts.tolist(), int(ids.size)]
        rows = zip(
            gram_values,
            repeat(seg),
            (view[a * 4 : b * 4] for a, b in itertools.pairwise(bounds)),
            strict=False,
        )
        self.conn.executemany(
            f"INSERT INTO {self._postings}(gram, seg, ids) VALUES (?, ?, ?)", rows
        )
        self.conn.execute(
            f"INSERT INTO {self._segments}(seg, docs, postings, min_doc, max_doc) "
            "VALUES (?, ?, ?, ?, ?)",
            (seg, docs, int(ids.size), int(ids.min()), int(ids.max())),
        )
        if self.segment_count() > MAX_SEGMENTS:
            self.merge()
        return seg

    def _next_segment(self) -> int:
        row = self.conn.execute(f"SELECT coalesce(max(seg), 0) + 1 FROM {self._segments}")
        return int(row.fetchone()[0])

    def merge(self) -> None:
        """Merge all segments into one, a chunk of grams at a time (memory stays small).

        Rows are read before the merged ones are written, never through a cursor that is
        still open on the table being written.
        """
        segs = [r[0] for r in self.conn.execute(f"SELECT seg FROM {self._segments}")]
        if len(segs) <= 1:
            return
        target = max(segs) + 1
        totals = self.conn.execute(
            f"SELECT sum(docs), sum(postings), min(min_doc), max(max_doc) FROM {self._segments}"
        ).fetchone()
        last = -1
        while True:
            rows = self.conn.execute(
                f"SELECT gram, ids FROM {self._postings} WHERE seg < ? AND gram > ? "
                "ORDER BY gram, seg LIMIT ?",
                (target, last, _MERGE_ROWS),
            ).fetchall()
            if not rows:
                break
            if len(rows) == _MERGE_ROWS:  # the last gram may be cut off: read it whole
                edge = rows[-1][0]
                rows = [r for r in rows if r[0] != edge] + self.conn.execute(
                    f"SELECT gram, ids FROM {self._postings} WHERE gram = ? AND seg < ? "
                    "ORDER BY seg",
                    (edge, target),
                ).fetchall()
            self.conn.executemany(
                f"INSERT INTO {self._postings}(gram, seg, ids) VALUES (?, ?, ?)",
                ((g, target, b) for g, b in _concat_by_gram(rows)),
            )
            last = int(rows[-1][0])
        self.conn.execute(f"DELETE FROM {self._postings} WHERE seg < ?", (target,))
        self.conn.execute(f"DELETE FROM {self._segments}")
        self.conn.execute(
            f"INSERT INTO {self._segments}(seg, docs, postings, min_doc, max_doc) "
            "VALUES (?, ?, ?, ?, ?)",
            (target, *totals),
        )

    # -- reading -----------------------------------------------------------------------

    def segment_count(self) -> int:
        return int(self.conn.execute(f"SELECT count(*) FROM {self._segments}").fetchone()[0])

    def doc_freqs(self, grams: Sequence[int]) -> dict[int, int]:
        """Number of documents per gram (absent grams are left out), without reading lists."""
        out: dict[int, int] = {}
        for chunk in _chunks(grams):
            marks = ",".join("?" * len(chunk))
            for gram, size in self.conn.execute(
                f"SELECT gram, sum(length(ids)) FROM {self._postings} "
                f"WHERE gram IN ({marks}) GROUP BY gram",
                chunk,
            ):
                out[int(gram)] = int(size) // 4
        return out

    def postings(self, grams: Sequence[int]) -> dict[int, IdArray]:
        """Sorted document ids per gram (absent grams are left out)."""
        parts: dict[int, list[bytes]] = {}
        for chunk in _chunks(grams):
            marks = ",".join("?" * len(chunk))
            for gram, blob in self.conn.execute(
                f"SELECT gram, ids FROM {self._postings} WHERE gram IN ({marks}) ORDER BY seg",
                chunk,
            ):
                parts.setdefault(int(gram), []).append(blob)
        return {
            g: np.frombuffer(b"".join(bs) if len(bs) > 1 else bs[0], dtype="<u4")
            for g, bs in parts.items()
        }

    def stats(self) -> tuple[int, int, int]:
        """(segments, distinct grams, postings)."""
        segs, postings = self.conn.execute(
            f"SELECT count(*), coalesce(sum(postings), 0) FROM {self._segments}"
        ).fetchone()
        grams = self.conn.execute(f"SELECT count(DISTINCT gram) FROM {self._postings}").fetchone()[
            0
        ]
        return int(segs), int(grams), int(postings)


def _chunks(items: Sequence[int]) -> Iterable[list[int]]:
    for i in range(0, len(items), _IN_CHUNK):
        yield [int(x) for x in items[i : i + _IN_CHUNK]]


def _concat_by_gram(rows: Iterable[tuple[int, bytes]]) -> Iterable[tuple[int, bytes]]:
    current: int | None = None
    blobs: list[bytes] = []
    for gram, blob in rows:
        if gram != current:
            if current is not None:
                yield current, b"".join(blobs)
            current, blobs = gram, []
        blobs.append(blob)
    if current is not None:
        yield current, b"".join(blobs)


def count_hits(
    lists: Sequence[IdArray], min_count: int = 1
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(doc ids, number of lists containing each) for docs in at least ``min_count`` lists."""
    if not lists:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    allids = np.concatenate(lists)
    if allids.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    top = int(allids.max())
    if allids.size * 8 > top:  # dense: one pass of bincount beats a sort
        counts = np.bincount(allids, minlength=top + 1)
        ids = np.flatnonzero(counts >= min_count)
        return ids.astype(np.int64), counts[ids].astype(np.int64)
    ids, counts = np.unique(allids, return_counts=True)
    keep = counts >= min_count
    return ids[keep].astype(np.int64), counts[keep].astype(np.int64)


def intersect(lists: Sequence[IdArray]) -> npt.NDArray[np.int64]:
    """Doc ids present in every list (shortest lists first, so the work shrinks quickly)."""
    if not lists:
        return np.zeros(0, dtype=np.int64)
    ordered = sorted(lists, key=len)
    acc = ordered[0].astype(np.int64)
    for ids in ordered[1:]:
        if acc.size == 0:
            break
        acc = np.intersect1d(acc, ids, assume_unique=True)
    return acc
