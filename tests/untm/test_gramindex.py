"""The gram index against a naive dict-of-sets reference."""

from __future__ import annotations

import sqlite3

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import untm.gramindex as gi
from untm.grams import bigram_pairs, char_bigrams, dedupe_pairs

# Each document: its gram codes (small ints stand in for bigram codes).
docs_strategy = st.lists(
    st.sets(st.integers(0, 40), min_size=1, max_size=8), min_size=1, max_size=60
)


def _reference(batches: list[list[set[int]]]) -> dict[int, list[int]]:
    ref: dict[int, list[int]] = {}
    doc = 0
    for batch in batches:
        for grams in batch:
            doc += 1
            for g in grams:
                ref.setdefault(g, []).append(doc)
    return ref


def _build(batches: list[list[set[int]]]) -> gi.GramIndex:
    index = gi.GramIndex(sqlite3.connect(":memory:"), "t")
    index.create()
    doc = 0
    for batch in batches:
        grams, docs = [], []
        for gs in batch:
            doc += 1
            for g in gs:
                grams += [g, g]  # repeats must count once
                docs += [doc, doc]
        index.add(np.array(grams, dtype=np.int64), np.array(docs, dtype=np.int64))
    return index


@settings(max_examples=60, deadline=None)
@given(st.lists(docs_strategy, min_size=1, max_size=12), st.integers(1, 5))
def test_postings_equal_reference_through_segments_and_merges(
    batches: list[list[set[int]]], merge_rows: int
) -> None:
    old = gi._MERGE_ROWS
    gi._MERGE_ROWS = merge_rows  # tiny reads exercise the cut-off-gram path of merge()
    try:
        index = _build(batches)
        ref = _reference(batches)
        assert {g: v.tolist() for g, v in index.postings(list(range(41))).items()} == ref
        assert index.segment_count() <= gi.MAX_SEGMENTS
        index.merge()
        assert index.segment_count() == 1
        assert {g: v.tolist() for g, v in index.postings(list(range(41))).items()} == ref
        assert index.doc_freqs(list(range(41))) == {g: len(v) for g, v in ref.items()}
    finally:
        gi._MERGE_ROWS = old


def test_count_hits_and_intersect_match_naive() -> None:
    rng = np.random.default_rng(5)
    lists = [
        np.unique(rng.integers(0, 300, size=rng.integers(1, 80))).astype("<u4") for _ in range(7)
    ]
    ids, counts = gi.count_hits(lists, 3)
    naive = {}
    for lst in lists:
        for x in lst.tolist():
            naive[x] = naive.get(x, 0) + 1
    assert dict(zip(ids.tolist(), counts.tolist(), strict=True)) == {
        k: v for k, v in naive.items() if v >= 3
    }
    both = set(lists[0].tolist()).intersection(*[set(x.tolist()) for x in lists[1:3]])
    assert gi.intersect(lists[:3]).tolist() == sorted(both)


def test_bigram_pairs_agree_with_char_bigrams() -> None:
    keys = ["会议开幕", "a", "", "会会会", "CAC/COSP"]
    ids = np.arange(10, 15, dtype=np.int64)
    grams, docs = bigram_pairs(keys, ids)
    got: dict[int, set[int]] = {}
    for g, d in zip(grams.tolist(), docs.tolist(), strict=True):
        got.setdefault(d, set()).add(g)
    expected = {10 + i: set(char_bigrams(k)) for i, k in enumerate(keys) if k}
    assert got == expected


def test_dedupe_pairs_packed_and_lexsort_paths_agree() -> None:
    grams = np.array([5, 3, 5, 3, 1 << 42 | 7, 1 << 50], dtype=np.int64)
    docs = np.array([10, 11, 10, 9, 9, 4], dtype=np.int64)
    g, d = dedupe_pairs(grams, docs)
    assert list(zip(g.tolist(), d.tolist(), strict=True)) == sorted(
        set(zip(grams.tolist(), docs.tolist(), strict=True))
    )


@settings(max_examples=80, deadline=None)
@given(
    st.lists(docs_strategy, min_size=1, max_size=10),
    st.integers(1, 40),
    st.integers(1, 7),
    st.integers(1, 9),
    st.integers(0, 3),
)
def test_segment_writer_equals_reference_through_runs_and_chunks(
    batches: list[list[set[int]]], run_docs: int, read: int, chunk: int, gap: int
) -> None:
    """Tiny runs, reads and chunks put every path of the spilled-run merge to work: runs
    in temporary files, chunk cuts inside and between grams, runs that end early; ids
    with gaps (merged units) and a span limit that forces a second segment."""
    index = gi.GramIndex(sqlite3.connect(":memory:"), "w")
    index.create()
    old = (gi.SegmentWriter.READ, gi.SegmentWriter.CHUNK, gi.SegmentWriter.SPAN)
    gi.SegmentWriter.READ, gi.SegmentWriter.CHUNK, gi.SegmentWriter.SPAN = read, chunk, 64
    try:
        writer = gi.SegmentWriter(index, run_docs)
        ref: dict[int, list[int]] = {}
        doc = 0
        for batch in batches:
            grams, docs = [], []
            for gs in batch:
                doc += 1 + gap
                for g in gs:
                    grams += [g, g]  # repeats count once
                    docs += [doc, doc]
                    ref.setdefault(g, []).append(doc)
            writer.add(np.array(grams, dtype=np.int64), np.array(docs, dtype=np.int64), len(batch))
        writer.flush()
    finally:
        gi.SegmentWriter.READ, gi.SegmentWriter.CHUNK, gi.SegmentWriter.SPAN = old
    assert {g: v.tolist() for g, v in index.postings(list(range(41))).items()} == ref
    segs = index.conn.execute("SELECT sum(docs), sum(postings) FROM w_segments").fetchone()
    assert segs == (sum(len(b) for b in batches), sum(len(v) for v in ref.values()))


def test_create_converts_the_without_rowid_layout() -> None:
    """Schema 3 kept postings in a WITHOUT ROWID table; create() moves them over as they
    are, so an index survives the upgrade without being rebuilt."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE o_postings (gram INTEGER NOT NULL, seg INTEGER NOT NULL, "
        "ids BLOB NOT NULL, PRIMARY KEY (gram, seg)) WITHOUT ROWID"
    )
    rows = [(5, 1, np.array([1, 4], "<u4").tobytes()), (5, 2, np.array([9], "<u4").tobytes())]
    conn.executemany("INSERT INTO o_postings VALUES (?, ?, ?)", rows)
    index = gi.GramIndex(conn, "o")
    index.create()
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'o_postings'").fetchone()
    assert "WITHOUT ROWID" not in sql.upper()
    assert {g: v.tolist() for g, v in index.postings([5]).items()} == {5: [1, 4, 9]}
    index.create()  # idempotent
    assert {g: v.tolist() for g, v in index.postings([5]).items()} == {5: [1, 4, 9]}
