"""The root typer application: global options, sub-apps, and the one error handler."""

from __future__ import annotations

import sys

import typer

from untm.errors import UntmError

app = typer.Typer(
    name="untm",
    help="Terminology and translation memory for Chinese-English UN documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def run() -> None:
    """Entry point: run the app; any UntmError becomes one line on stderr and exit 2."""
    try:
        app(standalone_mode=False)
    except UntmError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        sys.exit(2)
