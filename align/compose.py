"""Compositional translation: a Chinese compound from the terms it is made of.

UN terms are compositional. 不限成员名额政府间专家会议 is 不限成员名额 (open-ended) +
政府间 (intergovernmental) + 专家会议 (expert meeting): Chinese modifiers precede their
head as English ones do, so the parts' English in the same order is the compound's.
Some structures reverse the order, and the composer knows them:

* ``X下Y`` -> "Y under X" (《公约》下国际合作: international cooperation under the
  Convention);
* ``关于X的Y``, ``X问题Y`` -> "Y on X" (资产追回问题工作组: Working Group on Asset Recovery);
* ``与X有关的Y`` -> "Y relating to X";
* ``X的Y`` -> "Y of X";
* ``增进/加强/促进 X 的? Y`` -> "Y to enhance / strengthen / promote X";
* coordination ``X和Y`` (和 与 及 以及 、): "X and Y", with the head the two share
  said once (民事诉讼和行政诉讼: civil and administrative proceedings), and with the
  head of the second part lent to the first when the first alone is no term
  (民事和行政诉讼: 民事诉讼 + 行政诉讼 -> civil and administrative proceedings).

Parts come from a ``known`` function (the termbase's terms, CC-CEDICT words, pairs an
extraction found); a composition uses as few parts as it can, termbase parts before
dictionary parts. :func:`compose` returns the best composition with its parts, or None.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from untm.text.lang import Lang

__all__ = ["Composition", "Part", "compose", "dictionary_gloss"]


@dataclass(frozen=True, slots=True)
class Part:
    """A known unit a composition uses: its Chinese, English, and where it comes from
    (``termbase``, ``dictionary`` or ``extraction``), with the concept id if any."""

    zh: str
    en: str
    source: str
    concept_id: str = ""
    #: the English before a head (a dictionary word's adjectival sense: statistical)
    modifier: str = ""


@dataclass(frozen=True, slots=True)
class Composition:
    zh: str
    en: str
    parts: tuple[Part, ...]
    #: lower is better: parts used, dictionary parts counting double
    cost: float


#: A function giving the known English renderings of a Chinese unit, best first.
Known = Callable[[str], Sequence[Part]]

_CONJ = ("以及", "和", "与", "及", "、", "或")
_PURPOSE = {"增进": "enhance", "加强": "strengthen", "促进": "promote", "旨在增进": "enhance"}
_SOURCE_COST = {"termbase": 1.0, "extraction": 1.2, "dictionary": 2.0}
MAX_CHARS = 60


def compose(zh: str, known: Known, *, exclude: str = "") -> Composition | None:
    """The best composition of ``zh`` from known parts (never ``zh`` itself as one part,
    nor ``exclude``), or None when no reading covers it."""
    text = "".join(zh.split())
    if not text or len(text) > MAX_CHARS:
        return None
    whole = {text, exclude.replace(" ", "")} - {""}

    @functools.cache
    def lookup(s: str) -> tuple[Part, ...]:
        if s in whole:
            return ()
        bare = s.replace("《", "").replace("》", "")
        found = tuple(known(bare)) if bare else ()
        return found

    @functools.cache
    def best(s: str, top: bool) -> Composition | None:
        if not s or not _balanced(s):
            return None
        options: list[Composition] = []
        if not top:
            for p in lookup(s)[:1]:
                options.append(Composition(s, p.en, (p,), _SOURCE_COST.get(p.source, 2.0)))
        # titles in 《》: the title as one unit
        if s.startswith("《") and s.endswith("》") and s.count("《") == 1:
            inner = best(s[1:-1], False)
            if inner is not None:
                options.append(inner)
        options += _structures(s, best)
        options += _sequence(s, atom)
        if not options:
            return None
        return min(options, key=lambda c: (c.cost, len(c.parts)))

    @functools.cache
    def atom(s: str) -> Composition | None:
        """A known unit as it is, or a title in 《》 composed."""
        for p in lookup(s)[:1]:
            return Composition(s, p.en, (p,), _SOURCE_COST.get(p.source, 2.0))
        if s.startswith("《") and s.endswith("》") and s.count("《") == 1:
            return best(s[1:-1], False)
        return None

    found = best(text, True)
    if found is None or len(found.parts) < 2:
        return None
    return Composition(text, _tidy(found.en), found.parts, found.cost)


def _structures(s: str, best: Callable[[str, bool], Composition | None]) -> list[Composition]:
    out: list[Composition] = []

    def two(a: str, b: str, en: Callable[[str, str], str], extra: float = 0.0) -> None:
        x, y = best(a, False), best(b, False)
        if x is not None and y is not None:
            out.append(Composition(s, en(x.en, y.en), x.parts + y.parts, x.cost + y.cost + extra))

    n = len(s)
    for i in range(1, n - 1):
        ch = s[i]
        if ch == "下" and s[i - 1] == "》":
            two(s[:i], s[i + 1 :], lambda x, y: f"{y} under {_the(x)}")
        if ch == "的":
            head, tail = s[:i], s[i + 1 :]
            if head.startswith("关于") and len(head) > 2:
                two(head[2:], tail, lambda x, y: f"{y} on {_determined(x)}")
            elif head.startswith("与") and head.endswith(("有关", "相关")) and len(head) > 3:
                two(head[1:-2], tail, lambda x, y: f"{y} relating to {x}")
            else:
                for verb, word in _PURPOSE.items():
                    if head.startswith(verb) and len(head) > len(verb):
                        two(head[len(verb) :], tail, _purpose(word))
                two(head, tail, _of, 0.5)
        if s.startswith("问题", i) and i + 2 < n:
            two(s[:i], s[i + 2 :], lambda x, y: f"{y} on {_determined(x)}")
    for verb, word in _PURPOSE.items():
        if s.startswith(verb):
            rest = s[len(verb) :]
            for i in range(1, len(rest)):
                two(rest[:i], rest[i:], _purpose(word), 0.2)
    for conj in _CONJ:
        start = 0
        while (i := s.find(conj, start)) > 0:
            start = i + 1
            a, b = s[:i], s[i + len(conj) :]
            if not b or not _balanced(a) or not _balanced(b):
                continue
            x, y = best(a, False), best(b, False)
            if x is not None and y is not None:
                en = _coordinate(x.en, y.en)
                if conj == "、" and " and " in y.en:
                    en = f"{x.en}, {y.en}"  # 冻结、扣押和没收: freezing, seizure and confiscation
                out.append(Composition(s, en, x.parts + y.parts, x.cost + y.cost))
            if y is not None:
                # 民事和行政诉讼: the first part borrows the head of the second
                for k in range(1, len(b)):
                    head = b[k:]
                    xh = best(a + head, False)
                    yb = best(b, False)
                    if xh is not None and yb is not None:
                        en = _coordinate(xh.en, yb.en)
                        out.append(Composition(s, en, xh.parts + yb.parts, xh.cost + yb.cost))
                        break
    return out


def _sequence(s: str, atom: Callable[[str], Composition | None]) -> list[Composition]:
    """``s`` as a sequence of known units, English in the same order (modifier-head)."""
    n = len(s)
    # dp[i]: the best composition of s[:i]
    dp: list[Composition | None] = [None] * (n + 1)
    dp[0] = Composition("", "", (), 0.0)
    for j in range(1, n + 1):
        for i in range(max(0, j - 30), j):
            prev = dp[i]
            if prev is None:
                continue
            piece = s[i:j]
            if (i == 0 and j == n) or not _balanced(piece):
                continue  # the whole as one part is not a composition
            part = atom(piece)
            if part is None:
                continue
            before = prev.en
            if len(prev.parts) and prev.parts[-1].modifier and prev.en.endswith(prev.parts[-1].en):
                before = prev.en[: len(prev.en) - len(prev.parts[-1].en)] + prev.parts[-1].modifier
            cand = Composition(
                s[:j],
                _join(before, part.en),
                prev.parts + part.parts,
                prev.cost + part.cost,
            )
            cur = dp[j]
            if cur is None or (cand.cost, len(cand.parts)) < (cur.cost, len(cur.parts)):
                dp[j] = cand
    last = dp[n]
    return [last] if last is not None and len(last.parts) > 1 else []


#: Heads whose modifier follows them with "on": a working group on a topic.
_ON_HEADS = ("working group", "committee", "commission", "subcommittee", "task force")
#: Heads that name a part or office of a body: the President of the General Assembly.
_OF_HEADS = (
    "president",
    "vice-president",
    "chair",
    "vice-chair",
    "bureau",
    "secretariat",
    "special session",
    "subsidiary body",
    "subsidiary bodies",
    "member",
    "members",
    "rules of procedure",
    "terms of reference",
    "session",
    "report",
    "workplan",
    "mandate",
)


#: Heads that always take their modifier after them, with this preposition.
_ALWAYS_AFTER = {
    "online directory": "of",
    "directory": "of",
    "follow-up": "to",
    "workplan": "for",
    "list": "of",
}


def _join(before: str, head: str) -> str:
    """A modifier and its head in English: "expert meeting" in the order of the Chinese,
    but "Working Group on X", "President of the X" and "Conference of the Parties to
    the X" where English puts the modifier after the head."""
    if not before:
        return head
    h = head.lower()
    named = before[:1].isupper()
    if h.startswith(("conference of the", "meeting of the")) and "convention" in before.lower():
        return f"{head} to {_the(before)}"
    if h in _ALWAYS_AFTER:
        return f"{head} {_ALWAYS_AFTER[h]} {_the(before) if named else _determined(before)}"
    if h in _ON_HEADS and not named:
        return f"{head} on {_determined(before)}"
    if h in _OF_HEADS and named:
        return f"{head} of {_the(before)}"
    return f"{before} {head}"


def _purpose(verb: str) -> Callable[[str, str], str]:
    """``增进X的Y``: "Y to enhance X"."""
    return lambda x, y: f"{y} to {verb} {x}"


def _of(x: str, y: str) -> str:
    """``X的Y``: "Y of X" (or the preposition the head takes: follow-up to)."""
    prep = _ALWAYS_AFTER.get(y.lower(), "of")
    return f"{y} {prep} {_the(x)}"


def _the(en: str) -> str:
    """A name after a preposition takes "the": under the Convention."""
    return f"the {en}" if en[:1].isupper() and not en.lower().startswith("the ") else en


def _determined(en: str) -> str:
    """A common noun after a preposition takes "the" when it has an of-complement, as
    UN English writes it: the Working Group on the Prevention of Corruption, the
    workplan for the subsidiary bodies of the Conference (but: on Asset Recovery)."""
    if " of " in en and not en.lower().startswith(("the ", "a ", "an ")):
        return f"the {en}"
    return en


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        if ch == "《":
            depth += 1
        elif ch == "》":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _coordinate(a: str, b: str) -> str:
    """``a and b``, their shared last words said once: civil proceedings + administrative
    proceedings -> civil and administrative proceedings."""
    wa, wb = a.split(), b.split()
    k = 0
    while k < min(len(wa), len(wb)) - 1 and wa[-1 - k].lower() == wb[-1 - k].lower():
        k += 1
    if k:
        return " ".join([*wa[:-k], "and", *wb])
    return f"{a} and {b}"


def _tidy(en: str) -> str:
    en = re.sub(r"\b([\w-]+) and ([\w-]+) and ", r"\1, \2 and ", en)
    words = en.split()
    out = [w for i, w in enumerate(words) if i == 0 or w.lower() != words[i - 1].lower()]
    text = " ".join(out)
    return text


def dictionary_gloss(senses: Sequence[str], *, head: bool) -> str:
    """The gloss of a dictionary word to compose with: the first short sense that is no
    verb phrase ("statistical" before "to count" for 统计 as a modifier); a verb's
    sense without its "to" when there is nothing else."""
    short = [s for s in senses if len(s.split()) <= 3]
    nouns = [s for s in short if not s.lower().startswith("to ")]
    if not head:
        adjectival = [s for s in nouns if s.lower().endswith(("al", "ic", "ive", "ary", "ed"))]
        if adjectival:
            return adjectival[0]
    if nouns:
        return nouns[0]
    if short:
        return short[0][3:] if short[0].lower().startswith("to ") else short[0]
    return ""


def known_parts(
    store: object | None,
    *,
    dictionary: bool = True,
    exclude_concepts: frozenset[str] = frozenset(),
    extra: dict[str, str] | None = None,
) -> Known:
    """Known units: the termbase's Chinese terms (their concept's preferred English),
    ``extra`` pairs (zh key -> English, from an extraction), and CC-CEDICT words of two
    characters or more (their first short noun sense)."""
    from untm.text.normalize import term_key

    def find(s: str) -> list[Part]:
        out: list[Part] = []
        key = term_key(s, Lang.ZH)
        if not key:
            return out
        if store is not None:
            rows = store.by_keys([key], Lang.ZH)  # type: ignore[attr-defined]
            ids = [r.concept_id for r in rows if r.concept_id not in exclude_concepts]
            for c in store.concepts(list(dict.fromkeys(ids))):  # type: ignore[attr-defined]
                en = _english_for(c, key)
                if en:
                    out.append(Part(s, en, "termbase", c.id))
        if extra and key in extra:
            out.append(Part(s, extra[key], "extraction"))
        if dictionary and len(s) >= 2:
            from .terms_dict import glossary

            senses = glossary().senses(s)
            gloss = dictionary_gloss(senses, head=True)
            if gloss:
                out.append(
                    Part(s, gloss, "dictionary", modifier=dictionary_gloss(senses, head=False))
                )
        return out

    return functools.lru_cache(maxsize=4096)(find)


def _english_for(concept: object, zh_key: str) -> str:
    """The English of a concept for one of its Chinese terms: among the English terms
    of the same type (a short form for a short form; the preferred one for a full form)
    the one the Chinese term's dictionary words explain best."""
    from untm.text.normalize import term_key

    zh = [t for t in concept.terms_in(Lang.ZH) if term_key(t.text, Lang.ZH) == zh_key]  # type: ignore[attr-defined]
    en = list(concept.terms_in(Lang.EN))  # type: ignore[attr-defined]
    if not en:
        return ""
    if not zh or zh[0].type.value == "fullForm":
        full = [t for t in en if t.type.value == "fullForm"] or en
        return str(full[0].text)
    same = [t for t in en if t.type == zh[0].type]
    if not same:
        return ""  # a short form whose English short form the concept lacks
    if len(same) == 1:
        return str(same[0].text)
    return str(max(same, key=lambda t: _explained(zh[0].text, t.text)).text)


def _explained(zh: str, en: str) -> float:
    """Share of the English content words that the Chinese's dictionary words gloss,
    less the share left unexplained."""
    from .lexicon import EnglishWords, lexicon

    lex = lexicon()
    glossed = set(lex.symbols(zh))
    words = EnglishWords.symbols(en)
    if not words:
        return 0.0
    hit = sum(1 for w in words if w in glossed)
    return hit / len(words) - 0.01 * len(words)


def beyond_termbase(db: object, query: str, lang: object) -> list[dict[str, object]]:
    """What a lookup offers when the termbase has no exact or normalized term:

    * ``suggestion``: a composition of known terms and dictionary words (Chinese
      queries), with its parts;
    * ``dictionary``: the query's CC-CEDICT entry (general vocabulary, never UN
      terminology); for an English query, the Chinese words glossed exactly so;
    * ``concordance``: how many memory units hold the query, and three of them.
    """
    from untm.termbase.store import SqliteTermStore

    from .terms_dict import glossary

    text = " ".join(query.split())
    out: list[dict[str, object]] = []
    store = SqliteTermStore(db)  # type: ignore[arg-type]
    if lang is Lang.ZH:
        c = compose(text, known_parts(store), exclude=text)
        senses = glossary().senses(text.replace(" ", ""))
        if c is not None and senses and all(p.source == "dictionary" for p in c.parts):
            c = None  # the dictionary has the whole: its entry says more than its parts
        if c is not None:
            out.append(
                {
                    "kind": "suggestion",
                    "en": c.en,
                    "parts": [
                        {"zh": p.zh, "en": p.en, "source": p.source, "concept_id": p.concept_id}
                        for p in c.parts
                    ],
                }
            )
        if senses:
            out.append(
                {"kind": "dictionary", "source": "CC-CEDICT", "zh": text, "en": list(senses[:6])}
            )
    else:
        words = _glossed_as(text)
        if words:
            out.append({"kind": "dictionary", "source": "CC-CEDICT", "en": text, "zh": words})
    concordance = _concordance(db, text, lang)
    if concordance is not None:
        out.append(concordance)
    return out


def _glossed_as(english: str, limit: int = 5) -> list[str]:
    """Chinese words one of whose CC-CEDICT senses is ``english`` (case and a leading
    "to" aside), shortest first."""
    from .terms_dict import glossary

    want = english.lower().removeprefix("to ")
    found = [
        zh
        for zh, senses in glossary().glosses.items()
        if any(s.lower().removeprefix("to ") == want for s in senses)
    ]
    return sorted(found, key=lambda z: (len(z), z))[:limit]


def _concordance(db: object, text: str, lang: object) -> dict[str, object] | None:
    from untm.tm.api import concordance

    try:
        found = concordance(db, text, lang=lang, limit=3)  # type: ignore[arg-type]
    except Exception:
        return None
    if not found.total:
        return None
    return {
        "kind": "concordance",
        "total": found.total,
        "units": [
            {"zh": h.unit.side(Lang.ZH).text, "en": h.unit.side(Lang.EN).text} for h in found.hits
        ],
    }
