"""Gram codes: the vectorized English tokenizer of imports against the regex of queries.

An import computes word codes and token counts for millions of English keys with numpy;
a query computes them for its own words with ``words``/``tokens`` (a regex) and
``word_code`` (a loop). Lookup is only correct if the two agree on every input, so the
property test draws text from the characters that make the rules interesting: word
characters, the four joiners, other punctuation, white space and characters outside the
BMP.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from untm.grams import WORD_FLAG, en_token_grams, word_code, word_hash
from untm.text.lang import Lang
from untm.text.normalize import tm_key, tokens, words

_ALPHABET = st.sampled_from(
    [*"ab7_é中-'’.,;:!?()/& ", "\u00a0", "\U0001d400", "\U00020000", "٣", "Ⅻ"]
)


def _expected(keys: list[str]) -> tuple[list[int], list[int], list[int]]:
    codes = [word_code(w) for k in keys for w in words(k)]
    owners = [i for i, k in enumerate(keys) for _ in words(k)]
    return codes, owners, [len(tokens(k, Lang.EN)) for k in keys]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_ALPHABET, max_size=40), max_size=8))
def test_vectorized_tokens_equal_the_regex(texts: list[str]) -> None:
    keys = [tm_key(t, Lang.EN) for t in texts]  # keys: case folded, spaces collapsed
    codes, owners, counts = en_token_grams(keys)
    assert (codes.tolist(), owners.tolist(), counts.tolist()) == _expected(keys)


def test_worked_examples() -> None:
    """Counted by hand: 'open-ended' and 'a.m.'-style words keep their joiners, a joiner
    that does not sit between two word characters is a token of its own."""
    keys = ["open-ended meeting, 10 a.m.", "--x y-", "it's ’quoted’"]
    codes, owners, counts = en_token_grams(keys)
    # open-ended | meeting | , | 10 | a.m | .    ;  - | - | x | y | -   ;  it's | ’ | quoted | ’
    assert counts.tolist() == [6, 5, 4]
    assert owners.tolist() == [0, 0, 0, 0, 1, 1, 2, 2]
    assert codes[0] == word_code("open-ended") and codes[3] == word_code("a.m")


def test_word_hash_definition() -> None:
    """sum((ord(c) + 1) * P**i) mod 2**64, computed here independently."""
    p = 0x9E3779B97F4A7C15
    expected = ((ord("a") + 1) + (ord("b") + 1) * p) % 2**64
    assert word_hash("ab") == expected
    assert word_code("ab") == WORD_FLAG | (expected >> 32)
    assert word_code("ab") != word_code("ba")
