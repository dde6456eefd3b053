"""The term checks: ``term-missing``, ``term-forbidden``, ``term-inconsistent``.

The sources of all segments are matched as one document (one call of the term matcher
on the texts joined by a separator no term can span), so that candidates are ranked and
short forms resolved by the whole file (《公约》 after 《联合国反腐败公约》, "the
Conference" after "Conference of the States Parties").

Whether an expected target term is present is decided on the targets' matching views
(:mod:`.presence`). A source term is:

* accepted when one of its concept's preferred or admitted terms is in the target, or
  reworded by the target's grammar (its content words close together: 实施《公约》 for
  公约的实施), or, for a name of the file's concepts, by a document short form ("the
  Conference", "Conference decision 1/1", 《公约》);
* left to ``term-forbidden`` when the target has a deprecated or superseded term of its
  concept instead (looked for by key, confirmed by the matcher: words, exclusions);
* left to the reference checks when it is inside a reference ("session" in "seventh
  session", 会议 in 第七届会议), and not looked for when it is an acronym in another case
  ("who" is not WHO);
* otherwise ``term-missing``: an error, or a warning when the term is a general word
  (a one-word term of the meeting and procedure vocabulary, an adjective or a verb,
  whose rendering depends on the sentence), when the target renders a part of it
  ("States parties" of "requested States parties", which may be a verb and its
  object), when its words are in the target but apart, or when the target has a term
  of a related concept.

``term-inconsistent`` compares the renderings of one source term across the file; an
acronym, short form or abbreviation, a rendering inside another, and the same words
inflected or derived (prevention / preventing) are not inconsistencies.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from untm.db import Database
from untm.errors import InputError
from untm.termbase.matcher import TermMatcher
from untm.termbase.model import (
    OccurrenceKind,
    PartOfSpeech,
    Term,
    TermCandidate,
    TermOccurrence,
    TermStatus,
    TermType,
)
from untm.termbase.store import SqliteTermStore
from untm.text.lang import Lang
from untm.text.normalize import term_key
from untm.text.view import TextView

from .model import Direction, Finding, LintSegment, Severity
from .presence import (
    _APPROVED,
    _FUNCTION_WORDS,
    _ZH_JOINERS,
    SEPARATOR,
    _approved,
    _en_heads,
    _Joined,
    _TargetIndex,
)
from .refchecks import reference_spans as _reference_spans

_FORBIDDEN = (TermStatus.DEPRECATED, TermStatus.SUPERSEDED)
_NAMES = {Lang.ZH: "Chinese", Lang.EN: "English"}


def check_termbase(db: Database, direction: Direction) -> None:
    """An InputError (naming the database) when the termbase lacks a language."""
    stats = SqliteTermStore(db).stats()
    for lang in (direction.source, direction.target):
        n = stats.terms_zh if lang is Lang.ZH else stats.terms_en
        if n == 0:
            raise InputError(
                db.path,
                f"the termbase has no {_NAMES[lang]} terms, which the term checks of "
                f"{direction} need (import a termbase, or leave them out with --rules)",
            )


@dataclass
class _Rendering:
    """Where a source term was rendered by which target term."""

    segment: int
    source: str
    target: Term  # the target term found
    target_key: str


@dataclass
class TermChecker:
    """Term checks of one file (see the module docstring)."""

    db: Database
    direction: Direction
    matcher: TermMatcher = field(init=False)

    def __post_init__(self) -> None:
        self.matcher = _matcher(self.db)
        self._forbidden: list[tuple[str, str]] | None = None
        self._parts: dict[str, list[TermOccurrence]] = {}

    def _target_terms(
        self, segments: Sequence[LintSegment], which: Sequence[int]
    ) -> dict[int, list[TermOccurrence]]:
        """The target-language terms of the targets of segments ``which`` (offsets into
        each target), found in one call of the matcher on their joined texts."""
        which = sorted(set(which))
        if not which:
            return {}
        joined = _Joined.of([segments[i].target for i in which])
        out: dict[int, list[TermOccurrence]] = {i: [] for i in which}
        tgt = self.direction.target
        for o in self.matcher.find_raw(joined.text):
            if o.term.lang is tgt:
                k = joined.segment_of(o.start)
                start = joined.starts[k]
                out[which[k]].append(o._replace(start=o.start - start, end=o.end - start))
        return out

    # -- the file -------------------------------------------------------------------------

    def check(self, segments: Sequence[LintSegment], rules: frozenset[str]) -> list[Finding]:
        tgt_lang = self.direction.target
        occs = self._source_terms(segments)
        targets = _TargetIndex(self.matcher, [s.target for s in segments], tgt_lang)
        forbidden = (
            self._forbidden_by_segment(segments, targets)
            if rules & {"term-forbidden", "term-missing"}
            else {}
        )
        renderings: dict[tuple[str, str], list[_Rendering]] = defaultdict(list)
        rendered: set[str] = set()  # concepts the file renders by a name of two words or more
        pending: list[tuple[int, TermOccurrence, list[Term]]] = []
        for i, seg in enumerate(segments):
            if not seg.target.strip():
                continue  # an empty target is `untranslated`
            for o in occs[i]:
                expected = _expected(o, tgt_lang)
                if not expected:
                    continue
                hit = targets.rendering(i, expected)
                if hit is None:
                    pending.append((i, o, expected))
                    continue
                if len(o.candidates) <= 1:  # an ambiguous place may name another concept
                    renderings[(o.concept.id, term_key(o.text, o.term.lang))].append(
                        _Rendering(i, o.text, hit[0], hit[1])
                    )
                if " " in hit[1] or len(hit[1]) > 3:
                    rendered.update(c.concept.id for c in _cands(o))
        heads = _heads(rendered, occs, tgt_lang)
        missing: dict[int, list[TermOccurrence]] = defaultdict(list)
        for i, o, expected in pending:
            if targets.reworded(i, expected) is not None:
                continue
            short = o.kind is OccurrenceKind.DOCUMENT_SHORT_FORM
            if any(targets.short_form(i, c.concept, heads, short) for c in _cands(o)):
                continue
            if any(_same_concept(o, f) for f in forbidden.get(i, ())):
                continue  # term-forbidden says it, with the approved terms
            missing[i].append(o)
        findings: list[Finding] = []
        target_occs = self._target_terms(segments, list(missing)) if "term-missing" in rules else {}
        for i, seg in enumerate(segments):
            if "term-forbidden" in rules:
                findings += [self._forbidden_finding(seg, o, occs[i]) for o in forbidden.get(i, ())]
            if "term-missing" in rules and missing.get(i):
                findings += self._missing(seg, missing[i], occs[i], targets, i, target_occs[i])
        if "term-inconsistent" in rules:
            findings += _inconsistent(segments, renderings)
        return findings

    def _source_terms(self, segments: Sequence[LintSegment]) -> list[list[TermOccurrence]]:
        """The source-language terms of each segment's source (offsets into it), the
        file as their document; acronyms only in their own case (WHO, not "who"), and
        none inside a reference (session in "seventh session", 会议 in 第七届会议: the
        reference check has them)."""
        src_lang = self.direction.source
        sources = _Joined.of([s.source for s in segments])
        occs: list[list[TermOccurrence]] = [[] for _ in segments]
        for o in self.matcher.find(sources.text):
            if o.term.lang is not src_lang:
                continue
            if o.term.type is TermType.ACRONYM and not _acronym_case(o.text, o.term.text):
                continue
            i = sources.segment_of(o.start)
            start = sources.starts[i]
            occs[i].append(o._replace(start=o.start - start, end=o.end - start))
        for i, seg in enumerate(segments):
            if occs[i]:
                spans = _reference_spans(seg.source, src_lang)
                if spans:
                    occs[i] = [
                        o for o in occs[i] if not any(a < o.end and o.start < b for a, b in spans)
                    ]
        return occs

    # -- term-missing ------------------------------------------------------------------

    def _missing(
        self,
        seg: LintSegment,
        missing: list[TermOccurrence],
        all_occs: list[TermOccurrence],
        targets: _TargetIndex,
        i: int,
        target_occs: list[TermOccurrence],
    ) -> list[Finding]:
        tgt = self.direction.target
        found = self._substitutes(seg, missing, all_occs, target_occs)
        out = []
        for o in missing:
            expected = tuple(t.text for t in _expected(o, tgt)[:4])
            sub = found.get(id(o))
            what = f"'{o.text}' ({o.concept.id})"
            if len(o.candidates) > 1:
                others = ", ".join(c.concept.id for c in o.candidates[1:3])
                what += f" (or {others})"
            msg = f"{what} needs {_or(expected)} in the target"
            severity = Severity.ERROR
            part = self._rendered_part(o, targets, i)
            related = sub is not None and _related(o, sub, expected)
            scattered = targets.reworded(i, _expected(o, tgt), near=False)
            if scattered is not None:
                severity = Severity.WARNING
                msg += f"; the target has the words of '{scattered[0].text}' apart (reworded?)"
            elif part is not None:
                severity = Severity.WARNING
                msg += f"; the target renders its part '{part}'"
            elif related:
                severity = Severity.WARNING
                msg += "; the target has a related term"
            elif _general(o):
                severity = Severity.WARNING
                msg += " (a general word, whose rendering depends on the sentence)"
            if sub is not None:
                msg += f"; the target has '{sub.text}' ({sub.concept.id})"
            out.append(
                Finding(
                    seg.id,
                    "term-missing",
                    severity,
                    msg,
                    source_term=o.text,
                    expected=expected,
                    found=sub.text if sub is not None else None,
                    source_span=(o.start, o.end),
                    target_span=(sub.start, sub.end) if sub is not None else None,
                    hash=seg.hash,
                )
            )
        return out

    def _rendered_part(self, o: TermOccurrence, targets: _TargetIndex, i: int) -> str | None:
        """A shorter term inside the missing one that the target renders ("States
        parties" in "requested States parties", which may be a verb and its object)."""
        lang = o.term.lang
        text = o.text
        if lang is Lang.EN:
            words = text.split()
            parts = [" ".join(words[1:]), " ".join(words[:-1])] if len(words) > 1 else []
        else:
            parts = [text[1:], text[:-1]] if len(text) > 2 else []
        for part in parts:
            if part not in self._parts:
                self._parts[part] = self.matcher.find_raw(part)
            for p in self._parts[part]:
                if (
                    p.term.lang is lang
                    and len(p.text) < len(text)
                    and not _general(p)
                    and targets.rendering(i, _expected(p, self.direction.target)) is not None
                ):
                    return p.text
        return None

    def _substitutes(
        self,
        seg: LintSegment,
        missing: list[TermOccurrence],
        all_occs: list[TermOccurrence],
        target_occs: list[TermOccurrence],
    ) -> dict[int, TermOccurrence]:
        """The target's terms that may stand for the missing ones: terms of concepts the
        source does not name, paired with the missing terms by relative position."""
        named = {c.concept.id for o in all_occs for c in _cands(o)}
        extra = [o for o in target_occs if not {c.concept.id for c in _cands(o)} & named]
        out: dict[int, TermOccurrence] = {}
        n_src, n_tgt = max(1, len(seg.source)), max(1, len(seg.target))
        for o in missing:
            if not extra:
                break
            at = o.start / n_src
            best = min(extra, key=lambda e: abs(e.start / n_tgt - at))
            out[id(o)] = best
            extra.remove(best)
        return out

    # -- term-forbidden ----------------------------------------------------------------

    def _forbidden_keys(self) -> list[tuple[str, str]]:
        """(key, text) of the target language's deprecated and superseded terms that are
        not an approved term of any concept."""
        if self._forbidden is None:
            tgt = self.direction.target
            bad: dict[str, str] = {}
            good: set[str] = set()
            for row in SqliteTermStore(self.db).all_terms():
                if row.lang is not tgt or not row.key:
                    continue
                if row.status in _FORBIDDEN:
                    bad.setdefault(row.key, row.text)
                else:
                    good.add(row.key)
            self._forbidden = [(k, t) for k, t in bad.items() if k not in good]
        return self._forbidden

    def _forbidden_by_segment(
        self, segments: Sequence[LintSegment], targets: _TargetIndex
    ) -> dict[int, list[TermOccurrence]]:
        keys = self._forbidden_keys()
        maybe = {i for key, _ in keys for i in targets.segments_with(key)}
        out: dict[int, list[TermOccurrence]] = {}
        for i, occs in self._target_terms(segments, list(maybe)).items():
            hits = [o for o in occs if all(c.term.status in _FORBIDDEN for c in _cands(o))]
            if hits:
                out[i] = hits
        return out

    def _forbidden_finding(
        self, seg: LintSegment, o: TermOccurrence, source_occs: list[TermOccurrence]
    ) -> Finding:
        tgt = self.direction.target
        approved = tuple(t.text for t in o.concept.terms_in(tgt) if t.status in _APPROVED)
        src = next((s for s in source_occs if _same_concept(s, o)), None)
        # a superseded name was right until it changed: older documents keep it
        superseded = o.term.status is TermStatus.SUPERSEDED
        msg = f"'{o.text}' is {o.term.status.value} ({o.concept.id})"
        if superseded:
            msg += " (right in a document older than the change)"
        if o.term.note:
            msg += f": {o.term.note}"
        elif approved:
            msg += f"; use {_or(approved[:3])}"
        return Finding(
            seg.id,
            "term-forbidden",
            Severity.WARNING if superseded else Severity.ERROR,
            msg,
            source_term=src.text if src is not None else None,
            expected=approved[:4],
            found=o.text,
            source_span=(src.start, src.end) if src is not None else None,
            target_span=(o.start, o.end),
            hash=seg.hash,
        )


# --- term-inconsistent ----------------------------------------------------------------------


def _inconsistent(
    segments: Sequence[LintSegment], renderings: dict[tuple[str, str], list[_Rendering]]
) -> list[Finding]:
    """Renderings of one source term that differ from its usual one in more than
    wording: not a short form, acronym or abbreviation of it, not inside it or around
    it, not the same words inflected or derived (prevention / preventing)."""
    out = []
    for (concept_id, _key), found in renderings.items():
        counts = Counter(r.target_key for r in found)
        if len(counts) < 2:
            continue
        usual_key, usual_n = counts.most_common(1)[0]
        usual = next(r for r in found if r.target_key == usual_key)
        usual_ids = list(
            dict.fromkeys(segments[r.segment].id for r in found if r.target_key == usual_key)
        )
        for r in found:
            if r.target_key == usual_key or _same_rendering(usual, r):
                continue
            seg = segments[r.segment]
            shown = ", ".join(usual_ids[:5]) + (" ..." if len(usual_ids) > 5 else "")
            out.append(
                Finding(
                    seg.id,
                    "term-inconsistent",
                    Severity.WARNING,
                    f"'{r.source}' ({concept_id}) is rendered '{r.target.text}' here but "
                    f"'{usual.target.text}' in {usual_n} other place{'s' if usual_n > 1 else ''} "
                    f"({shown})",
                    source_term=r.source,
                    expected=(usual.target.text,),
                    found=r.target.text,
                    hash=seg.hash,
                )
            )
    return out


_SHORT_TYPES = frozenset({TermType.ACRONYM, TermType.ABBREVIATION, TermType.SHORT_FORM})


def _same_rendering(a: _Rendering, b: _Rendering) -> bool:
    if a.target.type in _SHORT_TYPES or b.target.type in _SHORT_TYPES:
        return True
    ka, kb = a.target_key, b.target_key
    if ka in kb or kb in ka:
        return True
    return _signature(ka, a.target.lang) == _signature(kb, b.target.lang)


def _signature(key: str, lang: Lang) -> frozenset[str]:
    """What two wordings of one term share: English content words cut to five letters
    (prevention, preventing -> preve), Chinese without its joining characters."""
    if lang is Lang.ZH:
        return frozenset({_ZH_JOINERS.sub("", key)})
    return frozenset(w[:5] for w in key.split(" ") if w not in _FUNCTION_WORDS)


# --- helpers --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _matcher_of(db_id: int, db: Database) -> TermMatcher:
    return TermMatcher(SqliteTermStore(db))


def _matcher(db: Database) -> TermMatcher:
    """One matcher per database per process (the matcher remembers what it loaded)."""
    return _matcher_of(id(db), db)


def _heads(
    rendered: set[str], occs: Sequence[Sequence[TermOccurrence]], lang: Lang
) -> frozenset[str]:
    """First words of the names of the concepts the file renders in full: what "the
    Conference" can stand for in this file."""
    concepts = {c.concept.id: c.concept for os_ in occs for o in os_ for c in _cands(o)}
    out: set[str] = set()
    for cid in rendered:
        concept = concepts.get(cid)
        if concept is not None and lang is Lang.EN:
            for t in _approved(concept, lang):
                out.update(_en_heads(t.text))
    return frozenset(out)


#: Subjects whose one-word terms are the general vocabulary of UN documents.
_GENERAL_SUBJECTS = frozenset({"meetings", "procedure", "documents", "general"})


def _general(o: TermOccurrence) -> bool:
    """A general word rather than a name or a fixed phrase: an English term of one
    lower-case word (session, mandate, stakeholders), or of one word of the meeting,
    procedure and document vocabulary (Annotations, Plenary); a Chinese one of two
    characters whose English is such a word (核准, 主持, 会议, 说明); any adjective,
    verb or adverb."""
    term = o.term
    if term.pos in (PartOfSpeech.ADJECTIVE, PartOfSpeech.VERB, PartOfSpeech.ADVERB):
        return True  # rendered by the target's grammar (反腐败: anti-corruption, against ...)
    if term.type is not TermType.FULL_FORM and term.type is not TermType.VARIANT:
        return False
    english = [t.text for t in o.concept.terms_in(Lang.EN) if t.status in _APPROVED]
    if term.lang is Lang.EN:
        word = term.text
    elif len(term_key(term.text, Lang.ZH)) <= 2 and english:
        word = english[0]
    else:
        return False
    return " " not in word and (word.islower() or o.concept.subject in _GENERAL_SUBJECTS)


def _related(o: TermOccurrence, sub: TermOccurrence, expected: Sequence[str]) -> bool:
    """Whether the target's term ``sub`` is part of an expected term ("list of speakers"
    in "inscription on the list of speakers"), or names a concept whose terms in the
    source language contain the source term or are contained in it."""
    lang = sub.term.lang
    sk = term_key(sub.text, lang)
    if any(sk and sk in term_key(e, lang) for e in expected):
        return True
    src = o.term.lang
    ok = term_key(o.text, src)
    for t in sub.concept.terms_in(src):
        k = term_key(t.text, src)
        if k and ok and (ok in k or k in ok):
            return True
    return False


def _acronym_case(found: str, term: str) -> bool:
    """An acronym as written (WHO), or in capitals (Cosp is not COSP)."""
    return found == term or found.isupper()


def _cands(o: TermOccurrence) -> tuple[TermCandidate, ...]:
    return o.candidates or (TermCandidate(o.concept, o.term, o.equivalents),)


def _expected(o: TermOccurrence, lang: Lang) -> list[Term]:
    """Approved target terms of every candidate of ``o``, the best candidate's first."""
    out: list[Term] = []
    for c in o.candidates or ():
        out += [t for t in c.equivalents if t.lang is lang and t.status in _APPROVED]
    if not o.candidates:
        out = [t for t in o.equivalents if t.lang is lang and t.status in _APPROVED]
    return list(dict.fromkeys(out))


def _same_concept(a: TermOccurrence, b: TermOccurrence) -> bool:
    ids = {c.concept.id for c in a.candidates} | {a.concept.id}
    return bool(ids & ({c.concept.id for c in b.candidates} | {b.concept.id}))


def _or(items: Sequence[str]) -> str:
    quoted = [f"'{i}'" for i in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


__all__ = ["SEPARATOR", "TermChecker", "TextView", "check_termbase"]
