"""Fixtures of the translation-memory tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tm.helpers import new_db
from untm.db import Database


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """An empty database at ``db_path`` (also ``$UNTM_DB``), closed afterwards."""
    database = new_db(db_path)
    yield database
    database.close()
