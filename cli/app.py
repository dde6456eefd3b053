"""The root typer application: global options, sub-apps, and the one error handler.

Every error a user can cause ends here as one line on stderr and exit status 2: an
:class:`~untm.errors.UntmError` from the library (``Error: <file>: line N: <problem>``)
and a command-line mistake found by click (``Error: --limit: 0 is not in the range
x>=1``, ``Error: missing argument QUERY; see untm lookup --help``). Help stays help:
``untm``, ``untm tm`` without a command, ``-h`` and ``--help`` print it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from untm._version import __version__
from untm.errors import UntmError

from . import align_cmds, lint_cmd, termbase_cmds, tm_cmds
from .common import APP_SETTINGS, State, UntmCommand, is_help_request, state, usage_message


def _fail(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


class UntmGroup(TyperGroup):
    """Catches every error once: ``Error: <message>`` on stderr, exit status 2."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        # Parsing the root's own options (``untm --bogus``, ``untm`` alone).
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as exc:  # click's UsageError and friends
            if is_help_request(exc):
                raise
            _fail(usage_message(exc))

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click Context
        try:
            return super().invoke(ctx)
        except UntmError as exc:
            _fail(str(exc))
        except typer.TyperException as exc:  # a sub-command's arguments, an unknown command
            if is_help_request(exc):
                raise
            _fail(usage_message(exc))
        except BrokenPipeError:  # `untm ... | head`
            sys.stderr.close()
            raise typer.Exit(0) from None
        finally:
            if isinstance(ctx.obj, State):
                ctx.obj.close()


app = typer.Typer(name="untm", cls=UntmGroup, **APP_SETTINGS)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"untm {__version__}")
        raise typer.Exit()


@app.callback(
    epilog="Exit status: 0 found or done, 1 nothing found (lookups), 2 any error (one "
    "line 'Error: ...' on stderr). 'untm COMMAND --help' tells more; --json gives "
    "machine-readable output."
)
def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="UNTM_DB",
            metavar="PATH",
            help="Database file (default: untm.db in your user-data directory). "
            "Created with the UN glossary on first use (see --no-glossary).",
            show_envvar=True,
        ),
    ] = None,
    no_glossary: Annotated[
        bool,
        typer.Option(
            "--no-glossary",
            help="A database this command creates gets no shipped UN glossary (an existing "
            "one is left as it is).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Terminology and translation memory for Chinese-English UN documents.

    \b
    Examples:
      untm lookup 缔约国
      untm lookup "State party" --json
      untm terms find report.txt
      untm termbase import team-glossary.tbx
      untm tm import memory.tmx
      untm tm lookup "大会决定将该项目列入临时议程。"
    """
    st = state(ctx)
    st.db_path = db
    st.glossary = not no_glossary


app.command("lookup", cls=UntmCommand)(termbase_cmds.lookup_cmd)
app.command("info", cls=UntmCommand)(termbase_cmds.info_cmd)
app.command("init", cls=UntmCommand, short_help="Create the database.")(termbase_cmds.init_cmd)
app.add_typer(termbase_cmds.termbase_app, name="termbase")
app.add_typer(termbase_cmds.terms_app, name="terms")
app.add_typer(tm_cmds.tm_app, name="tm")
app.add_typer(align_cmds.align_app, name="align")
app.command("lint", cls=UntmCommand)(lint_cmd.lint_cmd)


def run() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        sys.exit(130)
