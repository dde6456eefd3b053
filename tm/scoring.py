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
from untm.text.normalize import EN_TOKEN_PATTERN, fold_width, tokens

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


_DISPLAY_TOKEN = {Lang.ZH: re.compile(r"\S"), Lang.EN: re.compile(EN_TOKEN_PATTERN)}


def _display_tokens(text: str, lang: Lang) -> list[str]:
    """Tokens of the text as written, each with the white space before it (none before
    the first): the diff shows the segments themselves, not their keys."""
    out, end = [], None
    for m in _DISPLAY_TOKEN[lang].finditer(text):
        out.append(("" if end is None else text[end : m.start()]) + m.group())
        end = m.end()
    return out


def diff(query: str, match: str, lang: Lang) -> tuple[DiffOp, ...]:
    """Token diff of query and match text: what to change in the match to get the query.

    Tokens are compared as written, with whether a space precedes them, so that the
    differences a placeable match is scored down for (case, width, spacing) show too.
    Each side's parts, concatenated, are that side's text without outer white space.
    """
    qt, mt = _display_tokens(query, lang), _display_tokens(match, lang)
    codec = TokenCodec(Lang.EN)  # one code per distinct token, in both languages
    qe = codec.encode_tokens([_identity(t) for t in qt])
    me = codec.encode_tokens([_identity(t) for t in mt])
    return tuple(
        DiffOp(
            DiffKind(op.tag),
            "".join(qt[op.src_start : op.src_end]),
            "".join(mt[op.dest_start : op.dest_end]),
        )
        for op in Levenshtein.opcodes(qe, me)
    )


def _identity(token: str) -> str:
    """A token with its leading white space reduced to whether there is any."""
    stripped = token.lstrip()
    return stripped if stripped == token else " " + stripped


def render_diff(ops: Sequence[DiffOp], lang: Lang) -> str:
    """Plain-text diff: ``[-query-]{+match+}`` around changes, as word-diff tools print.

    White space that both sides of a change start with stays outside the brackets.
    """
    parts = []
    for op in ops:
        if op.kind is DiffKind.EQUAL:
            parts.append(op.query)
            continue
        (q_lead, query), (m_lead, match) = _lead(op.query), _lead(op.match)
        if not op.match:  # a deletion: its leading space stays outside the brackets
            lead = q_lead
        elif not op.query:  # an insertion
            lead = m_lead
        elif q_lead == m_lead:
            lead = q_lead
        else:  # the spacing itself differs: show it
            lead, query, match = "", op.query, op.match
        change = lead
        if query:
            change += f"[-{query}-]"
        if match:
            change += f"{{+{match}+}}"
        parts.append(change)
    return "".join(parts)


def _lead(part: str) -> tuple[str, str]:
    rest = part.lstrip()
    return part[: len(part) - len(rest)], rest
