"""``untm lookup``, ``untm terms find``, ``untm termbase import|export|stats``, ``untm info``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from untm.errors import UsageError
from untm.termbase import api as tb
from untm.termbase.formats import ColumnMap, TermbaseFormat
from untm.termbase.model import Concept, LookupResult, Term, TermOccurrence, TermStatus
from untm.text.lang import Lang

from .common import JsonOpt, LangOpt, bold, dim, emit_json, lang_option, provenance, state

termbase_app = typer.Typer(help="Import, export and inspect the termbase.", no_args_is_help=True)
terms_app = typer.Typer(help="Find termbase terms in running text.", no_args_is_help=True)


# -- lookup --------------------------------------------------------------------------------


def lookup_cmd(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="A term in Chinese or English.")],
    lang: LangOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Most concepts to show.")] = 10,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0, max=100, help="Lowest fuzzy score shown.")
    ] = 70.0,
    as_json: JsonOpt = False,
) -> None:
    """Look up the approved equivalents of a term (exit 0 found, 1 nothing found).

    Ranked: exact, normalized (width, case, hyphens, plurals, traditional characters),
    prefix and contained, then fuzzy.
    """
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
    bits = [] if t.status is TermStatus.PREFERRED else [t.status.value]
    if t.type.value != "fullForm":
        bits.append(t.type.value)
    return f" ({', '.join(bits)})" if bits else ""


def _term_line(t: Term) -> str:
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


@terms_app.command("find")
def terms_find(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="A Chinese or English text file, or - for stdin.")],
    as_json: JsonOpt = False,
) -> None:
    """Every termbase term in a text, leftmost-longest, across PDF line breaks, with offsets."""
    db = state(ctx).db()
    _text, found = tb.find_terms(db, file)
    if as_json:
        emit_json(
            {"file": file, "occurrences": [_occ_json(o) for o in found]} | {"untm": provenance(db)}
        )
        return
    for o in found:
        equivalents = "; ".join(t.text for t in o.equivalents if t.status.rank < 2)
        shown = " ".join(o.text.split())
        typer.echo(f"{o.start}-{o.end}\t{bold(shown)}\t{equivalents}\t{dim(o.concept.id)}")
    typer.echo(
        dim(f"{len(found)} occurrences of {len({o.concept.id for o in found})} concepts"), err=True
    )


def _occ_json(o: TermOccurrence) -> dict[str, Any]:
    return {
        "start": o.start,
        "end": o.end,
        "text": o.text,
        "term": o.term.text,
        "lang": o.term.lang.value,
        "status": o.term.status.value,
        "concept_id": o.concept.id,
        "equivalents": [_term_json(t) for t in o.equivalents],
    }


# -- termbase import / export / stats ------------------------------------------------------

FormatOpt = Annotated[
    TermbaseFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="tbx (TBX v3), tbx2 (martif), tsv or csv; default: from the file name.",
    ),
]
ColumnsOpt = Annotated[
    str | None,
    typer.Option(
        "--columns",
        help="TSV/CSV column mapping, e.g. 'zh=zh,en=en,zh_aliases=zh:admitted,code=id' "
        "(default: from the header row, else zh TAB en TAB note as in OmegaT glossaries).",
    ),
]


def _columns(value: str | None) -> ColumnMap | None:
    if value is None:
        return None
    try:
        return ColumnMap.parse(value)
    except ValueError as exc:
        raise UsageError(f"--columns: {exc}") from None


@termbase_app.command("import")
def termbase_import(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="TBX, TSV or CSV file, or - for stdin.")],
    fmt: FormatOpt = None,
    columns: ColumnsOpt = None,
    encoding: Annotated[str | None, typer.Option(help="Text encoding if not UTF-8/BOM.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Merge a termbase file into the database (one transaction; re-importing is a no-op)."""
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


@termbase_app.command("export")
def termbase_export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Output file (- for stdout).")],
    fmt: FormatOpt = None,
    columns: ColumnsOpt = None,
) -> None:
    """Write the termbase as TBX v3 (TBX-Basic), TBX 2, TSV or CSV."""
    chosen = fmt or _format_of(file)
    n = tb.export_file(state(ctx).db(), file, fmt=chosen, columns=_columns(columns))
    if str(file) != "-":
        typer.echo(f"{file}: {n} concepts written ({chosen.value})", err=True)


def _format_of(path: Path) -> TermbaseFormat:
    suffix = path.suffix.lower()
    formats = {
        ".tbx": TermbaseFormat.TBX,
        ".tsv": TermbaseFormat.TSV,
        ".txt": TermbaseFormat.TSV,
        ".csv": TermbaseFormat.CSV,
    }
    if suffix not in formats:
        raise UsageError(f"{path}: cannot tell the format from the name; give --format")
    return formats[suffix]


@termbase_app.command("stats")
def termbase_stats(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """How many concepts and terms, by status, subject and origin."""
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
    typer.echo("status:   " + ", ".join(f"{k.value} {v}" for k, v in s.by_status))
    typer.echo("subjects: " + ", ".join(f"{k or '-'} {v}" for k, v in s.by_subject))
    typer.echo("origins:  " + ", ".join(f"{k or '-'} {v}" for k, v in s.origins))


def info_cmd(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Where the database is and what made it (versions, normalization, scorer)."""
    db = state(ctx).db()
    meta = dict(db.all_meta())
    if as_json:
        emit_json({"database": str(db.path), "meta": meta, "untm": provenance(db)})
        return
    typer.echo(f"database: {db.path}")
    for k, v in sorted(meta.items()):
        typer.echo(f"{k}: {v}")
