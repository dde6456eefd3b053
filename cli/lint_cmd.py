"""``untm lint``: term and consistency checks of a translation, both directions.

The checks (the term matcher, the reference parser, translate-toolkit's readers, the
aligner) are imported when the command runs.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from untm.errors import UsageError

from .common import JsonOpt, bold, emit_json, is_tty, provenance, state

if TYPE_CHECKING:
    from untm.db import Database
    from untm.lint.model import LintResult, Severity


class FailOn(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


class InputFormat(StrEnum):
    XLIFF = "xliff"
    PO = "po"
    TMX = "tmx"
    TSV = "tsv"
    CSV = "csv"


_RULES_HELP = (
    "Checks to run, comma-separated or repeated: term-missing, term-forbidden, "
    "term-inconsistent, number, date, symbol, reference, untranslated, brackets; or the "
    "groups terms, refs, all (default: all)."
)


def lint_cmd(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="FILE",
            help="XLIFF 1.2 or 2.x, PO, TMX, or a two-column TSV/CSV (source, target).",
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="FILE",
            help="A whole source document (text, .docx or .pdf), linted with --target.",
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            metavar="FILE",
            help="The translation of --source, aligned with it sentence by sentence.",
        ),
    ] = None,
    from_lang: Annotated[
        str | None,
        typer.Option("--from", metavar="zh|en", help="Source language (default: the file's)."),
    ] = None,
    to_lang: Annotated[
        str | None,
        typer.Option("--to", metavar="zh|en", help="Target language (default: the file's)."),
    ] = None,
    fmt: Annotated[
        InputFormat | None,
        typer.Option("--format", "-f", help="The file's format (default: from its name)."),
    ] = None,
    rules: Annotated[
        list[str] | None, typer.Option("--rules", metavar="LIST", help=_RULES_HELP)
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at least this severe (default: error).",
        ),
    ] = FailOn.ERROR,
    ignore: Annotated[
        str | None,
        typer.Option(
            "--ignore",
            metavar="FILE",
            help="Suppressions (default: .untmignore in the current directory, if any).",
        ),
    ] = None,
    sarif: Annotated[
        bool, typer.Option("--sarif", help="Print SARIF 2.1.0 (for code-review tools).")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Check a translation against the termbase: terms, numbers, dates, symbols,
    references, untranslated text and brackets, segment by segment.

    Both directions: Chinese to English, and English to Chinese (the UN's usual one).
    The direction is the file's (XLIFF and TMX languages, PO Language header, a TSV
    header such as "en<TAB>zh"), or --from/--to, or read from the texts. Segments are
    named by unit id (XLIFF, PO, TMX), 1-based row (TSV, CSV; a header is row 1) or
    1-based source sentence (documents).

    A suppression file (.untmignore, --ignore) has one line per suppression: a rule id
    or *, then optionally a segment hash (from the report) or *, then optionally a term.

    Exit status: 0 no finding at or above --fail-on, 1 some, 2 an input error.

    \b
    Examples:
      untm lint translation.xlf
      untm lint memory.tmx --rules terms,refs --json
      untm lint --source report-en.pdf --target report-zh.txt
      untm lint pairs.tsv --from en --to zh --sarif > lint.sarif
    """
    result, db = _lint(
        ctx, file, source, target, from_lang, to_lang, fmt, rules, ignore, as_json, sarif
    )
    _output(result, as_json, sarif, db)
    threshold = None if fail_on is FailOn.NEVER else _severity(fail_on.value)
    if result.fails(threshold):
        raise typer.Exit(1)


def _lint(
    ctx: typer.Context,
    file: str | None,
    source: str | None,
    target: str | None,
    from_lang: str | None,
    to_lang: str | None,
    fmt: InputFormat | None,
    rules: list[str] | None,
    ignore: str | None,
    as_json: bool,
    sarif: bool,
) -> tuple[LintResult, Database | None]:
    """The options checked, then the file or the documents linted."""
    from untm.lint import api
    from untm.lint.ignore import default_ignore_file
    from untm.lint.readers import parse_direction_option

    if as_json and sarif:
        raise UsageError("give --json or --sarif, not both")
    documents = source is not None or target is not None
    if documents and file is not None:
        raise UsageError("give FILE, or --source and --target, not both")
    if documents and (source is None or target is None):
        raise UsageError("--source and --target go together")
    if not documents and file is None:
        raise UsageError("missing argument FILE (or --source and --target); see untm lint --help")
    src = parse_direction_option(from_lang, "--from")
    tgt = parse_direction_option(to_lang, "--to")
    chosen = api.select_rules(rules)
    from untm.lint.model import TERM_RULES

    db = state(ctx).db() if set(chosen) & TERM_RULES else None
    ignore_file = ignore if ignore is not None else default_ignore_file()
    if documents:
        assert source is not None and target is not None
        result = api.lint_documents(
            source, target, db=db, source=src, target=tgt, rules=chosen, ignore=ignore_file
        )
    else:
        assert file is not None
        result = api.lint_file(
            file,
            db=db,
            fmt=fmt.value if fmt is not None else None,
            source=src,
            target=tgt,
            rules=chosen,
            ignore=ignore_file,
        )
    return result, db


def _severity(name: str) -> Severity:
    from untm.lint.model import Severity

    return Severity(name)


def _output(result: LintResult, as_json: bool, sarif: bool, db: object) -> None:
    from untm.lint import report

    for w in result.warnings:
        typer.echo(f"Warning: {w}", err=True)
    if sarif:
        typer.echo(json.dumps(report.sarif_payload(result), ensure_ascii=False, indent=2))
        return
    if as_json:
        emit_json(report.json_payload(result, provenance(db)))  # type: ignore[arg-type]
        return
    from .common import highlight

    def style(text: str, severity: Severity) -> str:
        if not is_tty():
            return text
        colour = {"error": "red", "warning": "yellow"}.get(severity.value, "blue")
        return typer.style(text, fg=colour, bold=True)

    for line in report.text_lines(result, mark=highlight, style=style):
        typer.echo(bold(line) if line.startswith("segment ") else line)
    typer.echo(report.summary_line(result), err=True)
