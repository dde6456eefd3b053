"""``untm lookup``, ``untm terms find``, ``untm termbase import|export|stats``, ``untm info``.

Library modules are imported inside the commands: ``untm lookup`` loads the lookup and
nothing of the interchange formats, the matcher or the memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from untm.errors import UsageError
from untm.termbase.formats.kinds import TermbaseFormat

from .common import (
    JsonOpt,
    LangOpt,
    MinScoreOpt,
    UntmCommand,
    bold,
    dim,
    emit_json,
    lang_option,
    not_blank,
    plural,
    provenance,
    state,
    sub_app,
)

if TYPE_CHECKING:
    from untm.termbase.formats import ColumnMap
    from untm.termbase.model import Concept, LookupResult, Term, TermOccurrence
    from untm.text.lang import Lang

termbase_app = sub_app("Import, export and inspect the termbase.")
terms_app = sub_app("Find termbase terms in running text.")


# -- lookup --------------------------------------------------------------------------------


def lookup_cmd(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            callback=not_blank,
            help="A term in Chinese or English.",
            show_default=False,
        ),
    ],
    lang: LangOpt = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, metavar="N", help="Most concepts to show.")
    ] = 10,
    min_score: MinScoreOpt = 70.0,
    as_json: JsonOpt = False,
) -> None:
    """Look up the approved equivalents of a term, in either direction.

    Ranked: exact, normalized (width, case, hyphens, plurals, traditional
    characters), prefix and contained, then fuzzy. Every term of a concept is shown
    with its status: ✗ deprecated, ⌛ superseded. Exit status 0 when something is
    found, 1 when nothing is (with "did you mean" suggestions).

    \b
    Examples:
      untm lookup 不限成员名额政府间专家会议
      untm lookup "open-ended intergovernmental expert meeting" --limit 1
      untm lookup UNODC --json
    """
    from untm.termbase import api as tb

    st = state(ctx)
    db = st.db()
    result = tb.lookup(db, query, lang=lang_option(lang), limit=limit, min_score=min_score)
    if as_json:
        emit_json(lookup_json(result) | {"untm": provenance(db)})
    else:
        _print_lookup(result)
    if not result.hits:
        raise typer.Exit(1)


def _term_json(t: Term) -> dict[str, Any]:
    return {"term": t.text, "status": t.status.value, "type": t.type.value}


def lookup_json(result: LookupResult) -> dict[str, Any]:
    """The stable JSON shape of a lookup."""
    from untm.text.lang import Lang

    return {
        "query": result.query,
        "lang": result.lang.value,
        "results": [
            {
                "concept_id": h.concept.id,
                "match": h.match.value,
                "score": h.score,
                "terms": {
                    lang.value: [_term_json(t) for t in h.concept.terms_in(lang)]
                    for lang in (Lang.ZH, Lang.EN)
                },
                "subject": h.concept.subject,
                "source": h.concept.source,
                "note": h.concept.note,
            }
            for h in result.hits
        ],
        "suggestions": list(result.suggestions),
    }


def _status_label(t: Term) -> str:
    from untm.termbase.model import TermStatus

    bits = [] if t.status is TermStatus.PREFERRED else [t.status.value]
    if t.type.value != "fullForm":
        bits.append(t.type.value)
    return f" ({', '.join(bits)})" if bits else ""


def _term_line(t: Term) -> str:
    from untm.termbase.model import TermStatus

    text = t.text
    if t.status is TermStatus.DEPRECATED:
        text = f"✗ {text}"
    elif t.status is TermStatus.SUPERSEDED:
        text = f"⌛ {text}"
    return text + _status_label(t)


def _print_concept(c: Concept, first: Lang) -> None:
    for lang in (first, first.other):
        for i, t in enumerate(c.terms_in(lang)):
            label = lang.value if i == 0 else "  "
            line = _term_line(t)
            typer.echo(f"   {label}  {bold(line) if i == 0 else line}")
    if c.note:
        typer.echo(f"   {dim('note:')} {c.note}")
    if c.definition:
        typer.echo(f"   {dim('definition:')} {c.definition}")


def _print_lookup(result: LookupResult) -> None:
    if not result.hits:
        typer.echo(f"No term found for {result.query!r}.")
        if result.suggestions:
            typer.echo("Did you mean: " + ", ".join(result.suggestions) + "?")
        return
    for n, hit in enumerate(result.hits, start=1):
        c = hit.concept
        where = " · ".join(x for x in (c.subject, f"source: {c.source}" if c.source else "") if x)
        typer.echo(f"{n}. [{hit.match.value} {hit.score:g}] {dim(c.id)}  {dim(where)}")
        _print_concept(c, result.lang.other)


# -- terms find ----------------------------------------------------------------------------


@terms_app.command("find", cls=UntmCommand)
def terms_find(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A Chinese or English text file (UTF-8), or - for stdin."
        ),
    ],
    as_json: JsonOpt = False,
) -> None:
    """Every termbase term in a text, with its offsets and equivalents.

    A Chinese term is found only where the text has it as a word (jieba's segmentation
    with the termbase's terms added): not 届会 across 第七届|会议, not 会议 inside
    缔约方会议. Leftmost-longest, across the line breaks of text extracted from PDFs,
    never inside an exclusion (会员国 is not found in 非会员国). A place several
    concepts share is shown once, the concept the document makes likeliest first and
    the others after "or:"; short forms the document defines (《公约》 after
    《联合国反腐败公约》) are resolved. Prints one line per place: start-end, the text,
    the equivalents (✗ deprecated, ⌛ superseded found term), the concept id.

    \b
    Examples:
      untm terms find report.txt
      pdftotext report.pdf - | untm terms find - --json
    """
    from untm.termbase import api as tb

    db = state(ctx).db()
    _text, found = tb.find_terms(db, file)
    if as_json:
        emit_json(
            {"file": file, "occurrences": [_occ_json(o) for o in found]} | {"untm": provenance(db)}
        )
        return
    for o in found:
        typer.echo(_occ_line(o))
    concepts = len({o.concept.id for o in found})
    shared = sum(1 for o in found if len(o.candidates) > 1)
    note = f" ({shared:,} shared by several concepts)" if shared else ""
    summary = f"{plural(len(found), 'occurrence')} of {plural(concepts, 'concept')}{note}"
    typer.echo(dim(summary), err=True)


def _occ_line(o: TermOccurrence) -> str:
    from untm.termbase.model import OccurrenceKind

    equivalents = "; ".join(t.text for t in o.equivalents if t.status.rank < 2)
    joiner = "" if o.term.lang.value == "zh" else " "  # a PDF line break inside the term
    shown = joiner.join(o.text.split())
    found = _term_line(o.term) if o.term.status.rank >= 2 else bold(shown)
    if o.term.status.rank >= 2:
        found = f"{bold(shown)} [{found}]"
    line = f"{o.start}-{o.end}\t{found}\t{equivalents}\t{dim(o.concept.id)}"
    if o.kind is OccurrenceKind.DOCUMENT_SHORT_FORM:
        line += "\t" + dim("(short form in this document)")
    others = [c.concept.id for c in o.candidates[1:]]
    if others:
        line += "\t" + dim("or: " + ", ".join(others))
    return line


def _occ_json(o: TermOccurrence) -> dict[str, Any]:
    return {
        "start": o.start,
        "end": o.end,
        "text": o.text,
        "term": o.term.text,
        "lang": o.term.lang.value,
        "status": o.term.status.value,
        "kind": o.kind.value,
        "concept_id": o.concept.id,
        "equivalents": [_term_json(t) for t in o.equivalents],
        "candidates": [
            {
                "concept_id": c.concept.id,
                "subject": c.concept.subject,
                "term": c.term.text,
                "status": c.term.status.value,
                "equivalents": [_term_json(t) for t in c.equivalents],
                "why": c.why,
            }
            for c in o.candidates
        ],
    }


# -- termbase import / export / stats ------------------------------------------------------

FormatOpt = Annotated[
    TermbaseFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar="[tbx|tbx2|tsv|csv]",
        help="tbx (TBX v3), tbx2 (TBX 2, martif), tsv or csv (default: from the file name).",
    ),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="NAME",
        help="Encoding of a TSV/CSV file without a byte-order mark (default: UTF-8).",
    ),
]


def _columns(value: str | None) -> ColumnMap | None:
    if value is None:
        return None
    from untm.termbase.formats import ColumnMap

    try:
        return ColumnMap.parse(value)
    except (UsageError, ValueError) as exc:
        raise UsageError(f"--columns: {exc}") from None


@termbase_app.command("import", cls=UntmCommand)
def termbase_import(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A TBX, TSV, CSV or OmegaT glossary file, or - for stdin."
        ),
    ],
    fmt: FormatOpt = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="MAP",
            help="TSV/CSV column mapping, e.g. 'zh=zh,en=en,zh_aliases=zh:admitted,code=id', "
            "'1=en,2=zh,3=note' or 'omegat:en-zh' (default: from the header row; a file "
            "without one is an OmegaT glossary, Chinese first).",
        ),
    ] = None,
    encoding: EncodingOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Merge a termbase file into the database.

    Formats: TBX v3 (TBX-Basic) and TBX 2 (martif), told apart by the root element
    of a .tbx file; TSV (.tsv) and CSV (.csv) with a header row naming the columns
    (zh, en, zh_aliases, note, id, ...); OmegaT glossaries (.txt, .utf8, .tab):
    Chinese TAB English TAB comment, no header. Only Chinese and English are kept:
    other languages are skipped with a warning, and so are table rows that lack the
    Chinese or the English term.

    The import is one transaction: a bad file changes nothing (one line 'Error:
    <file>: line N: <problem>', exit status 2). Re-importing a file changes nothing
    either: concepts merge by id, else by their term pair.

    \b
    Examples:
      untm termbase import team-glossary.tbx
      untm termbase import undrr.tsv --columns zh=zh,en=en,zh_aliases=zh:admitted,code=id
      untm termbase import en-zh.utf8 --columns omegat:en-zh
    """
    from untm.termbase import api as tb

    db = state(ctx).db()
    report = tb.import_file(db, file, fmt=fmt, columns=_columns(columns), encoding=encoding)
    if as_json:
        emit_json(
            {
                "source": report.source,
                "concepts_added": report.concepts_added,
                "concepts_merged": report.concepts_merged,
                "terms_added": report.terms_added,
                "skipped": report.skipped,
                "warnings": list(report.warnings),
                "untm": provenance(db),
            }
        )
        return
    typer.echo(
        f"{report.source}: {report.concepts_added} concepts added, "
        f"{report.concepts_merged} merged, {report.terms_added} terms added"
        + (f", {report.skipped} skipped" if report.skipped else "")
    )
    for w in report.warnings[:10]:
        typer.echo(f"warning: {w}", err=True)
    if len(report.warnings) > 10:
        typer.echo(f"warning: ... {len(report.warnings) - 10} more (see --json)", err=True)


@termbase_app.command("export", cls=UntmCommand)
def termbase_export(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The file to write, or - for stdout.")
    ],
    fmt: FormatOpt = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="MAP",
            help="TSV/CSV columns to write, e.g. 'id=id,zh=zh,en=en,note=note' or "
            "'omegat:en-zh' (default: every column, with a header, for .tsv/.csv; OmegaT's "
            "Chinese TAB English TAB comment for .txt/.utf8/.tab).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Write the whole termbase to a file.

    The format follows the file name unless --format is given: .tbx is TBX v3
    (TBX-Basic, valid against the TBX schemas; --format tbx2 writes the TBX 2 that
    OmegaT 3.6 and translate-toolkit read); .tsv and .csv have a header row and
    every column untm keeps; .txt, .utf8 and .tab are OmegaT glossaries: Chinese
    TAB English TAB comment, no header (--columns omegat:en-zh puts English
    first). The file is replaced only once it is complete.

    \b
    Examples:
      untm termbase export glossary.tbx
      untm termbase export glossary-tbx2.tbx --format tbx2
      untm termbase export omegat/glossary/un.utf8
      untm termbase export - --format csv > glossary.csv
    """
    from untm.termbase import api as tb

    if as_json and str(file) == "-":
        raise UsageError("--json cannot be used when the export itself goes to stdout (-)")
    db = state(ctx).db()
    report = tb.export_file(db, file, fmt=fmt, columns=_columns(columns))
    if as_json:
        emit_json(
            {
                "file": report.target,
                "format": report.format.value,
                "layout": report.layout,
                "concepts": report.concepts,
                "untm": provenance(db),
            }
        )
    elif str(file) != "-":
        typer.echo(
            f"{file}: {report.concepts} concepts written ({report.format.value}, {report.layout})",
            err=True,
        )


@termbase_app.command("stats", cls=UntmCommand)
def termbase_stats(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """How many concepts and terms, by status, subject and origin."""
    from untm.termbase import api as tb

    db = state(ctx).db()
    s = tb.stats(db)
    if as_json:
        emit_json(
            {
                "concepts": s.concepts,
                "terms": {"zh": s.terms_zh, "en": s.terms_en},
                "by_status": {k.value: v for k, v in s.by_status},
                "by_subject": dict(s.by_subject),
                "origins": dict(s.origins),
                "untm": provenance(db),
            }
        )
        return
    typer.echo(f"{s.concepts} concepts, {s.terms_zh} Chinese and {s.terms_en} English terms")
    typer.echo("status:   " + (", ".join(f"{k.value} {v}" for k, v in s.by_status) or "-"))
    typer.echo("subjects: " + (", ".join(f"{k or '-'} {v}" for k, v in s.by_subject) or "-"))
    typer.echo("origins:  " + (", ".join(f"{k or '-'} {v}" for k, v in s.origins) or "-"))


def info_cmd(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Where the database is and what made it.

    Shows the file, the untm version that created it, the normalization and the
    scorer recorded in it, and whether the shipped glossary was loaded.
    """
    db = state(ctx).db()
    meta = dict(db.all_meta())
    if as_json:
        emit_json({"database": str(db.path), "meta": meta, "untm": provenance(db)})
        return
    typer.echo(f"database: {db.path}")
    for k, v in sorted(meta.items()):
        typer.echo(f"{k}: {v}")
