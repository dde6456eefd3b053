"""The untm file as users know it: termbase and memory in one SQLite database.

This is the one place that knows which areas exist and what a new file gets (the
shipped UN glossary); it sits above ``termbase`` and ``tm`` in the layering drawn in
:mod:`untm.db`, so neither area nor the core needs to know the other.
"""

from __future__ import annotations

import os

from untm.db import Database, open_database
from untm.termbase.area import TermbaseArea
from untm.tm.area import TmArea


def open_db(
    path: str | os.PathLike[str] | None = None,
    *,
    glossary: bool = True,
    create_parents: bool | None = None,
) -> Database:
    """Open the untm database (default: ``$UNTM_DB`` or the user-data directory).

    A new file gets the termbase and memory tables and, unless ``glossary`` is False,
    the shipped UN glossary, in one transaction. An explicit ``path`` in a directory
    that does not exist is an error (see :func:`untm.db.open_database`).
    """
    return open_database(
        path, (TermbaseArea(glossary=glossary), TmArea()), create_parents=create_parents
    )


__all__ = ["Database", "open_db"]
