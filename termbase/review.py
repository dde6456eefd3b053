"""The review loop: proposed term pairs, reviewed, back into the termbase.

``untm align terms`` proposes pairs as a TSV review sheet or a TBX file; a reviewer
decides per pair, and ``untm termbase import`` takes the result:

* **Review sheet** (TSV with a ``decision`` column). Columns, in any order:
  ``id`` (the proposal, :func:`proposal_id` of its zh and en: not to be edited),
  ``decision`` (``accept``, ``reject``, ``edit``, or empty: not decided yet, left for
  later), ``zh`` and ``en`` (the proposed pair, as proposed), ``zh_edit`` and
  ``en_edit`` (the corrected pair, for ``edit``: an empty cell keeps the proposed
  side), and, written by untm for the reviewer and read back as the concept's
  evidence, ``score``, ``freq``, ``status``, ``termbase``, ``source`` (the
  document), ``examples`` (bead ids), ``zh_context`` and ``en_context`` (an aligned
  sentence with the pair). Any other column, an id that does not belong to its
  pair, an unknown decision or edit cells on a row that is not ``edit`` is an error
  naming the line, and nothing changes.
* **Proposed TBX** (a TBX whose entries carry ``<?untm-proposal?>``): every entry is
  accepted as it stands (edited in a terminology tool, or not), except entries
  whose terms a reviewer set to ``deprecatedTerm-admn-sts``: those are rejected.

Accepted and edited pairs become concepts: the zh and en terms (preferred), each with
its aligned sentence as its context, the document as source, and the English marked
as attested in that UN document (the aligned English is the UN's translation). A
rejected pair is remembered in ``tb_rejected`` (by its term keys), and ``untm align
terms`` does not propose it again.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from untm.db import Database
from untm.errors import FormatError
from untm.text.lang import Lang
from untm.text.normalize import term_key

from .model import Concept, Evidence, ImportReport, Term, TermStatus

__all__ = [
    "SHEET_COLUMNS",
    "ReviewRow",
    "ensure_schema",
    "import_review",
    "is_proposal_tbx",
    "is_review_sheet",
    "proposal_id",
    "rejected_keys",
]

#: The columns of a review sheet, in the order untm writes them.
SHEET_COLUMNS = (
    "id",
    "decision",
    "zh",
    "en",
    "zh_edit",
    "en_edit",
    "score",
    "freq",
    "status",
    "termbase",
    "source",
    "examples",
    "zh_context",
    "en_context",
)
_REQUIRED = ("id", "decision", "zh", "en")
DECISIONS = ("accept", "reject", "edit")
#: The processing instruction that marks an entry of a proposed TBX.
PROPOSAL_PI = "untm-proposal"


def proposal_id(zh: str, en: str) -> str:
    """The id of a proposed pair: ``prop-`` and a hash of its term keys, so that the
    same pair has the same id in every run and an edited pair no longer matches it."""
    key = f"{term_key(zh, Lang.ZH)}|{term_key(en, Lang.EN)}".encode()
    return "prop-" + hashlib.sha1(key, usedforsecurity=False).hexdigest()[:12]


def ensure_schema(db: Database) -> None:
    """``tb_rejected``: the pairs a review rejected, by their term keys."""
    db.conn.execute(
        "CREATE TABLE IF NOT EXISTS tb_rejected (zh_key TEXT NOT NULL, en_key TEXT NOT NULL, "
        "zh TEXT NOT NULL, en TEXT NOT NULL, origin TEXT, rejected TEXT, "
        "PRIMARY KEY (zh_key, en_key))"
    )


def rejected_keys(db: Database) -> set[tuple[str, str]]:
    """(zh key, en key) of every rejected pair."""
    ensure_schema(db)
    return {(str(z), str(e)) for z, e in db.conn.execute("SELECT zh_key, en_key FROM tb_rejected")}


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One decided row of a review sheet."""

    line: int
    id: str
    decision: str
    zh: str
    en: str
    source: str = ""
    score: str = ""
    freq: str = ""
    examples: str = ""
    zh_context: str = ""
    en_context: str = ""


def is_review_sheet(text: str) -> bool:
    """Whether a decoded TSV is a review sheet: its header has a ``decision`` column."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return "decision" in (c.strip().lower() for c in first.rstrip("\r").split("\t"))


def is_proposal_tbx(data: bytes) -> bool:
    """Whether a TBX file holds proposals of ``untm align terms``."""
    return f"<?{PROPOSAL_PI}".encode() in data[: 1 << 20]


def read_sheet(text: str, source: str | os.PathLike[str]) -> tuple[list[ReviewRow], int]:
    """The decided rows of a review sheet, and how many rows were left undecided."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), dialect="excel-tab")
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise FormatError(source, f"not valid TSV: {exc}") from None
    if not rows:
        raise FormatError(source, "the file is empty")
    header = [c.strip().lower() for c in rows[0]]
    unknown = [c for c in header if c not in SHEET_COLUMNS]
    if unknown:
        raise FormatError(
            source,
            f"unknown column {unknown[0]!r} in a review sheet (its columns are "
            f"{', '.join(SHEET_COLUMNS)})",
            line=1,
        )
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise FormatError(source, f"a review sheet needs the column {missing[0]!r}", line=1)
    if len(set(header)) != len(header):
        raise FormatError(source, "a column is named twice", line=1)
    col = {name: i for i, name in enumerate(header)}
    out: list[ReviewRow] = []
    undecided = 0
    for line, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            i = col.get(name)
            return " ".join(cells[i].split()) if i is not None and i < len(cells) else ""

        zh, en, pid = cell("zh"), cell("en"), cell("id")
        if not zh or not en:
            raise FormatError(source, "a row without its zh or en term", line=line)
        if pid != proposal_id(zh, en):
            raise FormatError(
                source,
                f"id {pid!r} is not the id of {zh} / {en}: ids, zh and en are the proposal "
                "as written; put corrections in zh_edit and en_edit with decision edit",
                line=line,
            )
        decision = cell("decision").lower()
        edits = cell("zh_edit"), cell("en_edit")
        if not decision:
            undecided += 1
            continue
        if decision not in DECISIONS:
            raise FormatError(
                source,
                f"decision {decision!r} is not one of {', '.join(DECISIONS)} (or empty)",
                line=line,
            )
        if decision == "edit":
            if not any(edits):
                raise FormatError(source, "decision edit without zh_edit or en_edit", line=line)
            zh, en = edits[0] or zh, edits[1] or en
        elif any(edits):
            raise FormatError(
                source,
                f"zh_edit or en_edit filled on a row whose decision is {decision}",
                line=line,
            )
        out.append(
            ReviewRow(
                line,
                pid,
                decision,
                zh,
                en,
                cell("source"),
                cell("score"),
                cell("freq"),
                cell("examples"),
                cell("zh_context"),
                cell("en_context"),
            )
        )
    return out, undecided


def concept_of(row: ReviewRow) -> Concept:
    """The concept an accepted or edited row becomes."""
    what = "accepted" if row.decision == "accept" else "accepted with corrections"
    facts = [f"score {row.score}" if row.score else "", f"{row.freq} beads" if row.freq else ""]
    facts.append(f"beads {row.examples}" if row.examples else "")
    detail = "; ".join(f for f in facts if f)
    note = f"Proposed by untm align terms and {what} in review" + (
        f" ({detail})." if detail else "."
    )
    return Concept(
        id=row.id,
        terms=(
            Term(row.zh, Lang.ZH, TermStatus.PREFERRED, context=row.zh_context),
            Term(row.en, Lang.EN, TermStatus.PREFERRED, context=row.en_context),
        ),
        note=note,
        source=row.source,
        created=time.strftime("%Y-%m-%d"),
        evidence=Evidence.UN_DOCUMENT if row.source else None,
        attested=row.source,
    )


def import_review(
    db: Database,
    accepted: Sequence[Concept],
    rejected: Iterable[tuple[str, str]],
    *,
    origin: str,
    skipped: int = 0,
    warnings: Sequence[str] = (),
) -> ImportReport:
    """Accepted concepts into the termbase and rejected pairs into ``tb_rejected``, in
    one transaction."""
    from .store import SqliteTermStore

    ensure_schema(db)
    rejected = list(rejected)
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    with db.transaction():
        report = (
            SqliteTermStore(db).import_concepts(accepted, origin=origin)
            if accepted
            else ImportReport(source=origin)
        )
        db.conn.executemany(
            "INSERT OR REPLACE INTO tb_rejected(zh_key, en_key, zh, en, origin, rejected) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(term_key(z, Lang.ZH), term_key(e, Lang.EN), z, e, origin, now) for z, e in rejected],
        )
    notes = [*warnings]
    if rejected:
        notes.append(f"{len(rejected)} rejected pairs remembered (not proposed again)")
    if skipped:
        notes.append(f"{skipped} rows without a decision left for later")
    return replace(report, skipped=skipped, warnings=tuple(notes))


def sheet_file(db: Database, source: str | os.PathLike[str], text: str) -> ImportReport:
    """Import a decoded review sheet."""
    rows, undecided = read_sheet(text, source)
    origin = "<stdin>" if str(source) == "-" else Path(source).name
    accepted = [concept_of(r) for r in rows if r.decision != "reject"]
    rejected = [(r.zh, r.en) for r in rows if r.decision == "reject"]
    return import_review(db, accepted, rejected, origin=origin, skipped=undecided)


def proposal_concepts(
    concepts: Sequence[Concept],
) -> tuple[list[Concept], list[tuple[str, str]]]:
    """A proposed TBX's entries as (accepted concepts, rejected pairs): an entry with a
    deprecated term is rejected; the others lose the "not reviewed" of their note."""
    accepted: list[Concept] = []
    rejected: list[tuple[str, str]] = []
    for c in concepts:
        zh = c.terms_in(Lang.ZH)
        en = c.terms_in(Lang.EN)
        if any(t.status is TermStatus.DEPRECATED for t in c.terms):
            if zh and en:
                rejected.append((zh[-1].text, en[-1].text))
            continue
        note = c.note.replace(NOT_REVIEWED, "accepted in review")
        terms = tuple(
            replace(t, status=TermStatus.PREFERRED) if t.status is TermStatus.ADMITTED else t
            for t in c.terms
        )
        accepted.append(replace(c, note=note, terms=terms))
    return accepted, rejected


#: What the note of a proposed entry says until it is reviewed.
NOT_REVIEWED = "not reviewed: check before use"
