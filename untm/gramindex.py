"""A persistent inverted index of gram codes, stored in the untm SQLite file.

Shared by the termbase (contains and fuzzy lookup over terms) and the translation
memory (fuzzy lookup and concordance over segments). Documents are integer ids (rowids
of the owning table); grams are the int64 codes of :mod:`untm.grams`.

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
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from .grams import PACK_BITS, dedupe_pairs

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
        """Create the tables (idempotent; converts the layout of untm 0.1's schema 3)."""
        old = self.conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (self._postings,)
        ).fetchone()
        if old is not None and "WITHOUT ROWID" in str(old[0]).upper():
            self.conn.execute(f"ALTER TABLE {self._postings} RENAME TO {self._postings}_old")
        # A rowid table with an index, not a WITHOUT ROWID table keyed on (gram, seg):
        # there a row is all key, and SQLite reads a whole multi-megabyte list just to
        # compare keys while it seeks, so every lookup read its longest lists twice.
        self.conn.execute(
            f"CREATE TABLE IF NOT EXISTS {self._postings} ("
            "gram INTEGER NOT NULL, seg INTEGER NOT NULL, ids BLOB NOT NULL)"
        )
        self.conn.execute(
            f"CREATE UNIQUE INDEX IF NOT EXISTS {self._postings}_key ON {self._postings}(gram, seg)"
        )
        if old is not None and "WITHOUT ROWID" in str(old[0]).upper():
            self.conn.execute(
                f"INSERT INTO {self._postings}(gram, seg, ids) "
                f"SELECT gram, seg, ids FROM {self._postings}_old ORDER BY gram, seg"
            )
            self.conn.execute(f"DROP TABLE {self._postings}_old")
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
        seg = self.next_segment()
        self.write_rows(seg, gram_values, starts, ids)
        self.end_segment(seg, docs, int(ids.size), int(ids.min()), int(ids.max()))
        return seg

    def write_rows(
        self, seg: int, gram_values: list[int], starts: npt.NDArray[np.int64], ids: IdArray
    ) -> None:
        """Rows of segment ``seg`` (written in parts by :class:`SegmentWriter`)."""
        view = memoryview(np.ascontiguousarray(ids, dtype="<u4").data).cast("B")
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

    def end_segment(self, seg: int, docs: int, postings: int, min_doc: int, max_doc: int) -> None:
        """Record a segment whose rows are written; merges when there are too many."""
        self.conn.execute(
            f"INSERT INTO {self._segments}(seg, docs, postings, min_doc, max_doc) "
            "VALUES (?, ?, ?, ?, ?)",
            (seg, docs, postings, min_doc, max_doc),
        )
        if self.segment_count() > MAX_SEGMENTS:
            self.merge()

    def next_segment(self) -> int:
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
        parts: dict[int, list[tuple[int, bytes]]] = {}
        for chunk in _chunks(grams):
            marks = ",".join("?" * len(chunk))
            # segments are put in order here: ORDER BY seg in SQL copies every list,
            # megabytes for a frequent gram, into a temporary b-tree to sort it
            for gram, seg, blob in self.conn.execute(
                f"SELECT gram, seg, ids FROM {self._postings} WHERE gram IN ({marks})", chunk
            ):
                parts.setdefault(int(gram), []).append((int(seg), blob))
        return {
            g: np.frombuffer(
                b"".join(b for _, b in sorted(bs)) if len(bs) > 1 else bs[0][1], dtype="<u4"
            )
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
    """(doc ids, number of lists containing each) for docs in at least ``min_count`` lists.

    Each list is sorted and holds distinct ids, as posting lists do. When the lists are
    dense in their id range, each adds one to a byte per document (no concatenation,
    a 1 MB array for a million documents); sparse ones are counted by sorting.
    """
    lists = [ids for ids in lists if ids.size]
    if not lists:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    total = sum(int(ids.size) for ids in lists)
    top = max(int(ids[-1]) for ids in lists)
    if total * 64 > top:
        tally: npt.NDArray[np.unsignedinteger[Any]] = np.zeros(
            top + 1, dtype=np.uint8 if len(lists) < 256 else np.uint32
        )
        for ids in lists:
            tally[ids] += 1  # no repeats within a list, so fancy indexing counts right
        found = np.flatnonzero(tally >= min_count)
        return found.astype(np.int64), tally[found].astype(np.int64)
    found, counts = np.unique(np.concatenate(lists), return_counts=True)
    keep = counts >= min_count
    return found[keep].astype(np.int64), counts[keep].astype(np.int64)


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


class SegmentWriter:
    """Writes the postings of many new documents as few index segments, in flat memory.

    A posting is packed into one int64, ``gram << 20 | doc - base`` (grams below 2**43),
    so one segment covers at most 2**20 document ids. Batches arrive sorted; every
    ``run_docs`` documents the collected batches are merged into one sorted run and
    spilled to a temporary file. :meth:`flush` then merges the runs a range of grams at a
    time (timsort merges presorted runs in near-linear time) and writes one segment.
    Writing each run as its own segment would cost a pass over the whole posting table
    per run, since rows are ordered by gram and a new segment's rows fall between the
    old ones; at a million documents that was most of an import's writing time.
    """

    SPAN = 1 << PACK_BITS
    READ = 1 << 18  # values read from a run file at a time
    CHUNK = 1 << 20  # postings merged and written at a time

    def __init__(self, index: GramIndex, run_docs: int) -> None:
        self.index = index
        self.run_docs = run_docs
        self.base: int | None = None
        self.docs = 0  # documents in the current segment
        self.part_docs = 0  # documents in the batches not yet spilled
        self.parts: list[npt.NDArray[np.int64]] = []
        self.runs: list[_Run] = []

    def add(self, grams: npt.NDArray[np.int64], docs: npt.NDArray[np.int64], n_docs: int) -> None:
        """Postings (gram, doc) of ``n_docs`` new documents, newer than those added before."""
        if docs.size == 0:
            self.docs += n_docs
            return
        first, last = int(docs.min()), int(docs.max())
        if last - first >= self.SPAN:  # sparse ids (after deletions): cannot pack
            self.flush()
            self.index.add(grams, docs)
            return
        if self.base is not None and last - self.base >= self.SPAN:
            self.flush()
        if self.base is None:
            self.base = first
        part = (grams << PACK_BITS) | (docs - self.base)
        part.sort()
        distinct = np.ones(part.size, dtype=bool)  # a word twice in a document counts once
        distinct[1:] = part[1:] != part[:-1]
        self.parts.append(part[distinct])
        self.docs += n_docs
        self.part_docs += n_docs
        if self.part_docs >= self.run_docs:
            self._spill()

    def _spill(self) -> None:
        if self.parts:
            self.runs.append(_Run.spill(_merged(self.parts)))
        self.parts, self.part_docs = [], 0

    def flush(self) -> None:
        """Write what was added as one segment."""
        if self.base is None:
            return
        if self.parts and not self.runs:  # small: straight from memory
            self.runs.append(_Run.in_memory(_merged(self.parts)))
        else:
            self._spill()
        seg = self.index.next_segment()
        postings, lo, hi = 0, None, None
        try:
            for chunk in self._chunks():
                grams = chunk >> PACK_BITS
                starts = np.flatnonzero(np.r_[True, grams[1:] != grams[:-1]])
                gram_values = grams[starts].tolist()
                del grams
                ids = (chunk & (self.SPAN - 1)).astype("<u4") + np.uint32(self.base)
                del chunk
                self.index.write_rows(seg, gram_values, starts, ids)
                postings += int(ids.size)
                lo = int(ids.min()) if lo is None else min(lo, int(ids.min()))
                hi = int(ids.max()) if hi is None else max(hi, int(ids.max()))
        finally:
            for run in self.runs:
                run.close()
            self.runs, self.parts = [], []
        if postings:
            assert lo is not None and hi is not None
            self.index.end_segment(seg, self.docs, postings, lo, hi)
        self.base, self.docs, self.part_docs = None, 0, 0

    def _chunks(self) -> Iterator[npt.NDArray[np.int64]]:
        """The postings of all runs in order, about ``CHUNK`` at a time, cut between grams."""
        share = max(1, self.CHUNK // len(self.runs))
        while True:
            heads = [run.peek(share) for run in self.runs]
            if all(h.size == 0 for h in heads):
                return
            # cut after the smallest of the runs' share-th values, at a gram boundary
            cut = min(int(h[-1]) for h in heads if h.size)
            bound = ((cut >> PACK_BITS) + 1) << PACK_BITS
            merged = np.concatenate([run.take_below(bound) for run in self.runs])
            merged.sort(kind="stable")  # timsort: the runs' slices are sorted already
            yield merged


def _merged(parts: list[npt.NDArray[np.int64]]) -> npt.NDArray[np.int64]:
    out = np.concatenate(parts)
    out.sort(kind="stable")  # the parts are sorted: timsort merges them
    return out


class _Run:
    """A sorted array of packed postings, in a temporary file or in memory, read in order."""

    def __init__(self, file: IO[bytes] | None, size: int, data: npt.NDArray[np.int64]) -> None:
        self.file = file
        self.left = size  # values still in the file
        self.buffer = data

    @classmethod
    def spill(cls, values: npt.NDArray[np.int64]) -> _Run:
        file = tempfile.TemporaryFile(prefix="untm-index-")  # noqa: SIM115 - closed by close()
        values.tofile(file)
        file.seek(0)
        return cls(file, int(values.size), np.zeros(0, dtype=np.int64))

    @classmethod
    def in_memory(cls, values: npt.NDArray[np.int64]) -> _Run:
        return cls(None, 0, values)

    def peek(self, n: int) -> npt.NDArray[np.int64]:
        """The next ``n`` values (fewer at the end), reading the file as needed."""
        while self.buffer.size < n and self.left:
            count = min(SegmentWriter.READ, self.left)
            assert self.file is not None
            more = np.fromfile(self.file, dtype=np.int64, count=count)
            self.left -= count
            self.buffer = np.concatenate((self.buffer, more))
        return self.buffer[:n]

    def take_below(self, bound: int) -> npt.NDArray[np.int64]:
        """Remove and return the values below ``bound`` (all of them are buffered)."""
        self.peek(1)
        while self.left and self.buffer.size and int(self.buffer[-1]) < bound:
            self.peek(self.buffer.size + SegmentWriter.READ)
        cut = int(np.searchsorted(self.buffer, bound))
        out, self.buffer = self.buffer[:cut], self.buffer[cut:]
        return out

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
