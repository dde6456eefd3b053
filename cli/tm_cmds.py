"""``untm tm import|export|lookup|concordance|stats|delete``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from untm.text.lang import Lang
from untm.tm import api as tmapi
from untm.tm.model import ConcordanceHit, Match
from untm.tm.scoring import SCORER, render_diff

from .common import (
    JsonOpt,
    LangOpt,
    bold,
    dim,
    emit_json,
    highlight,
    is_tty,
    lang_option,
    provenance,
    state,
)

tm_app = typer.Typer(help="Translation memory: import, export, fuzzy lookup.", no_args_is_help=True)

FormatOpt = Annotated[
    tmapi.TmFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="tmx, tsv (source TAB target) or text (two "
        "line-aligned files); default: from the file name.",
    ),
]


@tm_app.command("import")
def tm_import(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="TMX, TSV, or the source file of a line-aligned pair.")
    ],
    fmt: FormatOpt = None,
    target: Annotated[
        Path | None, typer.Option("--target", help="The translation file of a line-aligned pair.")
    ] = None,
    source_lang: Annotated[
        str, typer.Option("--source-lang", help="Source language of TSV or text files.")
    ] = "zh",
    origin: Annotated[
        str | None, typer.Option("--origin", help="Name recorded as the units' origin.")
    ] = None,
    encoding: Annotated[str | None, typer.Option(help="Encoding of TSV/text if not UTF-8.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Import units in one transaction; bad units are skipped and reported."""
    db = state(ctx).db()
    src = lang_option(source_lang) or Lang.ZH
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
        emit_json(
            {
                "source": report.source,
                "read": report.read,
                "added": report.added,
                "merged": report.merged,
                "skipped": report.skipped,
                "skipped_examples": [
                    {"line": s.line, "reason": s.reason} for s in report.skipped_examples
                ],
                "seconds": round(report.seconds, 3),
                "untm": provenance(db),
            }
        )
        return
    rate = report.read / report.seconds if report.seconds else 0
    typer.echo(
        f"{report.source}: {report.added:,} units added, {report.merged:,} merged, "
        f"{report.skipped:,} skipped ({report.seconds:.1f} s, {rate:,.0f} units/s)"
    )
    for s in report.skipped_examples:
        typer.echo(f"  skipped line {s.line}: {s.reason}", err=True)


class _progress:
    """A progress bar over the bytes of the input, only on a terminal."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.bar: Any = None

    def __enter__(self) -> Any:
        if not is_tty(sys.stderr) or not self.path.is_file():
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


@tm_app.command("export")
def tm_export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Output file (- for stdout).")],
    fmt: FormatOpt = None,
    target: Annotated[
        Path | None, typer.Option("--target", help="English file of a line-aligned export.")
    ] = None,
    origin: Annotated[str | None, typer.Option(help="Only units of this origin.")] = None,
) -> None:
    """Write the memory as TMX 1.4 (valid against the DTD), TSV or line-aligned text."""
    n = tmapi.export_file(state(ctx).db(), file, fmt=fmt, second=target, origin=origin)
    if str(file) != "-":
        typer.echo(f"{file}: {n:,} units written", err=True)


@tm_app.command("lookup")
def tm_lookup(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="A sentence in Chinese or English.")],
    lang: LangOpt = None,
    min_score: Annotated[
        float, typer.Option("--min-score", min=1, max=100, help="Lowest score shown.")
    ] = 70.0,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Most matches.")] = 5,
    as_json: JsonOpt = False,
) -> None:
    """Fuzzy matches from the memory, best first (exit 0 found, 1 nothing found).

    Score = 100 x (1 - edit distance / length of the longer segment), over characters
    for Chinese and words for English; a match differing only in numbers, punctuation
    or spacing scores 99-97 and says why.
    """
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
            typer.echo(f"   {dim('diff')} {render_diff(m.diff, q)}")


@tm_app.command("concordance")
def tm_concordance(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(help="A word or phrase (two Chinese characters are fine).")
    ],
    lang: LangOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Most units.")] = 50,
    as_json: JsonOpt = False,
) -> None:
    """Every unit containing a word or phrase, newest first, the hit highlighted."""
    db = state(ctx).db()
    hits = tmapi.concordance(db, text, lang=lang_option(lang), limit=limit)
    if as_json:
        emit_json({"query": text, "results": [_conc_json(h) for h in hits], "untm": provenance(db)})
    else:
        for h in hits:
            side = h.unit.side(h.lang)
            other = h.unit.side(h.lang.other)
            typer.echo(f"{h.lang.value}  {highlight(side.text, h.spans)}")
            typer.echo(f"{h.lang.other.value}  {other.text}")
            typer.echo(dim(f"    {h.unit.origin}") if h.unit.origin else "")
        if not hits:
            typer.echo("Nothing found.")
    if not hits:
        raise typer.Exit(1)


def _conc_json(h: ConcordanceHit) -> dict[str, Any]:
    return {
        "lang": h.lang.value,
        "text": h.unit.side(h.lang).text,
        "translation": h.unit.side(h.lang.other).text,
        "spans": [list(s) for s in h.spans],
        "origin": h.unit.origin,
    }


@tm_app.command("stats")
def tm_stats(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Units, directions, origins, index and database size."""
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
    typer.echo(f"{s.units:,} units; " + ", ".join(f"{k} {v:,}" for k, v in s.by_direction))
    typer.echo("origins: " + (", ".join(f"{k or '-'} {v:,}" for k, v in s.origins) or "none"))
    typer.echo(
        f"index: {s.index_segments} segments, {s.index_grams:,} grams, "
        f"{s.index_postings:,} postings; database {s.database_bytes / 1e6:,.1f} MB"
    )


@tm_app.command("delete")
def tm_delete(
    ctx: typer.Context,
    origin: Annotated[str, typer.Option("--origin", help="Delete the units of this origin.")],
) -> None:
    """Delete every unit imported from one origin (file name or --origin given at import)."""
    n = tmapi.delete(state(ctx).db(), origin=origin)
    typer.echo(f"{n:,} units deleted")
