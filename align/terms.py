"""Term pairs from aligned documents: ``untm align terms``.

Input is a list of aligned beads (:class:`BeadText`): the beads of ``align
sentences`` on a document pair, the units of an aligned memory, or the beads of many
pairs pooled. Extraction, for each bead:

1. **Tokens.** Chinese: jieba's words, the termbase's Chinese terms kept whole
   (:mod:`.terms_zh`); English: words (:mod:`.terms_en`).
2. **Links** between Chinese tokens and English words, by competitive linking (the
   strongest link first, each English word linked once, positional closeness breaking
   ties): termbase terms found on both sides, CC-CEDICT glosses (and glosses inside an
   English compound: government in intergovernmental), and word associations learned
   over the input's beads (Dice of a token and a word family, at least two beads).
3. **Candidates.** Every Chinese candidate (:mod:`.terms_zh`: whole tokens, no
   function word at either end, not cutting a sentencepiece piece) is projected through
   the links onto the English: the words between its first and last linked word. The
   pair is kept when the projection is consistent (no word in it linked to a token
   outside the candidate) and is an English term (:mod:`.terms_en`: no stop word at
   either end, no clause: a verb the dictionary knows only as a verb does not open or
   close it).

Pairs are then counted over the beads and ranked by ``score``:

* translation: the Dice coefficient of the pair over beads (the pair's beads against
  the beads with the Chinese and with the English) times the square of the share of
  the pair linked (Chinese characters, English content words);
* termhood: the Chinese candidate's *independence* (the share of its occurrences not
  inside its most frequent one-token extension: 国际 inside 国际合作 is none; a nested-term
  statistic in the spirit of C-value), a list of terms that the text also has apart
  discounted (议程和工作安排), one-word English discounted, frequency (``1 - 0.5 ** n``);
* composition: a pair whose English is the composition of known parts
  (:mod:`.compose`: termbase terms, pairs found with a high score) is raised.

With a termbase, pairs it has are ``confirmed``, pairs whose Chinese it has with other
English ``conflict`` (with the termbase's English), the others ``new``; pairs a review
rejected (``tb_rejected``) are left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from untm.db import Database
from untm.text.lang import Lang
from untm.text.normalize import term_key

from .lexicon import lemma, lexicon
from .terms_dict import Glossary
from .terms_en import EnToken, related
from .terms_en import tokenize as en_tokenize
from .terms_zh import ZhToken, clean_zh, content_runs, piece_cuts, train_pieces
from .terms_zh import tokenize as zh_tokenize


@dataclass(frozen=True, slots=True)
class BeadText:
    """One aligned bead with text on both sides."""

    id: str
    zh: str
    en: str
    kind: str = ""
    source: str = ""


@dataclass(slots=True)
class _Unit:
    bead: BeadText
    zh_text: str
    zh: list[ZhToken]
    en: list[EnToken]
    en_keys: str = ""
    zh_link: list[list[int]] = field(default_factory=list)  # zh token -> en tokens
    en_link: list[int] = field(default_factory=list)  # en token -> zh token or -1
    #: character offsets inside a sentencepiece piece (no candidate starts or ends there)
    cuts: frozenset[int] = frozenset()


MAX_TOKENS = 24
MAX_CHARS = 40
MAX_EN_WORDS = 30


@dataclass(frozen=True, slots=True)
class Pair:
    zh: str
    en: str
    score: float
    freq: int
    examples: tuple[str, ...]
    zh_freq: int
    en_freq: int
    quality: float


def prepare(
    beads: Sequence[BeadText],
    *,
    pieces: bool,
    extra: dict[str, int] | None = None,
    extra_lines: Sequence[str] = (),
) -> list[_Unit]:
    units = []
    texts = [clean_zh(b.zh) for b in beads]
    for b, zt in zip(beads, texts, strict=True):
        toks = zh_tokenize(zt, extra)
        en = en_tokenize(b.en)
        u = _Unit(b, zt, toks, en)
        u.en_keys = " " + " ".join(t.key for t in en) + " "
        units.append(u)
    if pieces:
        model = train_pieces([*(r for u in units for r in content_runs(u.zh)), *extra_lines])
        if model is not None:
            for u in units:
                u.cuts = piece_cuts(model, u.zh)
    return units


def _glosses(tok: str) -> frozenset[str]:
    lex = lexicon()
    g = lex.glosses.get(tok)
    if g is not None:
        return g
    out: set[str] = set()
    for w in lex.words(tok):
        out |= lex.glosses.get(w, frozenset())
    return frozenset(out)


def _content_zh(t: ZhToken) -> bool:
    return not t.is_break and not t.is_function


def _content_en(t: EnToken) -> bool:
    return not t.is_break and not t.stop and not t.blocks


def family(lm: str) -> str:
    """Lemmas of one word family counted together (annotated, annotations)."""
    return lm[:6] if len(lm) > 6 else lm


def associations(units: Sequence[_Unit]) -> dict[tuple[str, str], float]:
    cz: Counter[str] = Counter()
    ce: Counter[str] = Counter()
    pair: Counter[tuple[str, str]] = Counter()
    for u in units:
        zs = {t.text for t in u.zh if _content_zh(t)}
        es = {family(lemma(t.text)) for t in u.en if _content_en(t)}
        cz.update(zs)
        ce.update(es)
        pair.update((z, e) for z in zs for e in es)
    out = {}
    for (z, e), n in pair.items():
        if n < 2:
            continue
        d = 2 * n / (cz[z] + ce[e])
        if d >= 0.5:
            out[(z, e)] = d
    return out


def link(
    units: Sequence[_Unit],
    assoc: dict[tuple[str, str], float],
    term_links: Sequence[Sequence[tuple[int, int]]] | None = None,
) -> None:
    gloss_cache: dict[str, frozenset[str]] = {}
    for k, u in enumerate(units):
        en_lemmas = [lemma(t.text) if _content_en(t) else "" for t in u.en]
        zlen = max(1, len(u.zh_text))
        elen = max(1, len(u.en))
        cands = []
        for i, t in enumerate(u.zh):
            if t.is_break or t.blocks:
                continue
            g = gloss_cache.get(t.text)
            if g is None:
                g = gloss_cache[t.text] = _glosses(t.text)
            zpos = (t.start + len(t.text) / 2) / zlen
            for j, lm in enumerate(en_lemmas):
                if not lm:
                    continue
                s = 0.0
                if lm in g or (len(lm) >= 5 and any(related(x, lm) for x in g if x[:5] == lm[:5])):
                    s = 3.0
                elif len(lm) >= 9 and any(len(x) >= 6 and x in lm for x in g):
                    s = 2.0  # a gloss inside a compound: government, intergovernmental
                a = assoc.get((t.text, family(lm)))
                if a is not None:
                    s = max(s, a)
                if s > 0:
                    dist = abs(zpos - (j + 0.5) / elen)
                    cands.append((-s, dist, i, j, lm))
        forced = set(term_links[k]) if term_links is not None else set()
        for i, j in forced:
            if _content_en(u.en[j]):
                cands.append((-5.0, 0.0, i, j, lemma(u.en[j].text)))
        cands.sort()
        zl: list[list[int]] = [[] for _ in u.zh]
        el = [-1] * len(u.en)
        taken: set[tuple[int, str]] = set()
        for _s, _d, i, j, lm in cands:
            if el[j] != -1 or (i, lm) in taken:
                continue
            if zl[i] and (i, j) not in forced and not any(abs(j - x) <= 3 for x in zl[i]):
                continue  # a second word of one token: next to its first
            el[j] = i
            zl[i].append(j)
            taken.add((i, lm))
        u.zh_link = zl
        u.en_link = el


def _verbs() -> Glossary:
    from .terms_dict import glossary

    return glossary()


def _between_stop(en: Sequence[EnToken], a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return all(not en[k].is_break and en[k].stop for k in range(lo + 1, hi))


def _zh_ok_start(t: ZhToken) -> bool:
    from .terms_zh import START_OK

    return (
        not t.is_break
        and not t.blocks
        and (not t.is_function or t.text in START_OK or t.text == "与")
    )


def _zh_ok_end(t: ZhToken) -> bool:
    return not t.is_break and not t.blocks and not t.is_function


Occurrences = dict[tuple[str, str], list[tuple[int, str, str, float]]]


def extract(units: Sequence[_Unit]) -> tuple[Occurrences, Counter[str], dict[str, float]]:
    occ: Occurrences = defaultdict(list)
    zfreq: Counter[str] = Counter()
    zocc: Counter[str] = Counter()
    ext: dict[str, Counter[str]] = defaultdict(Counter)
    for k, u in enumerate(units):
        seen_z: set[str] = set()
        toks = u.zh
        n = len(toks)
        cuts = u.cuts
        for a in range(n):
            if not _zh_ok_start(toks[a]) or toks[a].start in cuts:
                continue
            lo, hi = 10**9, -1
            zmin, zmax = 10**9, -1
            chars = 0
            depth = 0
            has_dun = False
            for b in range(a + 1, min(n, a + MAX_TOKENS) + 1):
                t = toks[b - 1]
                if t.is_break or t.blocks:
                    break
                chars += len(t.text)
                if chars > MAX_CHARS:
                    break
                if t.text == "《":
                    depth += 1
                elif t.text == "》":
                    depth -= 1
                    if depth < 0:
                        break
                elif t.text == "、":
                    has_dun = True
                ls = u.zh_link[b - 1]
                if ls:
                    nlo, nhi = min(lo, min(ls)), max(hi, max(ls))
                    if hi < 0:
                        fresh = list(range(nlo, nhi + 1))
                    else:
                        fresh = [*range(nlo, lo), *range(hi + 1, nhi + 1)]
                    for jj in fresh:
                        z = u.en_link[jj]
                        if z >= 0:
                            zmin, zmax = min(zmin, z), max(zmax, z)
                    lo, hi = nlo, nhi
                if depth != 0 or not _zh_ok_end(t) or chars < 2 or t.start + len(t.text) in cuts:
                    continue
                if toks[a].text == "与" and not any(x.text in ("有关", "相关") for x in toks[a:b]):
                    continue
                ztext = "".join(x.text for x in toks[a:b])
                if ztext not in seen_z:
                    seen_z.add(ztext)
                    zfreq[ztext] += 1
                zocc[ztext] += 1
                if a > 0 and _content_zh(toks[a - 1]):
                    ext[ztext]["<" + toks[a - 1].text] += 1
                if b < n and _content_zh(toks[b]):
                    ext[ztext][">" + toks[b].text] += 1
                if hi < 0 or zmin < a or zmax >= b:
                    continue
                if hi - lo + 1 > MAX_EN_WORDS:
                    continue
                span = u.en[lo : hi + 1]
                if any((x.is_break and not (x.comma and has_dun)) or x.blocks for x in span):
                    continue
                if any(x.text in "()" for x in span):
                    continue
                # quality: share of the zh content characters linked, of the en content words linked
                zc = zl = 0
                for i in range(a, b):
                    if u.zh_link[i]:
                        zl += len(toks[i].text)
                        zc += len(toks[i].text)
                    elif _content_zh(toks[i]):
                        zc += len(toks[i].text)
                ec = sum(1 for x in span if _content_en(x))
                elk = sum(1 for jj in range(lo, hi + 1) if u.en_link[jj] >= 0)
                q = (zl / max(1, zc)) * (elk / max(1, ec))
                v = _verbs()
                first = span[0].text
                if v.is_verb(first) or v.is_verb(span[-1].text):
                    continue  # a clause ("facilitate international cooperation")
                if first.endswith("ing") and first[0].islower() and v.is_verb(first[:-3]):
                    continue  # "considering agenda item"
                etext = u.bead.en[span[0].start : span[-1].end]
                ekey = " ".join(x.key for x in span)
                occ[(ztext, ekey)].append((k, ztext, etext, q))
    indep = {c: (f - (max(ext[c].values()) if ext[c] else 0)) / f for c, f in zocc.items()}
    for c in list(indep):
        parts = _conjuncts(c)
        if (
            len(parts) > 1
            and zfreq.get(parts[0], 0) > zfreq[c]
            and zfreq.get(parts[-1], 0) > zfreq[c]
        ):
            indep[c] *= 0.3  # a list of terms the text also has alone
    return occ, zfreq, indep


def _conjuncts(z: str) -> list[str]:
    """The parts of a candidate split at its conjunctions outside 《》."""
    import re

    from .terms_zh import CONJUNCTIONS

    parts, depth, cur = [], 0, ""
    for piece in re.split("(以及|或者|[和与及或、《》])", z):
        if piece == "《":
            depth += 1
        elif piece == "》":
            depth -= 1
        if depth == 0 and piece in CONJUNCTIONS:
            parts.append(cur)
            cur = ""
        else:
            cur += piece
    parts.append(cur)
    return [p for p in parts if p]


def rank(
    units: Sequence[_Unit], occ: Occurrences, zfreq: Counter[str], indep: dict[str, float]
) -> list[Pair]:
    efreq: dict[str, int] = {}
    out = []
    for (z, e), items in occ.items():
        beads = {k for k, *_ in items}
        n = len(beads)
        if e not in efreq:
            pad = f" {e} "
            efreq[e] = sum(1 for u in units if pad in u.en_keys)
        fz, fe = zfreq[z], efreq[e]
        dice = 2 * n / (fz + fe)
        q = sum(x[3] for x in items) / len(items)
        words = len(e.split())
        shape = 0.6 if words == 1 else (1.0 if words <= 8 else 0.8)
        score = dice * q**2 * (1 - 0.5**n) * (0.2 + 0.8 * indep[z]) * shape
        surface = Counter(x[2] for x in items).most_common(1)[0][0]
        ex = tuple(units[k].bead.id for k in sorted(beads)[:3])
        out.append(Pair(z, surface, score, n, ex, fz, fe, q))
    best_z: dict[str, float] = {}
    for p in out:
        best_z[p.zh] = max(best_z.get(p.zh, 0), p.score)
    out = [p for p in out if p.score >= 0.7 * best_z[p.zh]]
    out.sort(key=lambda p: (-p.score, p.zh))
    return out


#: Whether sentencepiece pieces bound the candidates (bench/term_eval.py measures both).
PIECES = False
#: Pairs below this score are not output.
MIN_SCORE = 0.01
#: How many of the best pairs are checked for a composition of known parts.
COMPOSE_TOP = 300
COMPOSE_BOOST = 1.3


@dataclass(frozen=True, slots=True)
class TermPair:
    """A proposed term pair, best first in :attr:`Extraction.pairs`."""

    zh: str
    en: str
    score: float
    #: beads the pair was found in
    freq: int
    #: ids of (at most three of) those beads
    examples: tuple[str, ...]
    #: ``new``, ``confirmed`` (the termbase has the pair) or ``conflict`` (it has the
    #: Chinese with other English: ``termbase``)
    status: str = "new"
    termbase: tuple[str, ...] = ()
    concept_id: str = ""
    zh_context: str = ""
    en_context: str = ""
    source: str = ""


@dataclass(frozen=True)
class Extraction:
    pairs: tuple[TermPair, ...]
    beads: int
    pieces: bool
    #: pairs left out because a review rejected them
    rejected: int = 0


def extract_pairs(
    beads: Sequence[BeadText],
    *,
    db: Database | None = None,
    pieces: bool | None = None,
    min_score: float = MIN_SCORE,
) -> Extraction:
    """Term pairs of aligned beads, best first; with ``db``, its termbase's terms are
    evidence, pairs get their status and rejected pairs are left out."""
    use_pieces = PIECES if pieces is None else pieces
    store = None
    if db is not None:
        from untm.termbase.store import SqliteTermStore

        store = SqliteTermStore(db)
    words, lines = _termbase_words(store) if store is not None else ({}, [])
    units = prepare(beads, pieces=use_pieces, extra=words, extra_lines=lines)
    term_links = _term_links(db, units) if db is not None else None
    link(units, associations(units), term_links)
    occ, zfreq, indep = extract(units)
    ranked = rank(units, occ, zfreq, indep)
    ranked = _composed(ranked, store)
    ranked = [p for p in ranked if p.score >= min_score]
    out = [_pair(units, p) for p in ranked]
    rejected = 0
    if db is not None and store is not None:
        from untm.termbase.review import rejected_keys

        gone = rejected_keys(db)
        kept = [p for p in out if (term_key(p.zh, Lang.ZH), term_key(p.en, Lang.EN)) not in gone]
        rejected = len(out) - len(kept)
        out = _with_status(kept, store)
    return Extraction(tuple(out), len(beads), use_pieces, rejected)


def _pair(units: Sequence[_Unit], p: Pair) -> TermPair:
    first = next(u for u in units if u.bead.id == p.examples[0])
    return TermPair(
        p.zh,
        p.en,
        round(p.score, 4),
        p.freq,
        p.examples,
        zh_context=first.bead.zh,
        en_context=first.bead.en,
        source=first.bead.source,
    )


def _termbase_words(store: object) -> tuple[dict[str, int], list[str]]:
    """The termbase's Chinese terms: as words for the tokenizer, and as lines for
    sentencepiece."""
    from untm.text.words import suggested_freqs

    terms = [
        clean_zh(r.text.replace("《", "").replace("》", ""))
        for r in store.all_terms()  # type: ignore[attr-defined]
        if r.lang is Lang.ZH
    ]
    return suggested_freqs(t for t in terms if 1 < len(t) <= 12), terms


def _term_links(db: Database, units: Sequence[_Unit]) -> list[list[tuple[int, int]]]:
    """For each unit, (zh token, en token) pairs inside occurrences of one termbase
    concept found on both sides."""
    from untm.termbase.matcher import TermMatcher
    from untm.termbase.store import SqliteTermStore

    matcher = TermMatcher(SqliteTermStore(db))

    def found(text: str, lang: Lang) -> list[tuple[int, int, str]]:
        try:
            occ = matcher.find_raw(text)
        except ValueError:  # text/phrases.py on a text without any phrase (reported)
            return []
        return [(o.start, o.end, o.concept.id) for o in occ if o.term.lang is lang]

    out: list[list[tuple[int, int]]] = []
    for u in units:
        zh = found(u.zh_text, Lang.ZH)
        en = found(u.bead.en, Lang.EN)
        links: list[tuple[int, int]] = []
        for zs, ze, zc in zh:
            for es, ee, ec in en:
                if zc != ec:
                    continue
                zt = [i for i, t in enumerate(u.zh) if t.start < ze and t.start + len(t.text) > zs]
                et = [j for j, t in enumerate(u.en) if t.start < ee and t.end > es]
                links += [(i, j) for i in zt for j in et]
        out.append(links)
    return out


def _composed(ranked: list[Pair], store: object | None) -> list[Pair]:
    """Pairs whose English is the composition of other known pairs (termbase terms,
    pairs found with a good score) raised by :data:`COMPOSE_BOOST`."""
    from dataclasses import replace

    from .compose import compose, known_parts

    extra: dict[str, str] = {}
    for p in ranked:
        if p.score >= 0.3:
            extra.setdefault(term_key(p.zh, Lang.ZH), p.en)
    known = known_parts(store, dictionary=False, extra=extra)
    out = list(ranked)
    for k, p in enumerate(ranked[:COMPOSE_TOP]):
        if len(p.zh) < 4:
            continue
        c = compose(p.zh, known, exclude=p.zh)
        if c is not None and term_key(c.en, Lang.EN) == term_key(p.en, Lang.EN):
            out[k] = replace(p, score=p.score * COMPOSE_BOOST)
    out.sort(key=lambda p: (-p.score, p.zh))
    return out


def _with_status(pairs: list[TermPair], store: object) -> list[TermPair]:
    from dataclasses import replace

    keys = list({term_key(p.zh, Lang.ZH) for p in pairs})
    rows = store.by_keys(keys, Lang.ZH) if keys else []  # type: ignore[attr-defined]
    by_key: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        by_key[r.key].append(r.concept_id)
    ids = list({c for cs in by_key.values() for c in cs})
    concepts = {c.id: c for c in store.concepts(ids)}  # type: ignore[attr-defined]
    out = []
    for p in pairs:
        cids = by_key.get(term_key(p.zh, Lang.ZH), [])
        if not cids:
            out.append(p)
            continue
        en_key = term_key(p.en, Lang.EN)
        found = [concepts[c] for c in dict.fromkeys(cids) if c in concepts]
        same = [
            c
            for c in found
            if any(term_key(t.text, Lang.EN) == en_key for t in c.terms_in(Lang.EN))
        ]
        if same:
            out.append(replace(p, status="confirmed", concept_id=same[0].id))
            continue
        english = tuple(
            dict.fromkeys(t.text for c in found for t in c.terms_in(Lang.EN) if t.status.rank < 2)
        )
        out.append(
            replace(p, status="conflict", termbase=english, concept_id=found[0].id if found else "")
        )
    return out
