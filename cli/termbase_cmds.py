"""``untm lookup``, ``untm terms find``, ``untm termbase import|export|delete|stats``,
``untm info`` and ``untm init``.

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
    from untm.termbase.api import ExportReport
    from untm.termbase.formats import ColumnMap
    from untm.termbase.model import (
        Concept,
        DeleteReport,
        ImportReport,
        LookupResult,
        Term,
        TermOccurrence,
    )
    from untm.text.lang import Lang

termbase_app = sub_app("Import, export, delete and inspect the termbase.")
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
    with its status: ✗ deprecated, ⌛ superseded.

    When the termbase has no exact or normalized term, lookup goes beyond it, and
    says so: a suggestion composed of known terms and dictionary words, with its
    parts (民事和行政诉讼: 民事诉讼 + 行政诉讼); the CC-CEDICT entry, marked as general
    vocabulary, not UN terminology; the memory units that hold the query. None of
    these is a termbase hit.

    Exit status: 0 only when the termbase has a term (exact to fuzzy); 1 otherwise,
    even with a suggestion, a dictionary entry or memory units ("did you mean"
    suggestions are shown then).

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
    beyond = _beyond(db, result)
    if as_json:
        emit_json(lookup_json(result) | {"beyond": beyond, "untm": provenance(db)})
    else:
        _print_lookup(result)
        _print_beyond(beyond)
    if not result.hits:
        raise typer.Exit(1)


def _beyond(db: Any, result: LookupResult) -> list[dict[str, Any]]:
    """Suggestion, dictionary, concordance: only when no exact or normalized term."""
    from untm.termbase.model import MatchKind

    if any(h.match in (MatchKind.EXACT, MatchKind.NORMALIZED) for h in result.hits):
        return []
    from untm.align.compose import beyond_termbase

    return beyond_termbase(db, result.query, result.lang)


def _print_beyond(items: list[dict[str, Any]]) -> None:
    for item in items:
        if item["kind"] == "suggestion":
            typer.echo(f"Suggestion (composed, not in the termbase): {bold(str(item['en']))}")
            parts = " + ".join(
                f"{p['zh']} {p['en']} ({' '.join(x for x in (p['source'], p['concept_id']) if x)})"
                for p in item["parts"]
            )
            typer.echo(f"   {dim('parts:')} {parts}")
        elif item["kind"] == "dictionary":
            other = item["en"] if isinstance(item["en"], list) else item["zh"]
            typer.echo(
                "Dictionary (CC-CEDICT, general vocabulary, not UN terminology): "
                + "; ".join(other)
            )
        elif item["kind"] == "concordance":
            typer.echo(f"Memory: seen in {plural(int(item['total']), 'unit')}:")
            for u in item["units"]:
                typer.echo(f"   {u['zh']}  {dim('|')}  {u['en']}")


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
                "kind": "termbase",
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
                "evidence": h.concept.evidence.value if h.concept.evidence else None,
                "attested": h.concept.attested,
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
    if c.evidence is not None:
        typer.echo(f"   {dim('evidence:')} {c.evidence.brief(c.attested)}")
    if c.note:
        typer.echo(f"   {dim('note:')} {c.note}")
    if c.definition:
        typer.echo(f"   {dim('definition:')} {c.definition}")


def _print_lookup(result: LookupResult) -> None:
    if not result.hits:
        typer.echo(f"No term found for {result.query!r}.")
        if result.suggestions:
            typer.echo("Did you mean: " + ", ".join(result.suggestions) + "?")
        else:
            typer.echo("No suggestion: no term shares a word with it or is spelled like it.")
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


# -- termbase import / export / delete / stats ---------------------------------------------

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
ImportColumnsOpt = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="MAP",
        help="TSV/CSV column mapping, e.g. 'zh=zh,en=en,zh_aliases=zh:admitted,code=id', "
        "'1=en,2=zh,3=note' or 'omegat:en-zh' (default: from the header row; a file "
        "without one is an OmegaT glossary, Chinese first).",
    ),
]
SourceLangOpt = Annotated[
    str | None,
    typer.Option(
        "--source-lang",
        metavar="zh|en",
        help="Which side of a file without a header (an OmegaT glossary: source TAB "
        "target TAB comment) is the source: its language of column 1 (default: zh).",
    ),
]
ExportColumnsOpt = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="MAP",
        help="TSV/CSV columns to write, e.g. 'id=id,zh=zh,en=en,note=note' or "
        "'omegat:en-zh' (default: every column, with a header, for .tsv/.csv; OmegaT's "
        "Chinese TAB English TAB comment for .txt/.utf8/.tab).",
    ),
]
OriginsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--origin",
        metavar="NAME",
        help="Only concepts of this origin (the file that brought them; `untm termbase "
        "stats` lists them). Repeat for several.",
    ),
]
SubjectsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--subject",
        metavar="NAME",
        help="Only concepts of this subject field. Repeat for several.",
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
    columns: ImportColumnsOpt = None,
    source_lang: SourceLangOpt = None,
    encoding: EncodingOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Merge a termbase file into the database.

    Formats: TBX v3 (TBX-Basic) and TBX 2 (martif), told apart by the root element
    of a .tbx file; TSV (.tsv) and CSV (.csv) with a header row naming the columns
    (zh, en, zh_aliases, note, id, evidence, ...); OmegaT glossaries (.txt, .utf8,
    .tab): Chinese TAB English TAB comment, no header (--source-lang en or --columns
    omegat:en-zh for English first). Only Chinese and English are kept: other
    languages are skipped with a warning, and so are table rows that lack the Chinese
    or the English term.

    The import is one transaction: a bad file changes nothing (one line 'Error:
    <file>: line N: <problem>', exit status 2). Re-importing a file changes nothing
    either: concepts merge by id, else by their term pair.

    \b
    Examples:
      untm termbase import team-glossary.tbx
      untm termbase import undrr.tsv --columns zh=zh,en=en,zh_aliases=zh:admitted,code=id
      untm termbase import en-zh.utf8 --source-lang en
    """
    from untm.termbase import api as tb

    db = state(ctx).db()
    report = tb.import_file(
        db,
        file,
        fmt=fmt,
        columns=_columns(columns),
        encoding=encoding,
        source_lang=_source_lang(source_lang),
    )
    if as_json:
        emit_json(_import_json(report) | {"untm": provenance(db)})
    else:
        _print_import(report)


def _source_lang(value: str | None) -> Lang | None:
    try:
        return lang_option(value)
    except UsageError as exc:
        raise UsageError(f"--source-lang: {exc}") from None


def _import_json(report: ImportReport) -> dict[str, Any]:
    return {
        "source": report.source,
        "concepts_added": report.concepts_added,
        "concepts_merged": report.concepts_merged,
        "terms_added": report.terms_added,
        "skipped": report.skipped,
        "warnings": list(report.warnings),
    }


def _print_import(report: ImportReport) -> None:
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
    columns: ExportColumnsOpt = None,
    origins: OriginsOpt = None,
    subjects: SubjectsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Write the termbase, or the concepts of some origins and subjects, to a file.

    The format follows the file name unless --format is given: .tbx is TBX v3
    (TBX-Basic, valid against the TBX schemas; --format tbx2 writes the TBX 2 that
    OmegaT 3.6 and translate-toolkit read); .tsv and .csv have a header row and
    every column untm keeps; .txt, .utf8 and .tab are OmegaT glossaries: Chinese
    TAB English TAB comment, no header (--columns omegat:en-zh puts English
    first). The file is replaced only once it is complete. With --origin and
    --subject, a concept is written if it has any of the origins and any of the
    subjects given.

    \b
    Examples:
      untm termbase export glossary.tbx
      untm termbase export glossary-tbx2.tbx --format tbx2
      untm termbase export omegat/glossary/un.utf8
      untm termbase export team.tbx --origin team-glossary.tsv
      untm termbase export uncac.tsv --subject UNCAC --subject "asset recovery"
      untm termbase export - --format csv > glossary.csv
    """
    from untm.termbase import api as tb

    if as_json and str(file) == "-":
        raise UsageError("--json cannot be used when the export itself goes to stdout (-)")
    db = state(ctx).db()
    report = tb.export_file(
        db,
        file,
        fmt=fmt,
        columns=_columns(columns),
        origins=origins or (),
        subjects=subjects or (),
    )
    if as_json:
        emit_json(_export_json(report, origins or [], subjects or []) | {"untm": provenance(db)})
    elif str(file) != "-":
        typer.echo(
            f"{file}: {report.concepts} concepts written ({report.format.value}, {report.layout})",
            err=True,
        )


def _export_json(report: ExportReport, origins: list[str], subjects: list[str]) -> dict[str, Any]:
    return {
        "file": report.target,
        "format": report.format.value,
        "layout": report.layout,
        "concepts": report.concepts,
        "origins": origins,
        "subjects": subjects,
    }


@termbase_app.command("delete", cls=UntmCommand)
def termbase_delete(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...",
            help="Concept ids (untm lookup shows them).",
            show_default=False,
        ),
    ] = None,
    origin: Annotated[
        str | None,
        typer.Option(
            "--origin",
            metavar="NAME",
            help="Delete every concept of this origin (`untm termbase stats` lists them).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Delete concepts by id, or every concept one file brought.

    One transaction: an id or origin the termbase does not have is an error (exit
    status 2) and nothing is deleted. A concept's origin is the file that first
    brought it; a file that only merged terms into existing concepts has none.
    Deleting the origin 'untm UN glossary' takes the shipped glossary out for good:
    the concepts you changed are kept, and it is not loaded or updated again.

    \b
    Examples:
      untm termbase delete tsv-3f2a9c0d1b7e
      untm termbase delete --origin team-glossary.tsv
    """
    from untm.termbase import api as tb

    if bool(ids) == (origin is not None):
        raise UsageError("give concept ids or --origin, not both; see untm termbase delete --help")
    db = state(ctx).db()
    report = tb.delete(db, ids=ids or (), origin=origin)
    if as_json:
        emit_json(
            {
                "origin": origin,
                "deleted": list(report.deleted),
                "terms": report.terms,
                "kept": list(report.kept),
                "untm": provenance(db),
            }
        )
    else:
        _print_delete(report, by_id=bool(ids))


def _print_delete(report: DeleteReport, *, by_id: bool) -> None:
    deleted = f"{plural(len(report.deleted), 'concept')} deleted ({plural(report.terms, 'term')})"
    if by_id:
        deleted += ": " + ", ".join(report.deleted)
    typer.echo(deleted)
    if report.kept:
        typer.echo(
            f"{plural(len(report.kept), 'concept')} kept because you changed "
            + ("it: " if len(report.kept) == 1 else "them: ")
            + ", ".join(report.kept)
        )


#: How concepts without a subject field are shown where subjects are listed.
NO_SUBJECT = "(no subject)"


@termbase_app.command("stats", cls=UntmCommand)
def termbase_stats(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """How many concepts and terms, by status, subject and origin.

    Concepts without a subject field are counted as (no subject), after the others.
    """
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
                "without_subject": s.without_subject,
                "origins": dict(s.origins),
                "untm": provenance(db),
            }
        )
        return
    subjects = [f"{k} {v}" for k, v in s.by_subject]
    if s.without_subject:
        subjects.append(f"{NO_SUBJECT} {s.without_subject}")
    typer.echo(f"{s.concepts} concepts, {s.terms_zh} Chinese and {s.terms_en} English terms")
    typer.echo("status:   " + (", ".join(f"{k.value} {v}" for k, v in s.by_status) or "none"))
    typer.echo("subjects: " + (", ".join(subjects) or "none"))
    typer.echo("origins:  " + (", ".join(f"{k} {v}" for k, v in s.origins) or "none"))


# -- the database ----------------------------------------------------------------------------


def info_cmd(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Where the database is and what made it.

    Shows the file, the untm version that created it, the normalization and the
    scorer recorded in it, whether the shipped glossary was loaded and what its
    last update did.
    """
    db = state(ctx).db()
    meta = dict(db.all_meta())
    if as_json:
        emit_json({"database": str(db.path), "meta": meta, "untm": provenance(db)})
        return
    typer.echo(f"database: {db.path}")
    for k, v in sorted(meta.items()):
        typer.echo(f"{k}: {v}")


def init_cmd(
    ctx: typer.Context,
    no_glossary: Annotated[
        bool,
        typer.Option("--no-glossary", help="Create it without the shipped UN glossary."),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Create the database, with the shipped UN glossary unless --no-glossary.

    The file is --db, UNTM_DB or the default. Every command creates the database when
    it does not exist; init does only that, and says what is there. An existing untm
    database is left as it is.

    \b
    Examples:
      untm init
      untm --db team.db init --no-glossary
    """
    from untm.db import default_db_path
    from untm.termbase import api as tb
    from untm.termbase.glossary import GLOSSARY_ORIGIN

    st = state(ctx)
    st.glossary = st.glossary and not no_glossary
    path = st.db_path or default_db_path()
    existed = path.exists() and path.stat().st_size > 0
    db = st.db()
    loaded = db.meta("glossary_loaded") == "yes"
    if existed and loaded and not st.glossary:
        raise UsageError(
            f"{db.path}: exists, with the shipped glossary; --no-glossary applies when a file "
            f"is created (untm termbase delete --origin '{GLOSSARY_ORIGIN}' takes it out)"
        )
    concepts = tb.stats(db).concepts
    if as_json:
        emit_json(
            {
                "database": str(db.path),
                "created": not existed,
                "glossary": loaded,
                "concepts": concepts,
                "untm": provenance(db),
            }
        )
        return
    what = "created" if not existed else "already an untm database"
    glossary = "with the shipped UN glossary" if loaded else "without the shipped glossary"
    typer.echo(f"{db.path}: {what}, {glossary} ({plural(concepts, 'concept')})")
