"""Normalization of Chinese and English as it comes out of UN PDFs, for matching.

Two keys are built from any text, and both are recorded (``NORMALIZATION``) in the
database so that a key built by another untm version is never compared blindly:

* :func:`term_key` - aggressive, for termbase lookup: width folding (NFKC), traditional
  to simplified, case folding, no spacing between CJK and digits, hyphen/space variants
  and quotation marks ignored, English plurals folded (``States parties`` = ``State party``),
  the prefixes anti- and non- split off (``anticorruption`` = ``anti-corruption`` =
  ``anti corruption``), punctuation at either end dropped (``联合国。`` = ``联合国``) and a
  leading English article "the" dropped.
* :func:`tm_key` - conservative, for translation-memory scoring: width folding,
  traditional to simplified, case folding, whitespace removed in Chinese and collapsed
  in English. Punctuation and digits are kept because they are part of the edit distance.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from .lang import Lang

#: Identifies the normalization below; bump when a key would change. Opening a file made
#: with another value re-keys its termbase (``SqliteTermStore.rekey``); memories keep
#: their stored keys, so a change to :func:`tm_key` must come with a re-key of ``tm_units``.
NORMALIZATION = (
    "untm-norm-2 (NFKC, OpenCC t2s, casefold, CJK spacing, plural folding,"
    " anti-/non- split, edge punctuation, leading 'the')"
)


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@functools.cache
def _t2s() -> _Converter:
    import opencc  # deferred: only Chinese needs it

    converter: _Converter = opencc.OpenCC("t2s")
    return converter


def fold_width(text: str) -> str:
    """Full-width digits, letters, brackets and spaces to their ASCII forms (NFKC)."""
    if text.isascii():  # ASCII is NFKC already; skipping the call halves English imports
        return text
    return unicodedata.normalize("NFKC", text)


def fold_char(ch: str) -> str:
    """One character as term keys fold it before script conversion: width (NFKC) and
    case (casefold). Running text is folded character by character with this, so that a
    matching view keeps one offset per character (:mod:`untm.text.view`)."""
    return unicodedata.normalize("NFKC", ch).casefold()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def to_simplified(text: str) -> str:
    """Traditional Chinese characters to simplified (OpenCC ``t2s``); other text unchanged."""
    if not _NON_ASCII.search(text):
        return text
    return _t2s().convert(text)


def to_simplified_many(texts: Sequence[str]) -> list[str]:
    """:func:`to_simplified` for a batch, in one converter call (much faster per text)."""
    if not texts:
        return []
    joined = "\n".join(t.replace("\n", " ") for t in texts)
    if not _NON_ASCII.search(joined):
        return [t.replace("\n", " ") for t in texts]
    out = _t2s().convert(joined).split("\n")
    if len(out) != len(texts):  # pragma: no cover - OpenCC keeps line breaks
        return [to_simplified(t) for t in texts]
    return out


_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_SPACE_RE = re.compile(
    rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+(?=[0-9A-Za-z{_CJK}])"
    rf"|(?<=[0-9A-Za-z%)])[ \t\u00a0\u3000]+(?=[{_CJK}])"
)


def fold_cjk_spacing(text: str) -> str:
    """Remove the spaces PDF extraction puts between CJK and digits or Latin letters.

    ``2019 年 5 月 31 日`` becomes ``2019年5月31日``; ``第 7/1 号决议`` becomes ``第7/1号决议``.
    Spaces between two Latin words are kept.
    """
    return _CJK_SPACE_RE.sub("", text)


def cjk_space_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the spaces :func:`fold_cjk_spacing` would remove.

    For callers that delete them themselves because they keep a map back to the
    original text (PDF clean-up), so that both agree on what CJK spacing is.
    """
    return [m.span() for m in _CJK_SPACE_RE.finditer(text)]


_WS_RE = re.compile(r"\s+")

# --- English plural folding ----------------------------------------------------------

_IRREGULAR_PLURALS = {
    "children": "child",
    "women": "woman",
    "men": "man",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "analyses": "analysis",
    "bases": "basis",
    "crises": "crisis",
    "theses": "thesis",
    "hypotheses": "hypothesis",
    "indices": "index",
    "appendices": "appendix",
    "annexes": "annex",
    "matrices": "matrix",
    "feet": "foot",
    "lives": "life",
    "wives": "wife",
    "halves": "half",
    "selves": "self",
}
_NO_S_STRIP = ("ss", "us", "is", "ous", "ics", "ness")


@functools.lru_cache(maxsize=65536)
def fold_plural(word: str) -> str:
    """Fold an English (lower-case) plural to its singular for matching.

    This is a consistent folding, not a lemmatizer: it only has to map singular and
    plural forms of the same noun to the same key (``parties`` -> ``party``,
    ``processes`` -> ``process``, ``States`` -> ``state``). It is applied to terms and
    queries alike, so an odd folding of a rare word cannot cause a miss.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    irregular = _IRREGULAR_PLURALS.get(word)
    if irregular is not None:
        return irregular
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if word.endswith(_NO_S_STRIP):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


# --- keys --------------------------------------------------------------------------

#: Characters Chinese term keys (and the matching view of running text) ignore: quote and
#: title marks and middle dots (whitespace too).
ZH_KEY_DROP = "《》〈〉“”‘’\"'「」『』·・‧"
_ZH_TERM_DROP = re.compile("[\\s" + re.escape(ZH_KEY_DROP) + "]")
_EN_TERM_SPLIT = re.compile(r"[^\w&]+")

#: Prefixes that English writes hyphenated, spaced or closed up (``anti-corruption``,
#: ``anticorruption``; ``non-governmental``, ``nongovernmental``): split off in keys so
#: that the three spellings meet, the hyphenated one being ``anti corruption`` already.
#: Only prefixes whose closed-up words are rare in terms (unlike ``co``, ``inter``,
#: ``multi``, ``counter``: cooperation, intergovernmental, multilateral, counterpart).
_SPLIT_PREFIXES = ("anti", "non")
#: A prefix is split off only when at least this many letters follow it (so ``Antigua``,
#: ``none`` and ``antique`` stay whole).
_MIN_SPLIT_REST = 4
#: Opening and closing brackets (after NFKC), kept at the ends of a key when they pair up
#: inside it: ``(UNODC)`` loses its brackets, ``Group of 77 (G77)`` keeps them.
_OPENERS = "([{【〔〖"
_CLOSERS = ")]}】〕〗"


@functools.lru_cache(maxsize=65536)
def fold_en_word(word: str) -> str:
    """One lower-case English word as term keys hold it: plural folded, then the prefixes
    of :data:`_SPLIT_PREFIXES` split off with a space (``anticorruption`` -> ``anti
    corruption``, ``nongovernmental`` -> ``non governmental``).

    For matchers that build their own word view of running text, so that it agrees
    with :func:`term_key` (the result can hold a space).
    """
    word = fold_plural(word)
    for prefix in _SPLIT_PREFIXES:
        if (
            word.startswith(prefix)
            and len(word) - len(prefix) >= _MIN_SPLIT_REST
            and word.isalpha()
        ):
            return f"{prefix} {word[len(prefix) :]}"
    return word


#: Punctuation that means something at the end of a term (100%, AT&T, §): never stripped.
_MEANINGFUL_PUNCT = frozenset("%‰‱&#@§")


def _is_punct(char: str) -> bool:
    return unicodedata.category(char)[0] == "P" and char not in _MEANINGFUL_PUNCT


def _strip_edge_punctuation(key: str) -> str:
    """``key`` without punctuation at either end, except brackets that pair up inside it.

    ``联合国毒品和犯罪问题办公室。`` and ``（毒品和犯罪问题办公室）`` lose theirs; the closing
    bracket of ``七十七国集团（77国集团）`` stays, because it closes one inside the key.
    """
    start, end = 0, len(key)
    while start < end:
        first, last = key[start], key[end - 1]
        if _is_punct(first) and first not in _OPENERS:
            start += 1
        elif _is_punct(last) and last not in _CLOSERS:
            end -= 1
        elif first in _OPENERS and _closing(key, start, end) == end - 1:
            start, end = start + 1, end - 1
        elif first in _OPENERS and _closing(key, start, end) < 0:
            start += 1
        elif last in _CLOSERS and _opening(key, start, end) < 0:
            end -= 1
        else:
            break
    return key[start:end]


def _closing(key: str, start: int, end: int) -> int:
    """Index of the bracket closing the one at ``key[start]`` within ``key[:end]``, or -1."""
    opener = key[start]
    closer = _CLOSERS[_OPENERS.index(opener)]
    depth = 0
    for i in range(start, end):
        if key[i] == opener:
            depth += 1
        elif key[i] == closer:
            depth -= 1
            if depth == 0:
                return i
    return -1


def _opening(key: str, start: int, end: int) -> int:
    """Index of the bracket opening the one at ``key[end - 1]`` within ``key[start:]``, or -1."""
    closer = key[end - 1]
    opener = _OPENERS[_CLOSERS.index(closer)]
    depth = 0
    for i in range(end - 1, start - 1, -1):
        if key[i] == closer:
            depth += 1
        elif key[i] == opener:
            depth -= 1
            if depth == 0:
                return i
    return -1


def _zh_term_key(folded: str) -> str:
    """The Chinese key of width- and script-folded text."""
    return _strip_edge_punctuation(_ZH_TERM_DROP.sub("", folded).casefold())


def term_key(text: str, lang: Lang) -> str:
    """Key for termbase matching; see the module docstring."""
    folded = fold_width(text)
    if lang is Lang.ZH:
        return _zh_term_key(to_simplified(folded))
    words = [w for w in _EN_TERM_SPLIT.split(folded.casefold()) if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(fold_en_word(w) for w in words)


def term_keys(texts: Sequence[str], lang: Lang) -> list[str]:
    """:func:`term_key` for many texts (batched script conversion for Chinese)."""
    if lang is Lang.ZH:
        folded = to_simplified_many([fold_width(t) for t in texts])
        return [_zh_term_key(t) for t in folded]
    return [term_key(t, lang) for t in texts]


def tm_key(text: str, lang: Lang) -> str:
    """Key for translation-memory scoring; see the module docstring."""
    folded = fold_width(text)
    if lang is Lang.ZH:
        return "".join(to_simplified(folded).split()).casefold()
    return " ".join(folded.casefold().split())


def tm_keys(texts: Sequence[str], lang: Lang) -> list[str]:
    """:func:`tm_key` for a batch of texts (split/join is the fastest whitespace fold)."""
    if lang is Lang.ZH:
        folded = to_simplified_many([fold_width(t) for t in texts])
        return ["".join(t.split()).casefold() for t in folded]
    return [" ".join(fold_width(t).casefold().split()) for t in texts]


#: English scoring tokens: words (with inner hyphens, apostrophes, dots) and symbols.
EN_TOKEN_PATTERN = r"\w+(?:[-'’.]\w+)*|[^\w\s]"
_EN_TOKEN_RE = re.compile(EN_TOKEN_PATTERN)


def tokens(key: str, lang: Lang) -> list[str]:
    """Scoring units of a :func:`tm_key`: characters for Chinese, words and symbols for English."""
    if lang is Lang.ZH:
        return list(key)
    return _EN_TOKEN_RE.findall(key)


def words(key: str) -> list[str]:
    """English word tokens of a key, punctuation dropped."""
    return [t for t in _EN_TOKEN_RE.findall(key) if t[0].isalnum() or t[0] == "_"]


def skeleton(text: str) -> str:
    """What is left of a text when numbers, punctuation, spacing, width and case are ignored.

    Two segments with the same skeleton differ only in placeables, which CAT tools
    score just under 100 rather than as ordinary edits.
    """
    return skeleton_of_key(to_simplified(fold_width(text)).casefold())


def skeleton_of_key(key: str) -> str:
    """:func:`skeleton` of text that is already a key (width, script and case folded).

    Everything that is not a letter or digit disappears (``str.isalnum``), then each run
    of decimal digits (a number, its separators gone) becomes ``0``.
    """
    return _DIGIT_RUN.sub("0", _NON_ALNUM.sub("", key))


_NON_ALNUM = re.compile(r"[\W_]+")
_DIGIT_RUN = re.compile(r"\d+")


def skeletons(keys: Sequence[str]) -> list[str]:
    """:func:`skeleton_of_key` of many keys at once (numpy over code points; for imports).

    Same definition: a code point is dropped unless ``isalnum``, decimal digits become
    ``0`` and runs of them collapse to one.
    """
    import numpy as np

    joined = "\n".join(keys)
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    if cps.size == 0:
        return [skeleton_of_key(k) for k in keys]
    wide = cps >= 0x10000
    kind = _bmp_classes()[np.where(wide, 0, cps)]  # 0 keep, 1 digit, 2 drop
    for i in np.flatnonzero(wide).tolist():  # rare: emoji, CJK extension B...
        ch = chr(int(cps[i]))
        kind[i] = 1 if ch.isdecimal() else (0 if ch.isalnum() else 2)
    kind[cps == 10] = 0  # the separator survives
    kept = cps[kind != 2].copy()
    digit = kind[kind != 2] == 1
    kept[digit] = ord("0")
    repeat = np.zeros(kept.size, dtype=bool)
    repeat[1:] = digit[1:] & digit[:-1]
    out = kept[~repeat].astype("<u4").tobytes().decode("utf-32-le").split("\n")
    return out if len(out) == len(keys) else [skeleton_of_key(k) for k in keys]


@functools.cache
def _bmp_classes() -> Any:
    import numpy as np

    classes = np.zeros(0x10000, dtype=np.uint8)
    for cp in range(0x10000):
        ch = chr(cp)
        if ch.isdecimal():
            classes[cp] = 1
        elif not ch.isalnum():
            classes[cp] = 2
    return classes


def collapse_space(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


def unique(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
