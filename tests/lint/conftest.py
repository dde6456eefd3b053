"""Fixtures of the lint tests: one database with the shipped glossary for the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from untm.db import Database
from untm.workspace import open_db

DATA = Path(__file__).resolve().parent / "data"
IGNORE = DATA / "reference.untmignore"


@pytest.fixture(scope="session")
def glossary_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lint") / "untm.db"
    open_db(path).close()
    return path


@pytest.fixture(scope="session")
def gdb(glossary_db_file: Path) -> Iterator[Database]:
    db = open_db(glossary_db_file)
    yield db
    db.close()
