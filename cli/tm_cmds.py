"""``untm tm import|export|lookup|concordance|stats|delete``.

The memory package (lxml, the import pipeline, the scorer) is imported when a ``tm``
command runs, not when the command line starts: ``tmapi`` is a lazy module here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from untm.errors import UsageError
from untm.text.lang import Lang

from .common import (
    JsonOpt,
    LangOpt,
    LazyModule,
    MinScoreOpt,
    UntmCommand,
    bold,
    dim,
    emit_json,
    highlight,
    is_tty,
    lang_option,
    not_blank,
    plural,
    provenance,
    state,
    sub_app,
)

if TYPE_CHECKING:
    from untm.tm import api as tmapi
    from untm.tm.api import TmFormat
    from untm.tm.model import ConcordanceHit, Match, TmImportReport
else:
    tmapi = LazyModule("untm.tm.api")
    # Named in --format's annotation without importing the memory; the option's parser
    # turns the text into the real enum (untm.tm.api.TmFormat) when it is given.
    TmFormat = str

tm_app = sub_app("Translation memory: import, export, fuzzy lookup, concordance.")


def _tm_format(value: str) -> TmFormat:
    """The --format value as untm.tm.api.TmFormat (imported only when it is given)."""
    from untm.tm import api

    try:
        return api.TmFormat(value.strip().lower())
    except ValueError:
        choices = ", ".join(f.value for f in api.TmFormat)
        raise typer.BadParameter(f"{value!r} is not one of {choices}") from None


FormatOpt = Annotated[
    TmFormat | None,
    typer.Option(
        "--format",
        "-f",
        parser=_tm_format,
        metavar="[tmx|tsv|text]",
        help="tmx, tsv (source TAB target) or text (two "
        "line-aligned files); default: from the file name.",
    ),
]
#: --target of import and export: one meaning (the other file of a line-aligned pair).
TargetOpt = Annotated[
    Path | None,
    typer.Option(
        "--target",
        metavar="FILE",
        help="The translation file of a line-aligned pair, FILE being the source "
        "(implies -f text); the translation is English unless an import says "
        "--source-lang en.",
    ),
]


@tm_app.command(
    "import", cls=UntmCommand, short_help="Import a TMX, a TSV or a line-aligned pair of files."
)
def tm_import(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="TMX, TSV, or the source file of a line-aligned pair (- for standard input, "
            "with --format)."
        ),
    ],
    fmt: FormatOpt = None,
    target: TargetOpt = None,
    source_lang: Annotated[
        str,
        typer.Option(
            "--source-lang",
            metavar="zh|en",
            help="Which side of a TSV or line-aligned file is the source: the language of "
            "column 1 or of FILE (default: zh).",
        ),
    ] = "zh",
    origin: Annotated[
        str | None,
        typer.Option("--origin", metavar="NAME", help="Name recorded as the units' origin."),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", metavar="NAME", help="Encoding of TSV/text if not UTF-8."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Import units in one transaction; bad units are skipped and reported.

    Dropped parts of good units (an invalid date or usage count, a second variant in
    one language) are reported as warnings; the units themselves are imported.
    """
    db = state(ctx).db()
    src = _source_lang(source_lang)
    with _progress(file) as on_bytes:
        report = tmapi.import_file(
            db,
            file,
            fmt=fmt,
            target=target,
            source_lang=src,
            origin=origin,
            encoding=encoding,
            on_bytes=on_bytes,
        )
    if as_json:
        emit_json(_import_json(report) | {"untm": provenance(db)})
    else:
        _print_import(report)


def _source_lang(value: str) -> Lang:
    try:
        return lang_option(value) or Lang.ZH
    except UsageError as exc:
        raise UsageError(f"--source-lang: {exc}") from None


def _import_json(report: TmImportReport) -> dict[str, Any]:
    return {
        "source": report.source,
        "read": report.read,
        "added": report.added,
        "merged": report.merged,
        "skipped": report.skipped,
        "skipped_examples": [{"line": s.line, "reason": s.reason} for s in report.skipped_examples],
        "warnings": report.warnings,
        "warning_examples": [{"line": w.line, "reason": w.reason} for w in report.warning_examples],
        "seconds": round(report.seconds, 3),
    }


def _print_import(report: TmImportReport) -> None:
    rate = report.read / report.seconds if report.seconds else 0
    warned = f", {plural(report.warnings, 'warning')}" if report.warnings else ""
    typer.echo(
        f"{report.source}: {report.added:,} units added, {report.merged:,} merged, "
        f"{report.skipped:,} skipped{warned} ({report.seconds:.1f} s, {rate:,.0f} units/s)"
    )
    for s in report.skipped_examples:
        typer.echo(f"  skipped line {s.line}: {s.reason}", err=True)
    for w in report.warning_examples:
        typer.echo(f"  warning line {w.line}: {w.reason}", err=True)


class _progress:
    """A progress bar over the bytes of the input, only on a terminal."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.bar: Any = None

    def __enter__(self) -> Any:
        if not is_tty(sys.stderr) or str(self.path) == "-" or not self.path.is_file():
            return None
        size = os.path.getsize(self.path)
        self.bar = typer.progressbar(length=size, label="importing", file=sys.stderr)
        self.bar.__enter__()
        last = [0]

        def on_bytes(done: int) -> None:
            self.bar.update(done - last[0])
            last[0] = done

        return on_bytes

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@tm_app.command(
    "export", cls=UntmCommand, short_help="Write the memory as TMX 1.4, TSV or line-aligned text."
)
def tm_export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Output file (- for stdout).")],
    fmt: FormatOpt = None,
    target: TargetOpt = None,
    origin: Annotated[
        str | None, typer.Option("--origin", metavar="NAME", help="Only units of this origin.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Write the memory as TMX 1.4 (valid against the DTD), TSV or line-aligned text.

    A TMX export keeps every prop, note and TMX attribute imported, and the header props
    and notes of the origins it covers. - writes to standard output (give --format).
    """
    if as_json and str(file) == "-":
        raise UsageError("--json cannot be used when the export itself goes to stdout (-)")
    db = state(ctx).db()
    n = tmapi.export_file(db, file, fmt=fmt, second=target, origin=origin)
    if as_json:
        emit_json({"file": str(file), "origin": origin, "units": n, "untm": provenance(db)})
    elif str(file) != "-":
        typer.echo(f"{file}: {n:,} units written", err=True)


@tm_app.command("lookup", cls=UntmCommand)
def tm_lookup(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY", callback=not_blank, help="A sentence in Chinese or English."
        ),
    ],
    lang: LangOpt = None,
    min_score: MinScoreOpt = 70.0,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, metavar="N", help="Most matches shown.")
    ] = 5,
    as_json: JsonOpt = False,
) -> None:
    """Fuzzy matches for a sentence from the memory, best first.

    Score = 100 x (1 - edit distance / length of the longer segment), over characters
    for Chinese and words for English; a match differing only in numbers, punctuation
    or spacing scores 99-97 and says why, others at most 98.9. Each match shows its
    translation and a diff against the query. Exit status 0 when a match is found, 1
    when none is.

    \b
    Examples:
      untm tm lookup "大会决定将该项目列入第七十五届会议临时议程。"
      untm tm lookup "The Committee considered the report." --min-score 60 --json
    """
    from untm.tm.scoring import SCORER

    db = state(ctx).db()
    query_lang = lang_option(lang)
    matches = tmapi.lookup(db, query, lang=query_lang, min_score=min_score, limit=limit)
    if as_json:
        emit_json(
            {
                "query": query,
                "results": [_match_json(m) for m in matches],
                "untm": provenance(db) | {"scorer": SCORER},
            }
        )
    else:
        _print_matches(matches)
    if not matches:
        raise typer.Exit(1)


def _match_json(m: Match) -> dict[str, Any]:
    q = m.lang
    return {
        "score": m.score,
        "source": m.unit.side(q).text,
        "target": m.unit.side(q.other).text,
        "origin": m.unit.origin,
        "document": m.unit.document,
        "changed": m.unit.changed,
        "reasons": list(m.reasons),
        "diff": [{"op": d.kind.value, "query": d.query, "match": d.match} for d in m.diff],
    }


def _print_matches(matches: list[Match]) -> None:
    if not matches:
        typer.echo("No match.")
        return
    for n, m in enumerate(matches, start=1):
        q = m.lang
        why = f" ({'; '.join(m.reasons)})" if m.reasons else ""
        origin = f" · {m.unit.origin}" if m.unit.origin else ""
        typer.echo(f"{n}. {bold(f'{m.score:g}%')}{why}{dim(origin)}")
        typer.echo(f"   {q.value}  {m.unit.side(q).text}")
        typer.echo(f"   {q.other.value}  {bold(m.unit.side(q.other).text)}")
        if m.score < 100:
            from untm.tm.scoring import render_diff

            typer.echo(f"   {dim('diff')} {render_diff(m.diff, q)}")


@tm_app.command("concordance", cls=UntmCommand)
def tm_concordance(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT",
            callback=not_blank,
            help="A word or phrase (two Chinese characters are fine).",
        ),
    ],
    lang: LangOpt = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, metavar="N", help="Most units shown.")
    ] = 50,
    as_json: JsonOpt = False,
) -> None:
    """Every unit containing a word or phrase, newest first.

    The hit is highlighted (marked [[so]] when the output is not a terminal). When more
    units match than --limit shows, a last line says how many there are (the JSON has
    "total" and "shown"). Exit status 0 when a unit is found, 1 when none is.

    \b
    Examples:
      untm tm concordance 司法协助
      untm tm concordance "mutual legal assistance" --limit 10 --json
    """
    db = state(ctx).db()
    found = tmapi.concordance(db, text, lang=lang_option(lang), limit=limit)
    if as_json:
        emit_json(
            {
                "query": text,
                "total": found.total,
                "shown": found.shown,
                "results": [_conc_json(h) for h in found.hits],
                "untm": provenance(db),
            }
        )
    else:
        for h in found.hits:
            side = h.unit.side(h.lang)
            other = h.unit.side(h.lang.other)
            typer.echo(f"{h.lang.value}  {highlight(side.text, h.spans)}")
            typer.echo(f"{h.lang.other.value}  {other.text}")
            typer.echo(dim(f"    {h.unit.origin}") if h.unit.origin else "")
        if not found.hits:
            typer.echo("Nothing found.")
        elif found.truncated:
            typer.echo(
                f"Showing {found.shown:,} of {plural(found.total, 'unit')} "
                "(use --limit to see more)"
            )
    if not found.hits:
        raise typer.Exit(1)


def _conc_json(h: ConcordanceHit) -> dict[str, Any]:
    return {
        "lang": h.lang.value,
        "text": h.unit.side(h.lang).text,
        "translation": h.unit.side(h.lang.other).text,
        "spans": [list(s) for s in h.spans],
        "origin": h.unit.origin,
    }


@tm_app.command("stats", cls=UntmCommand)
def tm_stats(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Units, directions, origins, index and database size."""
    from untm.tm.scoring import SCORER

    db = state(ctx).db()
    s = tmapi.stats(db)
    payload = {
        "units": s.units,
        "by_direction": dict(s.by_direction),
        "origins": dict(s.origins),
        "index": {
            "segments": s.index_segments,
            "grams": s.index_grams,
            "postings": s.index_postings,
        },
        "database_bytes": s.database_bytes,
    }
    if as_json:
        emit_json(payload | {"untm": provenance(db) | {"scorer": SCORER}})
        return
    directions = ", ".join(f"{k} {v:,}" for k, v in s.by_direction)
    typer.echo(plural(s.units, "unit") + (f" ({directions})" if directions else ""))
    typer.echo("origins: " + (", ".join(f"{k or '-'} {v:,}" for k, v in s.origins) or "none"))
    index = (
        f"{plural(s.index_grams, 'gram')}, {plural(s.index_postings, 'posting')} "
        f"in {plural(s.index_segments, 'index segment')}"
        if s.index_segments
        else "empty"
    )
    typer.echo(f"index: {index}")
    typer.echo(f"database: {s.database_bytes / 1e6:,.1f} MB")


@tm_app.command("delete", cls=UntmCommand)
def tm_delete(
    ctx: typer.Context,
    origin: Annotated[
        str,
        typer.Option("--origin", metavar="NAME", help="Delete the units of this origin."),
    ],
    as_json: JsonOpt = False,
) -> None:
    """Delete every unit imported from one origin.

    The origin is the file name of the import, or the --origin given to it; `untm tm
    stats` lists them. A unit that a later import from another origin also brought is
    kept for that origin. An origin with no units is an error (exit status 2).

    \b
    Example:
      untm tm delete --origin memory.tsv
    """
    db = state(ctx).db()
    report = tmapi.delete(db, origin=origin)
    if as_json:
        emit_json(
            {
                "origin": origin,
                "deleted": report.deleted,
                "kept": report.kept,
                "untm": provenance(db),
            }
        )
        return
    kept = f"; {plural(report.kept, 'unit')} kept for other origins" if report.kept else ""
    typer.echo(f"{plural(report.deleted, 'unit')} deleted{kept}")
