"""PDF clean-up: the map from the clean text back to the original, for small cases,
for any input (hypothesis) and on the seed documents (../shared/seeds).
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.text.clean_helpers import (
    SEEDS,
    cleaned,
    seed,
    visible,
)
from untm.text.clean import CleanText, clean_pdf_text
from untm.text.lang import Lang
from untm.text.normalize import cjk_space_spans, fold_cjk_spacing
from untm.text.segment import split_sentences

# --- origins of spans ------------------------------------------------------------------


def test_origin_spans_a_page_break() -> None:
    raw = "会议将于，\n\nV.20-04026 (C)\n\n*2004026*\n\n开幕。"
    clean = clean_pdf_text(raw, Lang.ZH)
    assert clean.text == "会议将于，开幕。"
    assert clean.origin(2, 7) == (2, raw.index("开幕") + 2)
    assert raw[slice(*clean.origin(5, 8))] == "开幕。"
    assert clean.origin(3, 3) == (3, 3)


def test_origin_rejects_spans_outside_the_text() -> None:
    clean = clean_pdf_text("会议开幕。")
    with pytest.raises(ValueError, match="outside"):
        clean.origin(2, 9)
    with pytest.raises(ValueError, match="outside"):
        clean.origin(3, 2)


def test_offsets_must_match_the_text() -> None:
    with pytest.raises(ValueError, match="offset"):
        CleanText("abc", (0, 1, 2))


def test_empty_and_furniture_only_inputs() -> None:
    assert clean_pdf_text("") == CleanText("", (0,))
    only_furniture = "\n V.17-07946 \n\n*1707946*\n3/6\n"
    assert clean_pdf_text(only_furniture) == CleanText("", (len(only_furniture),))


# --- the offset map, for any input --------------------------------------------------

FRAGMENTS = [
    "V.20-04026 (C)",
    "*2004026*",
    "CAC/COSP/EG.1/2017/3",
    "3/6",
    "__________",
    "http://undocs.org/ch/CAC/COSP/2019/2",
    "[CAC/COSP/2017/CRP.5](#)",
    "Distr.: General",
    "31 July 2017",
    "Original: English",
    "联 合 国",
    "1. ",
    "(a) ",
    "open -ended",
    "inter-\n",
    "imple\u00ad\n",
    "2019 年 5 月",
    "\t",
    "\u200b",
    "\r\n",
    "\f",
]
ALPHABET = "会议开幕公约第号决议不限成员名额ab AZ019。，；：.,;:!?()（）《》“”-/\n\n\u3000\xa0"
pdf_like = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ALPHABET, max_size=12)),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(pdf_like | st.text(max_size=200), st.sampled_from([None, Lang.ZH, Lang.EN]))
def test_offset_map_points_at_the_same_characters(raw: str, lang: Lang | None) -> None:
    clean = clean_pdf_text(raw, lang)
    offsets = clean.offsets
    assert len(offsets) == len(clean.text) + 1
    assert offsets[-1] == len(raw)
    assert all(a <= b for a, b in itertools.pairwise(offsets))
    previous = -1
    for char, origin in zip(clean.text, offsets, strict=False):
        assert 0 <= origin < len(raw)
        if char.isspace():
            assert raw[origin].isspace()  # a joining space or break stands for whitespace
        else:
            assert raw[origin] == char
            assert origin > previous  # each original character is used once
            previous = origin


@settings(max_examples=200, deadline=None)
@given(pdf_like, st.data())
def test_origin_of_any_span_covers_its_characters(raw: str, data: st.DataObject) -> None:
    clean = clean_pdf_text(raw)
    start = data.draw(st.integers(0, len(clean.text)))
    end = data.draw(st.integers(start, len(clean.text)))
    first, last = clean.origin(start, end)
    assert 0 <= first <= last <= len(raw)
    inside = re.sub(r"\s", "", raw[first:last])
    piece = re.sub(r"\s", "", clean.text[start:end])
    assert _is_subsequence(piece, inside)


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(char in it for char in small)


@settings(max_examples=200, deadline=None)
@given(pdf_like)
def test_clean_text_shape(raw: str) -> None:
    text = clean_pdf_text(raw).text
    assert "\n\n\n" not in text and "\r" not in text
    assert text == text.strip()
    assert all(line == line.strip() for line in text.split("\n"))


# --- offsets on the seeds -----------------------------------------------------------


@pytest.mark.parametrize("prefix", SEEDS)
def test_clean_spans_map_back_to_the_original(prefix: str) -> None:
    """Each paragraph and sentence maps to an original slice that reads the same.

    The original slice, with whitespace, furniture lines and link markup removed, must
    equal the clean slice with whitespace removed.
    """
    original, clean = seed(prefix), cleaned(prefix)
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", clean.text)]
    spans += [(s.start, s.end) for s in split_sentences(clean.text)]
    for start, end in spans:
        first, last = clean.origin(start, end)
        assert visible(original[first:last]) == re.sub(r"\s+", "", clean.text[start:end])


@settings(max_examples=200, deadline=None)
@given(pdf_like)
def test_cjk_space_spans_are_what_fold_cjk_spacing_removes(raw: str) -> None:
    spans = cjk_space_spans(raw)
    kept = [
        raw[end:start]
        for (_, end), (start, _) in itertools.pairwise([(0, 0), *spans, (len(raw), 0)])
    ]
    assert "".join(kept) == fold_cjk_spacing(raw)
    assert all(raw[s:e].isspace() for s, e in spans)
