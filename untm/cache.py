"""A per-user cache of derived data (dictionaries parsed from packaged files).

Parsing CC-CEDICT or jieba's dictionary takes a second or two; every ``untm align``
process needs the result, which depends only on the package versions. It is kept as
a pickle in the platform's user cache directory (``$UNTM_CACHE`` overrides), written
to a temporary file and renamed, so that concurrent processes never read half a file.
Anything unreadable is recomputed: the cache is never a reason to fail.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    env = os.environ.get("UNTM_CACHE")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("untm", appauthor=False))


def cached_pickle(name: str, make: Callable[[], T]) -> T:
    """``make()``, or what an earlier call with this ``name`` stored."""
    path = cache_dir() / f"{name}.pickle"
    try:
        with path.open("rb") as f:
            value: T = pickle.load(f)
        return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    value = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:  # a read-only home: work without the cache
        pass
    return value
