"""What every command shares: the database option, --json, output helpers."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from untm._version import __version__
from untm.db import Database, open_db
from untm.errors import UsageError
from untm.text.lang import Lang, parse_lang

JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print machine-readable JSON (stable shape) instead of text.")
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", "-l", help="Language of the query: zh or en (default: detected)."),
]


def lang_option(value: str | None) -> Lang | None:
    """The --lang value as a Lang (None means detect); a bad value is a UsageError."""
    if value is None:
        return None
    try:
        return parse_lang(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


@dataclass
class State:
    """Options of the root command, handed to sub-commands through the typer context."""

    db_path: Path | None = None
    _db: Database | None = None

    def db(self) -> Database:
        """The database, opened (and created with the shipped glossary) on first use."""
        if self._db is None:
            self._db = open_db(self.db_path)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def provenance(db: Database | None) -> dict[str, Any]:
    """Recorded in every JSON result so it can be reproduced."""
    out: dict[str, Any] = {"version": __version__}
    if db is not None:
        out["database"] = str(db.path)
        out["normalization"] = db.meta("normalization")
    return out


def emit_json(payload: dict[str, Any]) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def is_tty(stream: Any = None) -> bool:
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def bold(text: str) -> str:
    return typer.style(text, bold=True) if is_tty() else text


def dim(text: str) -> str:
    return typer.style(text, dim=True) if is_tty() else text


def highlight(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """Mark spans: reverse video on a terminal, ``[[...]]`` elsewhere."""
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        hit = text[start:end]
        out.append(typer.style(hit, fg="yellow", bold=True) if is_tty() else f"[[{hit}]]")
        last = end
    out.append(text[last:])
    return "".join(out)
