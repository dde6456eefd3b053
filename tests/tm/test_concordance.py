"""Concordance: two-character Chinese, whole English words, spans, newest first, limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tm.helpers import un_pairs
from untm.db import Database
from untm.text.lang import Lang
from untm.tm import api
from untm.tm import concordance as _concordance
from untm.tm.model import Concordance, ConcordanceHit
from untm.tm.store import TmStore

OLDER = [
    (
        "各国应在司法协助方面开展最广泛的合作。",
        "States shall afford one another mutual legal assistance.",
    ),
    ("律师助理提供协助。", "Paralegal assistance is provided to detainees."),
    ("司法独立至关重要。", "Judicial independence is essential."),
    ("法", "Law"),
    ("会议的议会", "The meeting of the parliament"),
]
NEWER = [
    (
        "提供司法协助的请求应以书面形式提出。",
        "Requests for legal  assistance shall be made in writing.",
    ),
    ("秘书处提供了技术援助。", "The Secretariat provided technical assistance."),
]


@pytest.fixture
def memory(db: Database, tmp_path: Path) -> Database:
    for name, rows in (("older.tsv", OLDER), ("newer.tsv", NEWER)):
        path = tmp_path / name
        path.write_text("".join(f"{z}\t{e}\n" for z, e in rows), encoding="utf-8")
        api.import_file(db, path)
    return db


def _conc(db: Database, phrase: str, **options: object) -> list[ConcordanceHit]:
    return list(api.concordance(db, phrase, **options).hits)  # type: ignore[arg-type]


def _texts(hits: list[ConcordanceHit]) -> list[str]:
    return [h.unit.side(h.lang).text for h in hits]


def _marked(hit: ConcordanceHit) -> list[str]:
    text = hit.unit.side(hit.lang).text
    return [text[a:b] for a, b in hit.spans]


def test_two_character_chinese(memory: Database) -> None:
    hits = _conc(memory, "司法")
    assert _texts(hits) == [NEWER[0][0], OLDER[2][0], OLDER[0][0]]
    assert all(h.lang is Lang.ZH for h in hits)
    assert [_marked(h) for h in hits] == [["司法"]] * 3
    hits = _conc(memory, "协助")
    assert _texts(hits) == [NEWER[0][0], OLDER[1][0], OLDER[0][0]]
    assert [h.spans for h in hits] == [((4, 6),), ((6, 8),), ((6, 8),)]


def test_longer_chinese_phrase_must_be_contiguous(memory: Database) -> None:
    assert _texts(_conc(memory, "司法协助")) == [NEWER[0][0], OLDER[0][0]]
    assert _conc(memory, "协助司法") == []
    # both bigrams of 议会议 are in 会议的议会, but not the phrase: the key check rejects it
    assert _conc(memory, "议会议") == []
    assert _texts(_conc(memory, "议会")) == ["会议的议会"]


def test_single_chinese_character(memory: Database) -> None:
    hits = _conc(memory, "法")
    assert _texts(hits) == [NEWER[0][0], OLDER[3][0], OLDER[2][0], OLDER[0][0]]
    assert [_marked(h) for h in hits] == [["法"]] * 4
    assert _conc(memory, "鲸") == []


def test_english_phrase_matches_whole_words(memory: Database) -> None:
    hits = _conc(memory, "legal assistance")
    assert _texts(hits) == [NEWER[0][1], OLDER[0][1]]  # not "Paralegal assistance"
    assert all(h.lang is Lang.EN for h in hits)
    assert [_marked(h) for h in hits] == [["legal  assistance"], ["legal assistance"]]
    assert _texts(_conc(memory, "Legal Assistance")) == _texts(hits)
    assert _texts(_conc(memory, "assist")) == []  # not a word of the memory


def test_english_word(memory: Database) -> None:
    hits = _conc(memory, "assistance")
    assert len(hits) == 4
    for h in hits:
        assert _marked(h) == ["assistance"]


def test_repeated_hits_each_get_a_span(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "rep.tsv"
    path.write_text("协助和协助\tassistance and further assistance\n", encoding="utf-8")
    api.import_file(db, path)
    (zh,) = _conc(db, "协助")
    assert zh.spans == ((0, 2), (3, 5))
    (en,) = _conc(db, "assistance")
    assert en.spans == ((0, 10), (23, 33))


def test_spans_point_at_the_hit_when_script_or_width_differ(memory: Database) -> None:
    """The phrase is found through the normalized key; the span must still mark the text."""
    (hit,) = _conc(memory, "司法協助", limit=1)  # traditional 協
    assert _marked(hit) == ["司法协助"]
    (hit,) = _conc(memory, "ｔｅｃｈｎｉｃａｌ ａｓｓｉｓｔａｎｃｅ")  # full width
    assert _marked(hit) == ["technical assistance"]


def test_newest_first_and_limit(memory: Database) -> None:
    assert _texts(_conc(memory, "协助", limit=1)) == [NEWER[0][0]]
    assert _texts(_conc(memory, "assistance", limit=2)) == [NEWER[1][1], NEWER[0][1]]
    assert len(_conc(memory, "法", limit=2)) == 2


def test_nothing_to_search(memory: Database) -> None:
    assert _conc(memory, "   ") == []
    assert _conc(memory, "。") == []


def test_deleted_units_are_not_found(memory: Database) -> None:
    api.delete(memory, origin="newer.tsv")
    assert _texts(_conc(memory, "司法协助")) == [OLDER[0][0]]
    assert _texts(_conc(memory, "assistance")) == [OLDER[1][1], OLDER[0][1]]


# -- how many units match in all ---------------------------------------------------------------


@pytest.fixture
def many(db: Database, tmp_path: Path) -> Database:
    path = tmp_path / "many.tsv"
    path.write_text("".join(f"{z}\t{e}\n" for z, e in un_pairs(600)), encoding="utf-8")
    api.import_file(db, path)
    return db


QUERIES = ["委员", "会议", "委员会", "第4", "报告", "会", "the", "the report", "Committee", "of"]


def _all(db: Database, phrase: str) -> int:
    return len(api.concordance(db, phrase, limit=10**6).hits)


@pytest.mark.parametrize("phrase", QUERIES)
@pytest.mark.parametrize("scan", [0.0, 0.2, 10.0], ids=["scan", "default", "by-id"])
def test_total_counts_every_matching_unit(
    many: Database, phrase: str, scan: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_concordance, "_SCAN_SHARE", scan)
    expected = _all(many, phrase)
    assert expected > 5  # the limit below truncates
    found = api.concordance(many, phrase, limit=5)
    assert (found.shown, found.total, found.truncated) == (5, expected, True)
    everything = api.concordance(many, phrase, limit=expected)
    assert (everything.shown, everything.total, everything.truncated) == (expected, expected, False)


def test_total_after_a_delete_counts_only_what_is_left(many: Database, tmp_path: Path) -> None:
    """Deleted units stay in the index until it is rebuilt: the bigram list alone would
    still count them."""
    extra = tmp_path / "extra.tsv"
    extra.write_text("".join(f"委员会第{i}号决定。\tDecision {i}.\n" for i in range(30)), "utf-8")
    api.import_file(many, extra)
    before = api.concordance(many, "委员", limit=1).total
    assert api.delete(many, origin="extra.tsv").deleted == 30
    assert not TmStore(many).index_is_complete()
    after = api.concordance(many, "委员", limit=1)
    assert after.total == before - 30 == _all(many, "委员")


def test_total_of_nothing(many: Database) -> None:
    for phrase in ("鲸鱼", "鲸", "whale", "   "):
        assert api.concordance(many, phrase) == Concordance((), 0)
