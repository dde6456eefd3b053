"""Writing proposed term pairs: JSON, the TSV review sheet, TBX with status "proposed".

TBX-Basic has no "proposed" administrative status (its picklist is preferred,
admitted, deprecated, superseded), and an invented value would not validate. A proposal
is therefore written as what it honestly is in TBX-Basic terms: its terms
``admittedTerm-admn-sts`` (usable, not preferred), a concept note in words for
translators ("Proposed by untm align terms ...; not reviewed: check before use"), the
document as the concept's source, the aligned sentences as the terms' contexts, an
origination date, and the processing instruction ``<?untm-proposal new?>`` (or
``confirmed``/``conflict``), which validators and CAT tools skip and ``untm termbase
import`` reads to treat the file as a reviewed proposal (see
:mod:`untm.termbase.review`: entries a reviewer deprecates are rejected).
"""

from __future__ import annotations

import csv
import io
import os
import time
from collections.abc import Sequence
from typing import Any

from untm._io import atomic_binary
from untm.termbase.model import Concept, Evidence, Term, TermStatus
from untm.termbase.review import NOT_REVIEWED, PROPOSAL_PI, SHEET_COLUMNS, proposal_id
from untm.text.lang import Lang

from .terms import Extraction, TermPair

__all__ = ["json_payload", "tbx_bytes", "tsv_text", "write_bytes"]


def pair_json(p: TermPair) -> dict[str, Any]:
    """One pair in the issue's shape, with the termbase's English for a conflict."""
    out: dict[str, Any] = {
        "zh": p.zh,
        "en": p.en,
        "score": p.score,
        "freq": p.freq,
        "examples": list(p.examples),
        "status": p.status,
    }
    if p.status != "new":
        out["termbase"] = {"concept_id": p.concept_id, "en": list(p.termbase)}
    return out


def json_payload(result: Extraction, limit: int | None = None) -> dict[str, Any]:
    pairs = result.pairs[:limit] if limit else result.pairs
    return {"pairs": [pair_json(p) for p in pairs]}


def tsv_text(result: Extraction, limit: int | None = None) -> str:
    """The review sheet: one proposal a row, ``decision`` for the reviewer to fill
    (accept, reject, edit with zh_edit / en_edit)."""
    pairs = result.pairs[:limit] if limit else result.pairs
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel-tab", lineterminator="\n")
    writer.writerow(SHEET_COLUMNS)
    for p in pairs:
        row = {
            "id": proposal_id(p.zh, p.en),
            "decision": "",
            "zh": p.zh,
            "en": p.en,
            "zh_edit": "",
            "en_edit": "",
            "score": f"{p.score:.3f}",
            "freq": str(p.freq),
            "status": p.status,
            "termbase": "; ".join(p.termbase),
            "source": p.source,
            "examples": " ".join(p.examples),
            "zh_context": _one_line(p.zh_context),
            "en_context": _one_line(p.en_context),
        }
        writer.writerow([row[c] for c in SHEET_COLUMNS])
    return out.getvalue()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def proposal_concepts(pairs: Sequence[TermPair]) -> list[Concept]:
    today = time.strftime("%Y-%m-%d")
    out = []
    for p in pairs:
        where = f" in {p.source}" if p.source else ""
        status = {"confirmed": "the termbase has it", "conflict": "the termbase has other English"}
        extra = f"; {status[p.status]}" if p.status in status else ""
        if p.status == "conflict" and p.termbase:
            extra += f" ({'; '.join(p.termbase)})"
        note = (
            f"Proposed by untm align terms (score {p.score:.3f}, found in {p.freq} aligned "
            f"sentences{where}, e.g. {', '.join(p.examples)}){extra}; {NOT_REVIEWED}."
        )
        out.append(
            Concept(
                id=proposal_id(p.zh, p.en),
                terms=(
                    Term(p.zh, Lang.ZH, TermStatus.ADMITTED, context=_one_line(p.zh_context)),
                    Term(p.en, Lang.EN, TermStatus.ADMITTED, context=_one_line(p.en_context)),
                ),
                note=note,
                source=p.source,
                created=today,
                evidence=Evidence.UN_DOCUMENT if p.source else None,
                attested=p.source,
            )
        )
    return out


def tbx_bytes(result: Extraction, limit: int | None = None) -> bytes:
    """TBX v3 (TBX-Basic, DCA) of the proposals; see the module docstring."""
    from lxml import etree

    from untm.termbase.formats import tbx3

    pairs = list(result.pairs[:limit] if limit else result.pairs)
    if not pairs:
        from untm.errors import UsageError

        raise UsageError("no term pairs to write")
    data, _count = tbx3.write(proposal_concepts(pairs), "untm align terms: proposed term pairs")
    root = etree.fromstring(data)
    ns = tbx3.NAMESPACE
    status = {proposal_id(p.zh, p.en): p.status for p in pairs}
    for entry in root.iter(f"{{{ns}}}conceptEntry"):
        pi = etree.ProcessingInstruction(PROPOSAL_PI, status.get(entry.get("id", ""), "new"))
        entry.insert(0, pi)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    with atomic_binary(target) as fh:
        fh.write(data)
