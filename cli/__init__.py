"""Command-line interface (thin typer layer over the library)."""


def main() -> None:
    from .app import run

    run()
