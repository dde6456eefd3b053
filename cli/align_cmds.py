"""``untm align sentences|docs``: Chinese and English documents to beads and memories.

The aligner (dictionary, parsing, numpy) is imported when an ``align`` command runs.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from untm.errors import UsageError

from .common import JsonOpt, UntmCommand, dim, emit_json, is_tty, plural, provenance, state, sub_app

if TYPE_CHECKING:
    from untm.align.api import DocumentAlignment
    from untm.align.output import AlignSummary

align_app = sub_app("Align Chinese and English documents: sentence beads, memories.")


class AlignFormat(StrEnum):
    BEADS = "beads"
    TSV = "tsv"
    TMX = "tmx"
    JSON = "json"
    HTML = "html"


def check_confidence(value: float) -> float:
    if not 0 <= value <= 1:
        raise typer.BadParameter("must be between 0 and 1")
    return value


PresegmentedOpt = Annotated[
    bool,
    typer.Option("--presegmented", help="Each file holds one sentence per line (no clean-up)."),
]
MinConfidenceOpt = Annotated[
    float,
    typer.Option(
        "--min-confidence",
        metavar="C",
        callback=check_confidence,
        help="Leave out beads less sure than this, from 0 to 1 (default 0.5).",
    ),
]
StrictOpt = Annotated[
    bool,
    typer.Option(
        "--strict", help="Exit 1 when the documents do not look like translations of each other."
    ),
]
NoTermbaseOpt = Annotated[
    bool, typer.Option("--no-termbase", help="Do not use the termbase's terms as evidence.")
]


@align_app.command("sentences", cls=UntmCommand)
def align_sentences(
    ctx: typer.Context,
    zh: Annotated[str, typer.Argument(metavar="ZH", help="The Chinese document.")],
    en: Annotated[str, typer.Argument(metavar="EN", help="The English document.")],
    fmt: Annotated[
        AlignFormat,
        typer.Option("--format", "-f", help="beads (Vecalign: [0, 1]:[0]), tsv, tmx, json, html."),
    ] = AlignFormat.BEADS,
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE", help="Write here (default: -).")
    ] = "-",
    presegmented: PresegmentedOpt = False,
    min_confidence: MinConfidenceOpt = 0.0,
    strict: StrictOpt = False,
    no_termbase: NoTermbaseOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Align the sentences of a Chinese document and its English version.

    Files are plain text (as extracted from PDFs), .docx or .pdf; both go through the
    same clean-up (page furniture, broken lines), structure detection (title block,
    agenda items, headings, paragraphs, footnotes, table rows) and segmentation. Beads
    join 0-3 sentences of each side, each with a confidence from 0 to 1.

    \b
    Examples:
      untm align sentences report-zh.txt report-en.pdf
      untm align sentences zh.txt en.txt --presegmented --format beads
      untm align sentences zh.docx en.docx -f html -o review.html
    """
    from untm.align import api
    from untm.align import output as out

    db = None if no_termbase else state(ctx).db()
    result = api.align_documents(zh, en, db=db, presegmented=presegmented)
    fmt = AlignFormat.JSON if as_json else fmt
    if fmt is AlignFormat.BEADS:
        out.write_text(output, out.beads_text(result))
    elif fmt is AlignFormat.TSV:
        out.write_text(output, out.tsv_text(result, min_confidence))
    elif fmt is AlignFormat.HTML:
        out.write_text(output, out.html_page(result, max(min_confidence, api.MIN_CONFIDENCE)))
    elif fmt is AlignFormat.JSON:
        out.write_json(output, out.json_payload(result) | {"untm": provenance(db)})
    else:
        _write_tmx([result], output, min_confidence, None)
    _finish([result], strict)


@align_app.command("docs", cls=UntmCommand)
def align_docs(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="ZH EN [ZH EN ...]",
            help="Pairs of documents, Chinese first; or two folders (Chinese, English) whose "
            "files are paired by document symbol or name.",
        ),
    ],
    tmx: Annotated[
        str | None, typer.Option("--tmx", metavar="FILE", help="Write the units to this TMX.")
    ] = None,
    into_tm: Annotated[
        bool, typer.Option("--into-tm", help="Add the units to the untm memory.")
    ] = False,
    min_confidence: MinConfidenceOpt = 0.5,
    flag_below: Annotated[
        float | None,
        typer.Option(
            "--flag-below",
            metavar="C",
            help="Keep units below this confidence but mark them for review "
            "(prop x-untm-review); with it, --min-confidence defaults to 0.",
        ),
    ] = None,
    presegmented: PresegmentedOpt = False,
    strict: StrictOpt = False,
    no_termbase: NoTermbaseOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Whole documents to translation units: a TMX file or the untm memory.

    Each unit's origin is its document (the symbol, when the document has one). Beads
    with one side empty, and beads below --min-confidence, are left out and counted.

    \b
    Examples:
      untm align docs report-zh.txt report-en.txt --tmx report.tmx
      untm align docs zh/ en/ --into-tm
      untm align docs a-zh.pdf a-en.pdf b-zh.docx b-en.docx --tmx all.tmx --flag-below 0.7
    """
    from untm.align import batch
    from untm.align import output as out

    if not tmx and not into_tm:
        raise UsageError("say where the units go: --tmx FILE or --into-tm")
    if flag_below is not None:
        check_confidence(flag_below)
        if "--min-confidence" not in sys.argv:
            min_confidence = 0.0
    pairs = batch.pairs(files)
    db = None if no_termbase and not into_tm else state(ctx).db()
    results = _aligned(pairs, db=None if no_termbase else db, presegmented=presegmented)
    added = None
    if tmx:
        _write_tmx(results, tmx, min_confidence, flag_below)
    if into_tm:
        assert db is not None
        added = batch.into_memory(db, results, min_confidence, flag_below)
    report = out.summary(results, min_confidence)
    if as_json:
        payload = dataclasses.asdict(report) | {"dropped": dict(report.dropped)}
        emit_json(payload | {"added": added, "tmx": tmx, "untm": provenance(db)})
    else:
        _print_summary(report, tmx, added)
    _finish(results, strict)


def _aligned(
    pairs: Sequence[tuple[str, str]], *, db: Any, presegmented: bool
) -> list[DocumentAlignment]:
    from untm.align import api

    results = []
    if is_tty(sys.stderr) and len(pairs) > 1:
        with typer.progressbar(pairs, label="aligning", file=sys.stderr) as bar:
            for zh, en in bar:
                results.append(api.align_documents(zh, en, db=db, presegmented=presegmented))
    else:
        for zh, en in pairs:
            results.append(api.align_documents(zh, en, db=db, presegmented=presegmented))
    return results


def _write_tmx(
    results: Sequence[DocumentAlignment], target: str, min_confidence: float, flag: float | None
) -> int:
    from untm.align.output import translation_units
    from untm.tm.tmx import write_tmx

    units = [u for r in results for u in translation_units(r, min_confidence, flag_below=flag)]
    return write_tmx(units, target, srclang="zh-CN")


def _print_summary(report: AlignSummary, tmx: str | None, added: int | None) -> None:
    where = []
    if tmx:
        where.append(tmx)
    if added is not None:
        where.append(f"the memory ({plural(added, 'new unit')})")
    typer.echo(
        f"{plural(report.units, 'unit')} from {plural(report.documents, 'document')} "
        f"written to {' and '.join(where)}"
    )
    if report.dropped:
        why = ", ".join(f"{n:,} {reason}" for reason, n in report.dropped)
        typer.echo(dim(f"beads left out: {why}"))


def _finish(results: Sequence[DocumentAlignment], strict: bool) -> None:
    warned = False
    for r in results:
        for w in r.warnings:
            typer.echo(f"Warning: {w}", err=True)
            warned = True
    if warned and strict:
        raise typer.Exit(1)


__all__ = ["align_app"]
from . import align_terms as _align_terms  # noqa: F401,E402
