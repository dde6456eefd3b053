"""The English side of term extraction: word tokens, stop words, lenient keys.

A term's English is a run of words of one sentence that neither starts nor ends with
a stop word (articles, prepositions, conjunctions, pronouns, auxiliaries) and crosses
no punctuation but hyphens, and a comma only where the Chinese has a 、 (criminal,
civil and administrative measures). Inside, stop words are welcome: "Conference of the
States Parties to the United Nations Convention against Corruption".

Keys: :func:`word_key` folds one word as untm's term keys do (case, plural), so
that "States parties" and "State party" meet; a phrase's key is its words' keys
joined by spaces (a leading article dropped).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from untm.text.normalize import fold_plural

__all__ = ["STOP", "EnToken", "phrase_key", "related", "tokenize", "word_key"]

#: Words a term does not start or end with.
STOP = frozenset(
    "a an the of to in on at by for with from and or as is are be been being was were it "  # noqa: SIM905
    "its this that these those which who whom whose what when where how all any some such "
    "into onto about over under up down out off so do does did done have has had can could "
    "may might must shall should will would also very more most much many each per via "
    "than then there their they them he she his her we our you your i me my not no nor "
    "between among against within without upon towards toward during through across "
    "including include includes included following follows other others well both either "
    "neither whether while if because since until unless although though however thus "
    "therefore hence e.g. i.e. etc inter alia am pm its own one".split()
)
#: Words never inside a term: auxiliaries, modals, pronouns, relative words, adverbs
#: of the running text.
NEVER_INSIDE = frozenset(
    "is are was were be been being has have had will would shall should must can could "  # noqa: SIM905
    "might it its they them their we our you your he she his her this these those which "
    "who whom whose that also not no nor thus therefore hence however if because since "
    "while although though when where whether there here being very".split()
)
#: Stop words that may open a term ("Other matters", "Follow-up to ...").
START_OK = frozenset({"other", "inter"})

_WORD = re.compile(r"[A-Za-z0-9À-ÿ]+(?:[-'’.&][A-Za-z0-9À-ÿ]+)*\.?")
_ABBREV_DOT = re.compile(r"^(?:[A-Z]|[A-Za-z]{1,3}\.[A-Za-z]{1,3})\.$")


@dataclass(frozen=True, slots=True)
class EnToken:
    text: str
    start: int
    end: int
    key: str
    #: punctuation: no term crosses it
    is_break: bool
    #: the token is a comma (crossed only where the Chinese has a 、)
    comma: bool = False

    @property
    def stop(self) -> bool:
        """Not at either end of a term (stop words, numbers)."""
        return self.key in STOP or self.key[:1].isdigit()

    @property
    def blocks(self) -> bool:
        """Never inside a term."""
        return self.key in NEVER_INSIDE or any(c.isdigit() for c in self.key)


def tokenize(text: str) -> list[EnToken]:
    """Words and the punctuation between them (white space dropped)."""
    out: list[EnToken] = []
    pos = 0
    for m in _WORD.finditer(text):
        gap = text[pos : m.start()]
        for k, ch in enumerate(gap):
            if not ch.isspace():
                out.append(EnToken(ch, pos + k, pos + k + 1, ch, True, ch == ","))
        word = m.group()
        end = m.end()
        if word.endswith(".") and not _ABBREV_DOT.match(word):  # a full stop, not "St."
            word = word[:-1]
            end -= 1
        out.append(EnToken(word, m.start(), end, word_key(word), False))
        pos = end
    for k, ch in enumerate(text[pos:]):
        if not ch.isspace():
            out.append(EnToken(ch, pos + k, pos + k + 1, ch, True, ch == ","))
    return out


@functools.lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """One word folded: lower case, plural folded, ’ as '."""
    w = word.lower().replace("’", "'")
    return fold_plural(w) if w.isalpha() else w


def phrase_key(words: Sequence[str]) -> str:
    """The key of a phrase given its words' keys: a leading article left out."""
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def related(a: str, b: str) -> bool:
    """Whether two lemmas are forms of one word for dictionary matching: equal, or
    sharing a prefix of at least five letters that leaves at most three letters of the
    shorter one (``implement`` and ``implementation``, ``cooperate`` and
    ``cooperation``, ``administrative`` and ``administration``; not ``international``
    and ``intergovernmental``)."""
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or a[:5] != b[:5]:
        return False
    n = 5
    for x, y in zip(a[5:], b[5:], strict=False):
        if x != y:
            break
        n += 1
    return n >= min(len(a), len(b)) - 3
