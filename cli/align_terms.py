"""``untm align terms``: term pairs from aligned documents, for review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from .align_cmds import PresegmentedOpt, align_app
from .common import JsonOpt, UntmCommand, dim, emit_json, plural, provenance, state

if TYPE_CHECKING:
    from untm.align.terms import Extraction


@align_app.command("terms", cls=UntmCommand)
def align_terms(
    ctx: typer.Context,
    zh: Annotated[
        str | None, typer.Argument(metavar="ZH", help="The Chinese document.", show_default=False)
    ] = None,
    en: Annotated[
        str | None, typer.Argument(metavar="EN", help="The English document.", show_default=False)
    ] = None,
    tmx: Annotated[
        str | None,
        typer.Option("--tmx", metavar="FILE", help="Read an aligned memory instead of documents."),
    ] = None,
    corpus: Annotated[
        str | None,
        typer.Option(
            "--corpus",
            metavar="DIR",
            help="Read every pair of DIR/zh and DIR/en (paired by symbol or name) and pool "
            "their statistics.",
        ),
    ] = None,
    presegmented: PresegmentedOpt = False,
    no_glossary: Annotated[
        bool,
        typer.Option(
            "--no-glossary",
            help="Run without the termbase (no database opened): every pair is new.",
        ),
    ] = False,
    pieces: Annotated[
        bool | None,
        typer.Option(
            "--sentencepiece/--no-sentencepiece",
            help="Bound Chinese candidates by the pieces of a sentencepiece model trained on "
            "the input (default: what bench/term_eval.py measured better).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=1, metavar="N", help="Show the N best pairs only."),
    ] = None,
    tbx: Annotated[
        str | None,
        typer.Option("--tbx", metavar="OUT", help="Write the pairs as proposals to a TBX v3 file."),
    ] = None,
    tsv: Annotated[
        str | None,
        typer.Option("--tsv", metavar="OUT", help="Write a review sheet (TSV) of the pairs."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Term pairs of aligned Chinese and English documents, best first.

    The documents are aligned (as by untm align sentences); Chinese candidates (whole
    words, no function word at either end, within the pieces of a sentencepiece model
    trained on the input) are projected onto the English through dictionary links
    (CC-CEDICT), word associations learned from the input and termbase terms, and the
    pairs ranked by how consistently they translate each other, how independent the
    Chinese is of longer candidates and whether known parts compose them. Each pair
    has a score, the number of aligned sentences it was found in (freq) and example
    bead ids (NAME:N, bead N of the pair whose Chinese file is NAME).

    With the termbase (the default), pairs it has are confirmed, pairs whose Chinese it
    has with other English are a conflict (its English shown), and pairs a review
    rejected are left out. --tsv writes a review sheet and --tbx a TBX of proposals;
    either goes back with untm termbase import (see README: the review loop).

    \b
    Examples:
      untm align terms report-zh.txt report-en.txt --limit 20
      untm align terms zh.txt en.txt --tsv review.tsv
      untm align terms --corpus corpus --no-glossary --json
      untm align terms --tmx aligned.tmx --tbx proposals.tbx
    """
    from untm.align import terms as T
    from untm.align import terms_io
    from untm.align import terms_out as out

    terms_io.check_inputs([zh, en], tmx, corpus)
    db = None if no_glossary else state(ctx).db()
    if tmx:
        beads = terms_io.beads_of_tmx(tmx)
    elif corpus:
        beads = terms_io.beads_of_corpus(corpus, db=db, presegmented=presegmented)
    else:
        assert zh is not None and en is not None
        beads = terms_io.beads_of_pair(zh, en, db=db, presegmented=presegmented)
    result = T.extract_pairs(beads, db=db, pieces=pieces)
    if tsv:
        out.write_bytes(tsv, out.tsv_text(result, limit).encode("utf-8"))
    if tbx:
        out.write_bytes(tbx, out.tbx_bytes(result, limit))
    if as_json:
        emit_json(out.json_payload(result, limit) | {"untm": provenance(db)})
        return
    _print(result, limit)
    for path, what in ((tsv, "review sheet"), (tbx, "TBX proposals")):
        if path:
            typer.echo(dim(f"{what} written to {path}"), err=True)


def _print(result: Extraction, limit: int | None) -> None:
    pairs = result.pairs[:limit] if limit else result.pairs
    for n, p in enumerate(pairs, 1):
        mark = {"confirmed": " ✓", "conflict": " ≠"}.get(p.status, "")
        line = f"{n}. {p.zh}\t{p.en}\t{p.score:.3f}\t{p.freq}\t{', '.join(p.examples)}{mark}"
        if p.status == "conflict":
            line += "\t" + dim("termbase: " + "; ".join(p.termbase))
        typer.echo(line)
    shown = f"{len(pairs):,} of " if len(pairs) < len(result.pairs) else ""
    note = f", {result.rejected:,} rejected in review left out" if result.rejected else ""
    typer.echo(
        dim(
            f"{shown}{plural(len(result.pairs), 'pair')} from {plural(result.beads, 'bead')}{note}"
        ),
        err=True,
    )
