"""The fuzzy-match score translators know, and the diff CAT tools show.

Normalization before scoring (:func:`untm.text.normalize.tm_key`): inline tags removed,
NFKC width folding, traditional -> simplified, case folding; whitespace removed in
Chinese and collapsed in English.

Score of a memory segment ``m`` for a query ``q``::

    score = 100 * (1 - lev(T(q), T(m)) / max(len(T(q)), len(T(m))))

where ``T`` splits a key into characters (Chinese) or word and punctuation tokens
(English) and ``lev`` is the Levenshtein distance (insert, delete, substitute = 1).

Adjustments, so that the number means what translators expect:

* 100 only when the texts are identical;
* a match that differs only in numbers, punctuation, spacing, width or case (same
  :func:`~untm.text.normalize.skeleton`) scores 99, minus 1 per further kind of
  difference (at least 97), and says which ones;
* any other match is capped at 98.9, so it always ranks below those.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from untm.text.lang import Lang
from untm.text.normalize import fold_width, tokens

from .model import DiffKind, DiffOp

SCORER = (
    "untm-lev-1: 100*(1-lev/maxlen) over chars (zh) / words (en); placeables 99-97; else <=98.9"
)
EDIT_CAP = 98.9

_DIGITS = re.compile(r"\d+(?:[.,:/]\d+)*")
_PUNCT = re.compile(r"[^\w\s]|_")
_SPACE = re.compile(r"\s+")


class TokenCodec:
    """Maps tokens to single characters so rapidfuzz compares token sequences as strings.

    Chinese keys are already sequences of characters; English words each get a private
    code point, shared across one lookup so that equal words compare equal.
    """

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self._codes: dict[str, str] = {}

    def encode(self, key: str) -> str:
        if self.lang is Lang.ZH:
            return key
        return self.encode_tokens(tokens(key, Lang.EN))

    def encode_tokens(self, toks: Sequence[str]) -> str:
        """One character per token (for Chinese, the character itself)."""
        if self.lang is Lang.ZH:
            return "".join(t[:1] for t in toks)
        codes = self._codes
        out = []
        for tok in toks:
            c = codes.get(tok)
            if c is None:
                c = chr(0xF0000 + len(codes)) if len(codes) < 0x1FFFD else chr(0xF0000)
                codes[tok] = c
            out.append(c)
        return "".join(out)


def similarity(q_enc: str, m_enc: str) -> float:
    """The base score, 0-100, of two encoded token sequences."""
    return 100.0 * Levenshtein.normalized_similarity(q_enc, m_enc)


@dataclass(frozen=True, slots=True)
class Scored:
    score: float
    reasons: tuple[str, ...]


def final_score(base: float, q_text: str, m_text: str, same_skeleton: bool, lang: Lang) -> Scored:
    """Apply the adjustments in the module docstring to a base score."""
    if q_text == m_text:
        return Scored(100.0, ())
    if same_skeleton:
        reasons = placeable_differences(q_text, m_text, lang)
        return Scored(max(97.0, 100.0 - max(1, len(reasons))), reasons)
    return Scored(min(round(base, 1), EDIT_CAP), ())


def placeable_differences(a: str, b: str, lang: Lang) -> tuple[str, ...]:
    """Which kinds of difference separate two texts with the same skeleton."""
    fa, fb = fold_width(a), fold_width(b)
    reasons = []
    if _DIGITS.findall(fa) != _DIGITS.findall(fb):
        reasons.append("numbers differ")
    if _PUNCT.findall(_DIGITS.sub("0", fa)) != _PUNCT.findall(_DIGITS.sub("0", fb)):
        reasons.append("punctuation differs")
    ra, rb = (_PUNCT.sub("", _DIGITS.sub("0", x)) for x in (a, b))
    if ra != rb:
        ra, rb = _SPACE.sub("", ra), _SPACE.sub("", rb)
        if ra == rb:
            reasons.append("spacing differs")
        elif fold_width(ra) == fold_width(rb):
            reasons.append("width differs")
        elif (
            ra.casefold() == rb.casefold() or fold_width(ra).casefold() == fold_width(rb).casefold()
        ):
            reasons.append("letter case differs")
        else:
            reasons.append("traditional and simplified characters differ")
    if not reasons and a != b:  # full-width and ASCII digits or punctuation (１２ / 12, ，/ ,)
        reasons.append("width differs")
    return tuple(reasons)


def _display_tokens(text: str, lang: Lang) -> list[str]:
    """Tokens of the text as written (the diff shows the segments, not their keys)."""
    if lang is Lang.ZH:
        return [c for c in text if not c.isspace()]
    return tokens(_SPACE.sub(" ", text), Lang.EN)


def diff(query: str, match: str, lang: Lang) -> tuple[DiffOp, ...]:
    """Token diff of query and match text: what to change in the match to get the query.

    Tokens are compared width- and case-folded but shown as written.
    """
    qt, mt = _display_tokens(query, lang), _display_tokens(match, lang)
    codec = TokenCodec(Lang.EN)  # one code per distinct folded token, in both languages
    qe = codec.encode_tokens([fold_width(t).casefold() for t in qt])
    me = codec.encode_tokens([fold_width(t).casefold() for t in mt])
    join = "" if lang is Lang.ZH else " "
    ops = [
        DiffOp(
            DiffKind(op.tag),
            join.join(qt[op.src_start : op.src_end]),
            join.join(mt[op.dest_start : op.dest_end]),
        )
        for op in Levenshtein.opcodes(qe, me)
    ]
    return tuple(ops)


def render_diff(ops: Sequence[DiffOp], lang: Lang) -> str:
    """Plain-text diff: ``[-query-]{+match+}`` around changes, as word-diff tools print."""
    parts = []
    for op in ops:
        if op.kind is DiffKind.EQUAL:
            parts.append(op.query)
            continue
        change = ""
        if op.query:
            change += f"[-{op.query}-]"
        if op.match:
            change += f"{{+{op.match}+}}"
        parts.append(change)
    return ("" if lang is Lang.ZH else " ").join(parts)
