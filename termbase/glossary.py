"""The shipped UN glossary: one reviewable TOML source, loaded into the termbase on first use.

The source is ``glossaries/un-zh-en.toml`` (package ``untm.glossaries``). Each concept is
one ``[[concept]]`` table::

    [[concept]]
    id = "cosp"                         # unique, lower-case ASCII kebab-case
    subject = "UNCAC"                   # one of SUBJECTS
    source = "CAC/COSP/2017/1"          # document symbol or instrument where attested
    evidence = "un-document"            # un-document | un-terminology | project
    attested = "A/RES/58/4"             # where the English is attested (not for project)
    definition = "..."                  # optional, English
    note = "..."                        # optional
    zh = [{ term = "缔约国会议", type = "shortForm" }]
    en = [{ term = "Conference of the States Parties", type = "shortForm" }]

Term keys: ``term`` (required), ``type`` (fullForm, acronym, abbreviation, shortForm,
variant, phrase; default fullForm), ``status`` (preferred, admitted, deprecated,
superseded; default preferred), ``pos`` (default noun), ``note``, ``context``,
``source``, ``geo`` (geographical usage) and ``exclude`` (longer words inside which the
term must not be matched in running text).

TBX files are generated from this source (``untm termbase export``), never edited by hand.

A database that has the glossary is brought up to date when untm's glossary changes
(:func:`sync_shipped`): ``tb_glossary`` records the digest of each shipped concept as
it was last written, so a concept the user has not touched can be replaced by its new
version, and one the user changed (merged terms into it, edited, deleted) is not lost.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from untm.db import Database
from untm.errors import FormatError
from untm.text.lang import Lang
from untm.text.normalize import term_key

from .model import (
    Concept,
    Definition,
    DeleteReport,
    Evidence,
    PartOfSpeech,
    Term,
    TermStatus,
    TermType,
)

if TYPE_CHECKING:
    from .store import SqliteTermStore

GLOSSARY_FILE = "un-zh-en.toml"
GLOSSARY_ORIGIN = "untm UN glossary"

#: Subject fields used by the shipped glossary.
SUBJECTS = (
    "UN system",
    "UNCAC",
    "anti-corruption",
    "international cooperation",
    "asset recovery",
    "crime prevention and criminal justice",
    "meetings",
    "procedure",
    "documents",
    "States and groups",
    "general",
)

_CONCEPT_KEYS = {
    "id",
    "subject",
    "source",
    "evidence",
    "attested",
    "definition",
    "note",
    "zh",
    "en",
}
_TERM_KEYS = {"term", "type", "status", "pos", "note", "context", "source", "geo", "exclude"}


def glossary_path() -> Path:
    """Path of the shipped TOML source inside the installed package."""
    return Path(str(resources.files("untm.glossaries").joinpath(GLOSSARY_FILE)))


def load_shipped() -> list[Concept]:
    """The shipped glossary as concepts."""
    return load_toml(glossary_path())


def load_toml(path: Path) -> list[Concept]:
    """Parse a glossary TOML file; errors name the file and the concept."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise FormatError(path, f"not valid TOML: {exc}") from None
    except FileNotFoundError:
        raise FormatError(path, "glossary source not found") from None
    entries = data.get("concept", [])
    if not isinstance(entries, list):
        raise FormatError(path, "expected [[concept]] tables")
    return [_concept(path, entry) for entry in entries]


def _concept(path: Path, entry: Mapping[str, Any]) -> Concept:
    cid = str(entry.get("id", "")).strip()
    where = f"concept {cid or '(no id)'}"
    unknown = set(entry) - _CONCEPT_KEYS
    if unknown:
        raise FormatError(path, f"{where}: unknown keys {sorted(unknown)}")
    terms: list[Term] = []
    for lang in (Lang.ZH, Lang.EN):
        for raw in entry.get(lang.value, []):
            terms.append(_term(path, where, lang, raw))
    definition = str(entry.get("definition", "")).strip()
    evidence = entry.get("evidence")
    try:
        kind = Evidence(evidence) if evidence is not None else None
    except ValueError:
        raise FormatError(path, f"{where}: unknown evidence {evidence!r}") from None
    return Concept(
        id=cid,
        terms=tuple(terms),
        subject=str(entry.get("subject", "")).strip(),
        definitions=(Definition(definition),) if definition else (),
        note=str(entry.get("note", "")).strip(),
        source=str(entry.get("source", "")).strip(),
        evidence=kind,
        attested=str(entry.get("attested", "")).strip(),
    )


def _term(path: Path, where: str, lang: Lang, raw: Any) -> Term:
    if isinstance(raw, str):
        raw = {"term": raw}
    if not isinstance(raw, dict) or "term" not in raw:
        raise FormatError(path, f"{where}: each {lang.value} entry needs a 'term'")
    unknown = set(raw) - _TERM_KEYS
    if unknown:
        raise FormatError(path, f"{where}: unknown term keys {sorted(unknown)}")
    try:
        return Term(
            text=" ".join(str(raw["term"]).split()),
            lang=lang,
            status=TermStatus(raw.get("status", "preferred")),
            type=TermType(raw.get("type", "fullForm")),
            pos=PartOfSpeech(raw.get("pos", "noun")),
            note=str(raw.get("note", "")).strip(),
            context=str(raw.get("context", "")).strip(),
            source=str(raw.get("source", "")).strip(),
            geo_usage=str(raw.get("geo", "")).strip(),
            exclude=tuple(str(x) for x in raw.get("exclude", [])),
        )
    except ValueError as exc:
        raise FormatError(path, f"{where}: {exc}") from None


def check_integrity(concepts: Sequence[Concept]) -> list[str]:
    """Problems that make a glossary unfit to ship; an empty list means it is sound.

    Unique concept ids, both languages present, a preferred term in each, known subjects,
    a source on every concept, the evidence of its English (and, unless it is a project
    translation, where the English is attested), exclusions that contain their term, no
    duplicate term in one concept, and no term (by normalized key) claimed by two
    concepts unless both concepts carry a note that says why.
    """
    problems: list[str] = []
    seen: set[str] = set()
    claims: dict[tuple[Lang, str], list[Concept]] = defaultdict(list)
    for c in concepts:
        problems.extend(_concept_problems(c, seen))
        seen.add(c.id)
        texts_here: set[tuple[Lang, str]] = set()
        keys_here: set[tuple[Lang, str]] = set()
        for t in c.terms:
            if (t.lang, t.text) in texts_here:
                problems.append(f"{c.id}: term {t.text!r} listed twice")
            texts_here.add((t.lang, t.text))
            k = (t.lang, term_key(t.text, t.lang))
            if k not in keys_here:
                claims[k].append(c)
            keys_here.add(k)
    for (lang, key), owners in claims.items():
        if len(owners) > 1:
            unexplained = [o.id for o in owners if not o.note and not _term_note(o, lang, key)]
            if unexplained:
                ids = ", ".join(o.id for o in owners)
                problems.append(f"{lang.value} term {key!r} is claimed by {ids} without a note")
    return problems


def _concept_problems(c: Concept, seen: set[str]) -> Iterable[str]:
    if not c.id or not c.id.replace("-", "").isalnum() or c.id != c.id.lower():
        yield f"{c.id!r}: id must be lower-case ASCII letters, digits and hyphens"
    if c.id in seen:
        yield f"{c.id}: duplicate concept id"
    if c.subject not in SUBJECTS:
        yield f"{c.id}: unknown subject {c.subject!r}"
    if not c.source:
        yield f"{c.id}: no source"
    if c.evidence is None:
        kinds = ", ".join(e.value for e in Evidence)
        yield f"{c.id}: no evidence (how the English is attested: {kinds})"
    elif c.evidence is not Evidence.PROJECT and not c.attested:
        yield f"{c.id}: evidence {c.evidence.value} without 'attested' (where the English is)"
    for lang in (Lang.ZH, Lang.EN):
        terms = c.terms_in(lang)
        if not terms:
            yield f"{c.id}: no {lang.value} term"
        elif not any(t.status is TermStatus.PREFERRED for t in terms):
            yield f"{c.id}: no preferred {lang.value} term"
    for t in c.terms:
        if not t.text.strip():
            yield f"{c.id}: empty {t.lang.value} term"
        for ex in t.exclude:
            if t.text not in ex:
                yield f"{c.id}: exclusion {ex!r} does not contain the term {t.text!r}"


def _term_note(c: Concept, lang: Lang, key: str) -> str:
    for t in c.terms:
        if t.lang is lang and term_key(t.text, lang) == key and t.note:
            return t.note
    return ""


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What bringing the shipped glossary up to date did, by concept id."""

    #: new shipped concepts, inserted
    added: tuple[str, ...] = ()
    #: concepts the user had not touched, replaced by their new shipped version
    updated: tuple[str, ...] = ()
    #: concepts the user had not touched, dropped from the glossary and deleted
    removed: tuple[str, ...] = ()
    #: concepts the user changed: the new shipped version merged in (user terms kept),
    #: or left as the user left them (deleted, or kept though the glossary dropped them)
    kept_edited: tuple[str, ...] = ()
    #: shipped concepts whose shipped version did not change
    unchanged: int = 0

    def __str__(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} "
            f"removed, {len(self.kept_edited)} kept as edited, {self.unchanged} unchanged"
        )


@dataclass
class _Plan:
    """The writes of one sync, worked out before any is made."""

    put: list[tuple[Concept, str]]
    delete: list[str]
    record: dict[str, str]  # concept id -> digest of the shipped version written
    forget: list[str]  # records of concepts that are no longer shipped
    added: list[str]
    updated: list[str]
    removed: list[str]
    kept: list[str]
    unchanged: int = 0

    @classmethod
    def empty(cls) -> _Plan:
        return cls([], [], {}, [], [], [], [], [])


def sync_shipped(db: Database) -> SyncReport:
    """Bring the shipped glossary in ``db`` up to date with this untm's glossary.

    For each shipped concept, ``tb_glossary`` holds the digest of the version last
    written. A stored concept whose content still has that digest was not touched by
    the user: it is replaced by the new shipped version, or deleted if the glossary
    dropped it. A concept the user changed gets the new shipped version merged into it
    (:func:`~.store.merge_concepts`: the user's terms are kept) and is never deleted; one
    the user deleted stays deleted. A new shipped concept is inserted, or merged into
    the user's concept with that id or a Chinese-English term pair in common. Concepts
    of a file made before ``tb_glossary`` existed have no digest: they are treated as
    changed (merged, kept). One transaction; the summary is recorded in ``untm_meta``
    (``glossary_sync``), which ``untm info`` shows.
    """
    from .store import SqliteTermStore

    store = SqliteTermStore(db)
    shipped = {c.id: c for c in load_shipped()}
    with db.transaction():
        records = {str(k): str(v) for k, v in db.conn.execute("SELECT * FROM tb_glossary")}
        plan = _Plan.empty()
        _plan_recorded(store, shipped, records, plan)
        _plan_new(store, shipped, records, plan)
        store.delete_concepts(plan.delete)
        store.put(plan.put)
        db.conn.executemany(
            "DELETE FROM tb_glossary WHERE concept_id = ?", [(i,) for i in plan.forget]
        )
        db.conn.executemany(
            "INSERT OR REPLACE INTO tb_glossary(concept_id, digest) VALUES (?, ?)",
            plan.record.items(),
        )
        report = SyncReport(
            added=tuple(sorted(plan.added)),
            updated=tuple(sorted(plan.updated)),
            removed=tuple(sorted(plan.removed)),
            kept_edited=tuple(sorted(plan.kept)),
            unchanged=plan.unchanged,
        )
        db.set_meta("glossary_sync", str(report))
    return report


def _plan_recorded(
    store: SqliteTermStore, shipped: dict[str, Concept], records: dict[str, str], plan: _Plan
) -> None:
    """Concepts written from an earlier shipped glossary (they have a record)."""
    from .store import concept_digest, merge_concepts

    stored = {c.id: c for c in store.concepts(list(records))}
    for cid, digest in records.items():
        new, current = shipped.get(cid), stored.get(cid)
        untouched = current is not None and concept_digest(current) == digest
        if new is None:  # no longer shipped: the user's from now on, if they changed it
            plan.forget.append(cid)
            if untouched:
                plan.delete.append(cid)
                plan.removed.append(cid)
            elif current is not None:
                plan.kept.append(cid)
            continue
        new_digest = concept_digest(new)
        if new_digest == digest:  # the shipped version did not change
            plan.unchanged += 1
            continue
        plan.record[cid] = new_digest
        if current is None:  # deleted by the user
            plan.kept.append(cid)
        elif untouched:
            plan.put.append((new, store.origin_of(cid) or GLOSSARY_ORIGIN))
            plan.updated.append(cid)
        else:
            plan.put.append((merge_concepts(current, new), store.origin_of(cid) or GLOSSARY_ORIGIN))
            plan.kept.append(cid)


def _plan_new(
    store: SqliteTermStore, shipped: dict[str, Concept], records: dict[str, str], plan: _Plan
) -> None:
    """Shipped concepts without a record: new ones, or ones of a file made before
    records were kept."""
    from .store import concept_digest, merge_concepts

    ours = set(shipped) | set(records)
    for cid, new in shipped.items():
        if cid in records:
            continue
        existing = store.find_existing(new)
        if existing is not None and existing.id != cid and existing.id in ours:
            existing = None  # another shipped concept: both are kept apart
        if existing is None:
            plan.put.append((new, GLOSSARY_ORIGIN))
            plan.record[cid] = concept_digest(new)
            plan.added.append(cid)
            continue
        merged = merge_concepts(existing, new)
        if existing.id == cid:  # the user's (or an older untm's) concept of that id
            plan.record[cid] = concept_digest(new)
        if concept_digest(merged) == concept_digest(existing):
            plan.unchanged += 1
            continue
        plan.put.append((merged, store.origin_of(existing.id) or GLOSSARY_ORIGIN))
        plan.kept.append(existing.id)
    legacy = [i for i in store.ids_of_origin(GLOSSARY_ORIGIN) if i not in ours]
    plan.kept.extend(legacy)  # shipped by an older untm, dropped since: kept, unknown edits


def delete_shipped(db: Database) -> DeleteReport:
    """Take the shipped glossary out of ``db`` for good: the concepts the user has not
    touched are deleted, the ones they changed are kept (and are theirs from now on),
    and the glossary is not brought back or updated again. A concept without a record
    (a file of an untm that kept none) is untouched if it equals this untm's version."""
    from .store import SqliteTermStore, concept_digest

    store = SqliteTermStore(db)
    with db.transaction():
        records = {str(k): str(v) for k, v in db.conn.execute("SELECT * FROM tb_glossary")}
        mine = store.concepts(store.ids_of_origin(GLOSSARY_ORIGIN))
        if any(c.id not in records for c in mine):  # a file of an untm that kept no records
            shipped = {c.id: concept_digest(c) for c in load_shipped()}
            records = shipped | records
        untouched = [c.id for c in mine if records.get(c.id) == concept_digest(c)]
        report = store.delete_concepts(untouched)
        db.conn.execute("DELETE FROM tb_glossary")
        db.set_meta("glossary_loaded", "no")
    kept = tuple(sorted(c.id for c in mine if c.id not in set(untouched)))
    return DeleteReport(report.deleted, report.terms, kept)
