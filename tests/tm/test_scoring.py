"""The documented score against a naive reference, its adjustments, and the diff."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.db import Database
from untm.text.lang import Lang
from untm.text.normalize import skeleton, tm_key
from untm.tm import api
from untm.tm.model import DiffKind
from untm.tm.scoring import EDIT_CAP, TokenCodec, diff, final_score, render_diff, similarity

# -- a naive reference, written from the module docstring -------------------------------------


def levenshtein(a: Sequence[str], b: Sequence[str]) -> int:
    """Textbook dynamic programme: insert, delete, substitute cost 1."""
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        cur = [i]
        for j, y in enumerate(b, start=1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def ref_tokens(text: str, lang: Lang) -> list[str]:
    """Characters of the key for Chinese; words and punctuation marks for English.

    Only used on test strings whose words have no inner hyphen, apostrophe or dot,
    where what a "word" is cannot be argued about.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    if lang is Lang.ZH:
        return [c for c in folded if not c.isspace()]
    return re.findall(r"\w+|[^\w\s]", folded)


def ref_score(q: str, m: str, lang: Lang) -> float:
    a, b = ref_tokens(q, lang), ref_tokens(m, lang)
    longest = max(len(a), len(b))
    return 100.0 if longest == 0 else 100.0 * (1 - levenshtein(a, b) / longest)


def base(q: str, m: str, lang: Lang) -> float:
    """The library's base score of two texts, composed as lookup composes it."""
    codec = TokenCodec(lang)
    return similarity(codec.encode(tm_key(q, lang)), codec.encode(tm_key(m, lang)))


def final(q: str, m: str, lang: Lang) -> tuple[float, tuple[str, ...]]:
    s = final_score(base(q, m, lang), q, m, skeleton(q) == skeleton(m), lang)
    return s.score, s.reasons


# -- strategies -------------------------------------------------------------------------------

# a small alphabet, so that random strings share characters and distances vary
zh_texts = st.text(
    st.sampled_from("大会决定委员会报告议程项目第届会议，。（）１２0123 "), max_size=25
)
en_words = st.sampled_from(
    [
        *("the", "The", "committee", "Council", "report", "of", "adopted", "session", "74", "2019"),
        *(",", ".", ";", "(", ")", "ＵＮ", "，"),
    ]
)
en_texts = st.lists(en_words, max_size=15).map(" ".join)
pairs = st.one_of(
    st.tuples(zh_texts, zh_texts, st.just(Lang.ZH)),
    st.tuples(en_texts, en_texts, st.just(Lang.EN)),
)
SETTINGS = settings(max_examples=300, deadline=None)


@SETTINGS
@given(pairs)
def test_base_score_is_the_documented_formula(pair: tuple[str, str, Lang]) -> None:
    q, m, lang = pair
    assert base(q, m, lang) == pytest.approx(ref_score(q, m, lang), abs=1e-9)


@SETTINGS
@given(pairs)
def test_base_similarity_is_symmetric(pair: tuple[str, str, Lang]) -> None:
    q, m, lang = pair
    assert base(q, m, lang) == pytest.approx(base(m, q, lang), abs=1e-9)


@SETTINGS
@given(pairs)
def test_score_is_between_0_and_100(pair: tuple[str, str, Lang]) -> None:
    q, m, lang = pair
    assert 0.0 <= final(q, m, lang)[0] <= 100.0


@SETTINGS
@given(st.one_of(zh_texts.map(lambda t: (t, Lang.ZH)), en_texts.map(lambda t: (t, Lang.EN))))
def test_identical_texts_score_100(item: tuple[str, Lang]) -> None:
    text, lang = item
    assert final(text, text, lang) == (100.0, ())


@SETTINGS
@given(pairs)
def test_other_edits_never_exceed_the_cap(pair: tuple[str, str, Lang]) -> None:
    q, m, lang = pair
    score, reasons = final(q, m, lang)
    if skeleton(q) != skeleton(m):
        assert score <= EDIT_CAP
        assert reasons == ()
    elif q != m:
        assert 97.0 <= score <= 99.0


@SETTINGS
@given(
    st.lists(st.sampled_from(["委员会", "报告", "第", "段", "决议"]), min_size=1, max_size=6),
    st.lists(st.integers(0, 10_000), min_size=1, max_size=3),
    st.lists(st.integers(0, 10_000), min_size=1, max_size=3),
)
def test_numbers_only_scores_99(words: list[str], xs: list[int], ys: list[int]) -> None:
    if len(xs) != len(ys):
        ys = (ys * len(xs))[: len(xs)]
    q = "".join(w + str(x) for w, x in zip(words, xs, strict=False)) + "。"
    m = "".join(w + str(y) for w, y in zip(words, ys, strict=False)) + "。"
    score, reasons = final(q, m, Lang.ZH)
    if q == m:
        assert score == 100.0
    else:
        assert (score, reasons) == (99.0, ("numbers differ",))


# -- the same, end to end through a memory ----------------------------------------------------


@pytest.fixture
def memory(db: Database, tmp_path: Path) -> Database:
    rows = [
        ("根据第2019/15号决议，委员会于5月31日提交了报告。", "Under resolution 2019/15, ..."),
        ("委员会提交了关于执行情况的报告。", "The Committee submitted a report on implementation."),
        ("安全理事会通过了该决议", "The Security Council adopted the resolution."),
        ("会议通过了议程。", "The Committee adopted the report at its 1234th meeting."),
        ("大会第七十四届会议", "Seventy-fourth session of the General Assembly"),
        ("安全理事会通过了决议", "The Security Council adopted this resolution."),
        ("第七十四届会议", "at its seventy-fourth session"),
        ("大会决定，将该项目列入临时议程。", "The General Assembly decided, to include the item."),
        ("第１２段", "paragraph 12"),
    ]
    path = tmp_path / "m.tsv"
    path.write_text("".join(f"{z}\t{e}\n" for z, e in rows), encoding="utf-8")
    api.import_file(db, path)
    long_zh = "各国" + "应当在司法协助方面开展合作" * 15 + "。"  # 198 characters
    path = tmp_path / "long.tsv"
    path.write_text(f"{long_zh}\tLong.\n", encoding="utf-8")
    api.import_file(db, path)
    return db


def _top(db: Database, query: str, lang: Lang | None = None) -> tuple[str, float, tuple[str, ...]]:
    (m, *_) = api.lookup(db, query, lang=lang, min_score=50, limit=3)
    return m.unit.side(lang or m.unit.source.lang).text, m.score, m.reasons


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        # hand-computed: 1 edit in 11 characters = 100 * 10/11
        ("安全理事会通过了该决议", Lang.ZH, ("安全理事会通过了该决议", 100.0, ())),
        ("安全理事会通过了该决定", Lang.ZH, ("安全理事会通过了该决议", 90.9, ())),
        # 1 substitution in 7 tokens (6 words and the full stop) = 100 * 6/7
        (
            "The Security Council adopted the resolutions.",
            Lang.EN,
            ("The Security Council adopted the resolution.", 85.7, ()),
        ),
        # a hyphenated number is one word: 1 edit in 4 tokens
        (
            "at its seventy-fifth session",
            Lang.EN,
            ("at its seventy-fourth session", 75.0, ()),
        ),
    ],
)
def test_hand_computed_scores(
    memory: Database, query: str, lang: Lang, expected: tuple[str, float, tuple[str, ...]]
) -> None:
    assert _top(memory, query, lang) == expected


@pytest.mark.parametrize(
    ("query", "memory_text", "score", "reasons"),
    [
        (
            "根据第2020/16号决议，委员会于6月30日提交了报告。",
            "根据第2019/15号决议，委员会于5月31日提交了报告。",
            99.0,
            ("numbers differ",),
        ),
        (
            "委员会提交了关于执行情况的报告；",
            "委员会提交了关于执行情况的报告。",
            99.0,
            ("punctuation differs",),
        ),
        (
            "委员会提交了 关于执行情况的报告。",
            "委员会提交了关于执行情况的报告。",
            99.0,
            ("spacing differs",),
        ),
        ("大会第 75 届会议", "大会第七十四届会议", None, None),  # Chinese numerals are not numbers
        ("第 13 段", "第１２段", 98.0, ("numbers differ", "spacing differs")),
        ("第12段", "第１２段", 99.0, ("width differs",)),
        (
            "大会决定,将该项目列入临时议程。",
            "大会决定，将该项目列入临时议程。",
            99.0,
            ("width differs",),
        ),
        (
            "安全理事會通過了決議",
            "安全理事会通过了决议",
            99.0,
            ("traditional and simplified characters differ",),
        ),
    ],
)
def test_placeable_differences(
    memory: Database,
    query: str,
    memory_text: str,
    score: float | None,
    reasons: tuple[str, ...] | None,
) -> None:
    found = api.lookup(memory, query, lang=Lang.ZH, min_score=50, limit=5)
    match = next((m for m in found if m.unit.side(Lang.ZH).text == memory_text), None)
    if score is None:
        assert match is None or match.score <= EDIT_CAP
        return
    assert match is not None
    assert (match.score, match.reasons) == (score, reasons)
    assert found[0] is match  # placeable-only differences rank above every edit


def test_english_placeables(memory: Database) -> None:
    q = "the committee adopted the report at its 1235th meeting"
    (m, *_) = api.lookup(memory, q, lang=Lang.EN, min_score=50)
    assert m.unit.side(Lang.EN).text == "The Committee adopted the report at its 1234th meeting."
    assert (m.score, m.reasons) == (
        97.0,
        ("numbers differ", "punctuation differs", "letter case differs"),
    )
    q = "The  Committee adopted the report at its 1234th meeting."
    (m, *_) = api.lookup(memory, q, lang=Lang.EN, min_score=50)
    assert (m.score, m.reasons) == (99.0, ("spacing differs",))


def test_one_edit_in_a_long_segment_is_capped(memory: Database) -> None:
    query = "各国" + "应当在司法协助方面开展合作" * 15 + "！"  # 1 edit in 198 = 99.49...
    (m, *_) = api.lookup(memory, query, lang=Lang.ZH, min_score=50)
    assert ref_score(query, m.unit.source.text, Lang.ZH) > 99.0
    # "！" and "。" are both punctuation, so this is a placeable difference
    assert (m.score, m.reasons) == (99.0, ("punctuation differs",))
    query = "各国" + "应当在司法协助方面开展合作" * 15 + "了。"  # 1 insertion: 198 vs 199
    (m, *_) = api.lookup(memory, query, lang=Lang.ZH, min_score=50)
    assert ref_score(query, m.unit.source.text, Lang.ZH) > EDIT_CAP
    assert (m.score, m.reasons) == (EDIT_CAP, ())


# -- the diff ----------------------------------------------------------------------------------


def _no_space(text: str) -> str:
    return "".join(text.split())


@SETTINGS
@given(pairs)
def test_diff_reconstructs_query_and_match(pair: tuple[str, str, Lang]) -> None:
    """Each side's parts, in order, are that side's text (without outer white space):
    nothing lost, changed or moved, spacing included."""
    q, m, lang = pair
    ops = diff(q, m, lang)
    assert "".join(op.query for op in ops) == q.strip()
    assert "".join(op.match for op in ops) == m.strip()
    for op in ops:
        if op.kind is DiffKind.INSERT:
            assert op.query == "" and op.match
        elif op.kind is DiffKind.DELETE:
            assert op.match == "" and op.query
        elif op.kind is DiffKind.EQUAL:
            assert tm_key(op.query, lang) == tm_key(op.match, lang)
        else:
            assert op.query and op.match and op.query != op.match


def test_diff_of_a_changed_number() -> None:
    ops = diff("大会第七十五届会议，", "大会第七十四届会议，", Lang.ZH)
    assert [(op.kind.value, op.query, op.match) for op in ops] == [
        ("equal", "大会第七十", "大会第七十"),
        ("replace", "五", "四"),
        ("equal", "届会议，", "届会议，"),
    ]
    ops = diff("The Committee adopted the report.", "The Council adopted the report.", Lang.EN)
    assert [(op.kind.value, _no_space(op.query), _no_space(op.match)) for op in ops] == [
        ("equal", "The", "The"),
        ("replace", "Committee", "Council"),
        ("equal", "adoptedthereport.", "adoptedthereport."),
    ]


def test_diff_shows_what_placeable_matches_are_scored_down_for() -> None:
    """Case, spacing and an abbreviation's full stop as written; the rendering keeps the
    text's own spacing ("a.m." stays one word, no space before a comma)."""
    ops = diff(
        "The meeting opened at 11 a.m. on Friday,",
        "the meeting opened at 10 a.m. on Friday,",
        Lang.EN,
    )
    assert (
        render_diff(ops, Lang.EN) == "[-The-]{+the+} meeting opened at [-11-]{+10+} a.m. on Friday,"
    )
    assert render_diff(diff("2019 年", "2019年", Lang.ZH), Lang.ZH) == "2019[- 年-]{+年+}"
    assert render_diff(diff("the draft report", "the report", Lang.EN), Lang.EN) == (
        "the [-draft-] report"
    )
