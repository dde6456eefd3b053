"""The termbase as an area of the untm file: its tables, and the shipped glossary.

A new file gets the shipped UN glossary unless asked not to; a file that has it is
brought up to date when untm's glossary changes (:func:`.glossary.sync_shipped`), and
term keys are recomputed when the normalization changes.
"""

from __future__ import annotations

import functools
import hashlib

from untm.db import Database
from untm.text.normalize import NORMALIZATION

from . import glossary, review
from .store import ensure_schema

#: Bump when a termbase table changes.
TERMBASE_SCHEMA = 3  # 3: concept evidence and attestation; tb_generation and tb_cache


@functools.cache
def glossary_digest() -> str:
    """A digest of the shipped glossary source: a changed glossary changes the stamp."""
    return hashlib.sha256(glossary.glossary_path().read_bytes()).hexdigest()[:16]


class TermbaseArea:
    """:class:`untm.db.Area` of the termbase."""

    name = "termbase"

    def __init__(self, *, glossary: bool = True) -> None:
        #: Whether a *new* file gets the shipped glossary (an existing file keeps its choice).
        self.glossary = glossary

    def stamp(self) -> str:
        return f"schema {TERMBASE_SCHEMA}; {NORMALIZATION}; glossary {glossary_digest()}"

    def ensure(self, db: Database, *, new: bool) -> None:
        ensure_schema(db)
        review.ensure_schema(db)  # tb_rejected: pairs a review of proposals rejected
        _ensure_generation(db)
        db.set_meta("normalization", NORMALIZATION)
        if new or db.meta("glossary_loaded") is None:
            db.set_meta("glossary_loaded", "yes" if self.glossary else "no")
        if db.meta("glossary_loaded") == "yes" and db.meta("glossary_digest") != glossary_digest():
            glossary.sync_shipped(db)
            db.set_meta("glossary_digest", glossary_digest())


def _ensure_generation(db: Database) -> None:
    """A counter of termbase changes (``tb_generation``), bumped by triggers, and the
    cache of what is derived from the terms (the matcher), valid for one generation.

    Triggers rather than calls in the store, so that no write path can forget it: every
    change to a concept re-inserts its row, every re-key updates its terms.
    """
    db.conn.execute(
        "CREATE TABLE IF NOT EXISTS tb_cache "
        "(name TEXT PRIMARY KEY, stamp TEXT NOT NULL, data BLOB NOT NULL)"
    )
    db.conn.execute("INSERT OR IGNORE INTO untm_meta(key, value) VALUES ('tb_generation', '0')")
    bump = "UPDATE untm_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'tb_generation'"
    for name, event in (
        ("tb_concepts_insert", "AFTER INSERT ON tb_concepts"),
        ("tb_concepts_delete", "AFTER DELETE ON tb_concepts"),
        ("tb_concepts_update", "AFTER UPDATE ON tb_concepts"),
        ("tb_terms_update", "AFTER UPDATE ON tb_terms"),
        ("tb_terms_insert", "AFTER INSERT ON tb_terms"),
        ("tb_terms_delete", "AFTER DELETE ON tb_terms"),
    ):
        db.conn.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {event} BEGIN {bump}; END")
