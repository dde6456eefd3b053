"""What every command shares: the database option, --json, output helpers, and the
command-line conventions (one-line usage errors, plain help, light imports).

This module is imported by every ``untm`` process before any command runs, so it
imports nothing heavy: library modules are imported inside the command functions
(``untm lookup`` must not pay for lxml, the memory or the TBX readers).
"""

from __future__ import annotations

import importlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click import exceptions as click_errors  # typer (pinned) vendors click
from typer.core import TyperCommand

from untm._version import __version__
from untm.errors import UsageError
from untm.text.lang import Lang, parse_lang

if TYPE_CHECKING:
    from untm.db import Database

JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print machine-readable JSON (stable shape) instead of text.")
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-l",
        metavar="zh|en",
        help="Language of the query (default: detected from the text).",
    ),
]


def check_score(value: float | None) -> float | None:
    """Option callback: a score is a number from 0 to 100 (NaN is none)."""
    if value is not None and not 0 <= value <= 100:
        raise typer.BadParameter("must be between 0 and 100")
    return value


#: ``--min-score`` of every command that ranks by a score (lookup, tm lookup): 0-100,
#: ``Error: --min-score: must be between 0 and 100`` otherwise.
MinScoreOpt = Annotated[
    float,
    typer.Option(
        "--min-score",
        metavar="SCORE",
        callback=check_score,
        help="Lowest score shown, from 0 to 100.",
    ),
]


def lang_option(value: str | None) -> Lang | None:
    """The --lang value as a Lang (None means detect); a bad value is a UsageError."""
    if value is None:
        return None
    try:
        return parse_lang(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def not_blank(value: str) -> str:
    """Argument callback: an empty or blank query is a usage error, not a miss."""
    if not value.strip():
        raise typer.BadParameter("must not be empty")
    return value


# ----------------------------------------------------------------- typer conventions


class UntmCommand(TyperCommand):
    """A command whose help reads like a mature CLI: ``untm lookup [OPTIONS] QUERY``,
    ``--origin ORIGIN``, ``--format [tmx|tsv|text]`` (typer would write ``{query}``,
    ``<str>`` and ``<tmx|tsv|text>``). Explicit metavars are kept."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.metavar is not None or getattr(param, "is_flag", False):
                continue
            choices = getattr(param.type, "choices", None)
            if param.param_type_name == "option" and choices:
                param.metavar = "[" + "|".join(str(c) for c in choices) + "]"
            else:
                param.metavar = (param.name or "value").upper()

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click_errors.UsageError as exc:
            if exc.ctx is None:  # the option parser leaves it out: name this command
                exc.ctx, exc.cmd = ctx, self
            raise

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [
            p[1:-1] if p.startswith("{") and p.endswith("}") else p
            for p in super().collect_usage_pieces(ctx)
        ]


#: Settings shared by the root app and every sub-app: plain click help (no Rich boxes),
#: ``-h`` as well as ``--help``, help when a group is called without a command.
APP_SETTINGS: dict[str, Any] = {
    "no_args_is_help": True,
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"], "max_content_width": 100},
}


def sub_app(help: str) -> typer.Typer:
    """A typer sub-app (``untm termbase``, ``untm tm``...) with the shared settings."""
    return typer.Typer(help=help, **APP_SETTINGS)


def is_help_request(exc: BaseException) -> bool:
    """True for click's "no arguments, so show the help" signal (not an error)."""
    return isinstance(exc, click_errors.NoArgsIsHelpError)


def usage_message(exc: typer.TyperException) -> str:
    """A click parsing error as one line: ``--limit: 0 is not in the range x>=1``,
    ``missing argument QUERY; see untm lookup --help``."""
    ctx = getattr(exc, "ctx", None)
    see = f"; see {ctx.command_path} --help" if ctx is not None else "; see untm --help"
    if isinstance(exc, click_errors.MissingParameter) and exc.param is not None:
        kind = "option" if exc.param.param_type_name == "option" else "argument"
        return f"missing {kind} {_param_name(exc.param)}{see}"
    if isinstance(exc, click_errors.BadParameter):
        text = _sentence(exc.message)
        for typed, plain in _TYPE_NAMES:
            text = text.replace(typed, plain)
        if exc.param is not None:
            return f"{_param_name(exc.param)}: {text}"
        if exc.param_hint:
            hint = exc.param_hint if isinstance(exc.param_hint, str) else exc.param_hint[0]
            return f"{hint.strip(chr(39))}: {text}"
        return text
    if isinstance(exc, click_errors.NoSuchOption):
        text = f"no such option {exc.option_name}"
        if exc.possibilities:
            text += f" (did you mean {' or '.join(sorted(exc.possibilities))}?)"
        return text + see
    if isinstance(exc, click_errors.UsageError):
        return _sentence(exc.format_message()) + see
    return _sentence(exc.format_message())


#: click's names of range types, as a user would say them
_TYPE_NAMES = (
    ("valid int range", "valid integer"),
    ("valid float range", "valid number"),
    ("valid float", "valid number"),
)


def _param_name(param: Any) -> str:
    """``--limit`` for an option (its longest name), ``QUERY`` for an argument."""
    if param.param_type_name == "option":
        return str(max(param.opts, key=len))
    return str(param.metavar or (param.name or "argument").upper())


def _sentence(text: str) -> str:
    """One line, first letter lower case (after ``Error:``), no final full stop."""
    text = " ".join(str(text).split()).rstrip(".")
    if text[:1].isupper() and not text[1:2].isupper():
        text = text[0].lower() + text[1:]
    return text


class LazyModule:
    """A module imported on first attribute access.

    Lets a command module name a heavy library module at the top (``tmapi.lookup``)
    without importing it when another command runs. Type checkers see the real module
    through an ``if TYPE_CHECKING`` import of the same name.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


# ----------------------------------------------------------------- state and output


@dataclass
class State:
    """Options of the root command, handed to sub-commands through the typer context."""

    db_path: Path | None = None
    #: whether a database this command creates gets the shipped glossary (--no-glossary)
    glossary: bool = True
    _db: Database | None = None

    def db(self) -> Database:
        """The database, opened on first use (and created, with the shipped glossary
        unless --no-glossary, when it does not exist)."""
        if self._db is None:
            from untm.workspace import open_db

            self._db = open_db(self.db_path, glossary=self.glossary)
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


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 unit``, ``2 units``, ``1,234 units``."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


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
