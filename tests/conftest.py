"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import need_shared


@pytest.fixture
def shared() -> Path:
    return need_shared()


@pytest.fixture
def seed_texts() -> dict[str, str]:
    """The five seed documents, by file name."""
    seeds = need_shared("seeds")
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("0*.txt"))}


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh database path; UNTM_DB points at it so nothing touches the user's own."""
    path = tmp_path / "untm.db"
    monkeypatch.setenv("UNTM_DB", str(path))
    return path
