"""Helpers importable by any test module (``from tests.support import need_shared``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("UNTM_SHARED", ROOT.parent / "shared"))


def need_shared(*parts: str) -> Path:
    """Path under ../shared, or skip the calling test with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the ../shared reference material is not checked out)")
    return path
