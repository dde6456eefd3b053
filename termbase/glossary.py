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
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from untm.db import Database
from untm.errors import FormatError
from untm.text.lang import Lang
from untm.text.normalize import term_key

from .model import (
    Concept,
    Definition,
    Evidence,
    ImportReport,
    PartOfSpeech,
    Term,
    TermStatus,
    TermType,
)

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
    a source on every concept, exclusions that contain their term, no duplicate term in
    one concept, and no term (by normalized key) claimed by two concepts unless both
    concepts carry a note that says why.
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


def sync_shipped(db: Database) -> ImportReport:
    """Bring the shipped glossary in ``db`` up to date with this untm's glossary."""
    from .store import SqliteTermStore

    return SqliteTermStore(db).import_concepts(load_shipped(), origin=GLOSSARY_ORIGIN)
