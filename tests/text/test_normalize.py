"""Term keys: the hyphen, prefix, punctuation and article foldings of ``term_key``.

Expected keys are written by hand from the rules in the docstring of
``untm.text.normalize`` (case folded, words split on anything but letters, digits and
"&", plurals folded, anti-/non- split off, a leading "the" dropped; in Chinese, spaces,
title marks and quotes dropped, punctuation at either end dropped unless a bracket
pairs up inside the key).
"""

from __future__ import annotations

import pytest

from untm.text.lang import Lang
from untm.text.normalize import NORMALIZATION, fold_en_word, term_key, term_keys

ZH, EN = Lang.ZH, Lang.EN


@pytest.mark.parametrize(
    "variant",
    ["anti-corruption", "anti corruption", "anticorruption", "Anti-Corruption", "ANTICORRUPTION"],
)
def test_hyphenated_spaced_and_closed_prefixes_have_one_key(variant: str) -> None:
    assert term_key(variant, EN) == "anti corruption"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("non-governmental organizations", "non governmental organization"),
        ("nongovernmental organization", "non governmental organization"),
        ("non governmental organisations", "non governmental organisation"),
        ("open-ended", "open ended"),  # the hyphen is still a word break
        ("open ended", "open ended"),
        ("anti-money-laundering", "anti money laundering"),
        ("anti-corruption bodies", "anti corruption body"),  # plural of the second word
    ],
)
def test_hyphen_and_space_variants(text: str, key: str) -> None:
    assert term_key(text, EN) == key


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("anticorruption", "anti corruption"),
        ("nongovernmental", "non governmental"),
        ("antigua", "antigua"),  # three letters after "anti": not a prefix
        ("none", "none"),
        ("antiques", "antique"),  # the plural is folded first: antique -> "que", too short
        ("nonproliferation", "non proliferation"),
        ("cooperation", "cooperation"),  # co- is not split: closed in UN English
        ("intergovernmental", "intergovernmental"),
        ("parties", "party"),
    ],
)
def test_fold_en_word(word: str, folded: str) -> None:
    assert fold_en_word(word) == folded


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the Implementation Review Group", "implementation review group"),
        ("The Conference of the States Parties", "conference of the state party"),
        ("the former Yugoslav Republic of Macedonia", "former yugoslav republic of macedonia"),
        ("The", "the"),  # a key is never emptied
        ("theft", "theft"),
        ("other States", "other state"),
    ],
)
def test_a_leading_article_is_dropped(text: str, key: str) -> None:
    assert term_key(text, EN) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("UNODC,", "unodc"),
        ("(UNODC)", "unodc"),
        ('"UNODC."', "unodc"),
        ("Group of 77 (G77)", "group of 77 g77"),
        ("AT&T", "at&t"),
    ],
)
def test_english_punctuation_is_not_part_of_the_key(text: str, key: str) -> None:
    assert term_key(text, EN) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("联合国毒品和犯罪问题办公室。", "联合国毒品和犯罪问题办公室"),
        ("（毒品和犯罪问题办公室）", "毒品和犯罪问题办公室"),
        ("“实施情况审议组”，", "实施情况审议组"),
        ("、司法协助；", "司法协助"),
        ("(续", "续"),  # an unpaired bracket
        ("七十七国集团（77国集团）", "七十七国集团(77国集团)"),  # pairs inside: kept
        ("（一）和（二）", "(一)和(二)"),  # each bracket pairs inside: all kept
        ("增长100%", "增长100%"),  # a percent sign means something
        ("Distr.: General", "distr.:general"),
        ("。", ""),
    ],
)
def test_chinese_punctuation_at_the_ends_is_dropped(text: str, key: str) -> None:
    assert term_key(text, ZH) == key


def test_batch_keys_equal_single_keys() -> None:
    texts = ["联合国毒品和犯罪问题办公室。", "（毒品和犯罪问题办公室）", "實施情況審議組，"]
    assert term_keys(texts, ZH) == [term_key(t, ZH) for t in texts]
    assert term_keys(texts, ZH)[2] == "实施情况审议组"
    english = ["the Implementation Review Group", "anticorruption"]
    assert term_keys(english, EN) == ["implementation review group", "anti corruption"]


def test_the_normalization_identifier_names_the_new_foldings() -> None:
    """Keys changed with these foldings, so databases must see a new identifier."""
    assert not NORMALIZATION.startswith("untm-norm-1 ")
    assert "anti-/non-" in NORMALIZATION and "the" in NORMALIZATION
