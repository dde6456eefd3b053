"""The translation memory as an area of the untm file (imported by every command: light)."""

from __future__ import annotations

from untm.db import Database
from untm.grams import TM_GRAMS

#: Bump when a memory table changes.
TM_SCHEMA = 4


class TmArea:
    """:class:`untm.db.Area` of the translation memory."""

    name = "tm"

    def stamp(self) -> str:
        return f"schema {TM_SCHEMA}; grams {TM_GRAMS}"

    def ensure(self, db: Database, *, new: bool) -> None:
        del new  # a new memory is empty
        from .store import ensure_schema  # only when the file needs it: lookups stay light

        ensure_schema(db)
