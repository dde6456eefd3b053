"""Word boundaries of Chinese text: untm's fast segmentation against jieba itself.

:class:`untm.text.words.WordFinder` decides boundaries only where a dictionary word
crosses them, by jieba's dynamic program on the enclosing block; jieba
(``Tokenizer.cut(HMM=False)`` with the same added words at the same frequencies) is
the oracle at every position.
"""

from __future__ import annotations

from pathlib import Path

import jieba
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.text import words as W
from untm.text.view import zh_view

ROOT = Path(__file__).resolve().parents[2]
MARKED = ["缔约国会议", "届会", "会议", "缔约方会议", "秘书处", "不限成员名额政府间专家会议",
          "司法协助", "主席团", "全体会议", "第七届会议", "会议室文件", "区域组"]  # fmt: skip


@pytest.fixture(scope="module")
def finder() -> W.WordFinder:
    return W.WordFinder.build(MARKED)


@pytest.fixture(scope="module")
def tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    tok.initialize()
    for word, freq in W.suggested_freqs(MARKED).items():
        tok.add_word(word, freq=freq)
    return tok


def jieba_bounds(tok: jieba.Tokenizer, text: str) -> set[int]:
    out, at = {0}, 0
    for token in tok.cut(text, HMM=False):
        at += len(token)
        out.add(at)
    return out


def untm_bounds(finder: W.WordFinder, text: str) -> set[int]:
    t = W._Text(text)
    flat = np.array(list(finder._automaton.iter(text)), dtype=np.int64).reshape(-1, 2)  # type: ignore[attr-defined]
    if flat.size:
        ends = flat[:, 0] + 1
        values = flat[:, 1]
        starts = ends - ((values >> 2) & 0xFF)
        lexical = (values & 2) != 0
        t.cover(starts[lexical], ends[lexical])
    positions = np.arange(len(text) + 1)
    ok = finder.boundaries(t, positions)
    return {int(p) for p in positions[ok]}


@pytest.mark.parametrize(
    "path", sorted((ROOT / "corpus" / "zh").glob("*.txt")), ids=lambda p: p.name[:3]
)
def test_every_position_of_the_seeds_agrees_with_jieba(
    path: Path, finder: W.WordFinder, tokenizer: jieba.Tokenizer
) -> None:
    view = zh_view(path.read_text(encoding="utf-8")).text
    assert untm_bounds(finder, view) == jieba_bounds(tokenizer, view)


chars = st.sampled_from(
    list(
        "缔约国会议第七届方秘书处主席团全体室文件区域组织不限成员名额司法协助的和在开幕2019年/1号决"
    )
)


@settings(max_examples=200, deadline=None)
@given(text=st.text(chars, min_size=1, max_size=40))
def test_random_texts_agree_with_jieba(
    text: str, finder: W.WordFinder, tokenizer: jieba.Tokenizer
) -> None:
    assert untm_bounds(finder, text) == jieba_bounds(tokenizer, text)


def test_cut_is_jiebas_cut(tokenizer: jieba.Tokenizer) -> None:
    """The module's own dynamic program, used for suggested frequencies and blocks."""
    words = {**W._base_words(), **W.suggested_freqs(MARKED)}
    for text in (
        "缔约方会议第七届会议",
        "缔约国会议主席团于2022年核准",
        "出席会议的代表",
        "第 7/1 号决议",
    ):
        assert W.cut(text, words) == list(tokenizer.cut(text, HMM=False))


def test_marked_words_are_found_only_as_words(finder: W.WordFinder) -> None:
    view = "缔约方会议第七届会议"
    starts, ends, _ids = finder.find(view)
    found = {(view[s:e]) for s, e in zip(starts.tolist(), ends.tolist(), strict=True)}
    assert "届会" not in found  # across 第七届|会议
    assert "缔约方会议" in found


def test_the_finder_survives_a_round_trip(finder: W.WordFinder) -> None:
    again = W.WordFinder.from_bytes(finder.to_bytes())
    view = zh_view((ROOT / "corpus" / "zh" / "000_81281640e8b35b4e.txt").read_text()).text
    a, b = finder.find(view), again.find(view)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
