"""The root typer application: global options, sub-apps, and the one error handler."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from untm._version import __version__
from untm.errors import UntmError

from . import termbase_cmds, tm_cmds
from .common import State, state


class UntmGroup(TyperGroup):
    """Catches every UntmError once: ``Error: <message>`` on stderr, exit status 2."""

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click Context
        try:
            return super().invoke(ctx)
        except UntmError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(2) from None
        except BrokenPipeError:  # `untm ... | head`
            sys.stderr.close()
            raise typer.Exit(0) from None
        finally:
            if isinstance(ctx.obj, State):
                ctx.obj.close()


app = typer.Typer(
    name="untm",
    cls=UntmGroup,
    help="Terminology and translation memory for Chinese-English UN documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"untm {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="UNTM_DB",
            help="Database file (default: untm.db in your user-data directory). "
            "Created with the UN glossary on first use.",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """untm: look up UN terminology, reuse translations, check consistency."""
    state(ctx).db_path = db


app.command("lookup", help=termbase_cmds.lookup_cmd.__doc__)(termbase_cmds.lookup_cmd)
app.command("info")(termbase_cmds.info_cmd)
app.add_typer(termbase_cmds.termbase_app, name="termbase")
app.add_typer(termbase_cmds.terms_app, name="terms")
app.add_typer(tm_cmds.tm_app, name="tm")


def run() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        sys.exit(130)
