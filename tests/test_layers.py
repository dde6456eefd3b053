"""The layering drawn in ``untm/db.py``: no module imports a layer above its own.

Every import statement of every module (top-level, inside functions and under
``TYPE_CHECKING`` alike, since a deferred import is still a dependency) is read with
``ast`` and its target resolved to a layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Folder (or core module) -> the untm layer names it may import.
CORE = {"core"}
ALLOWED = {
    "core": CORE,
    "text": CORE | {"text"},
    "termbase": CORE | {"text", "termbase", "glossaries"},
    "tm": CORE | {"text", "tm"},
    "align": CORE | {"text", "termbase", "tm", "align"},
    "lint": CORE | {"text", "termbase", "tm", "align", "lint"},
    "workspace": CORE | {"text", "termbase", "tm", "glossaries", "workspace"},
    "cli": CORE | {"text", "termbase", "tm", "align", "lint", "workspace", "cli", "glossaries"},
    "glossaries": CORE | {"glossaries"},
}
FOLDERS = ("text", "termbase", "tm", "align", "lint", "cli", "glossaries")


def layer_of_module(name: str) -> str | None:
    """The layer of a dotted untm module name (None for third-party modules)."""
    parts = name.split(".")
    if parts[0] != "untm":
        return None
    if len(parts) == 1:
        return "core"
    if parts[1] in FOLDERS:
        return parts[1]
    if parts[1] == "workspace":
        return "workspace"
    return "core"


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[0] != "untm":
        parts = ["untm", *parts]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    me = module_name(path).split(".")
    package = me if path.name == "__init__.py" else me[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            out.append((node.lineno, target))
    return out


def sources() -> list[Path]:
    files = sorted((ROOT / "untm").glob("*.py"))
    for folder in FOLDERS:
        files += sorted((ROOT / folder).rglob("*.py"))
    return files


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_a_layer_above_it(path: Path) -> None:
    mine = layer_of_module(module_name(path))
    assert mine is not None
    if module_name(path) in ("untm", "untm.__main__"):
        mine = "cli"  # the package entry points start the command line
    bad = [
        f"line {line}: {target} ({layer})"
        for line, target in imports_of(path)
        if (layer := layer_of_module(target)) is not None and layer not in ALLOWED[mine]
    ]
    assert not bad, f"{path.relative_to(ROOT)} ({mine}) imports above its layer: {bad}"


def test_the_checker_resolves_layers() -> None:
    """The resolver itself, so that a pass above cannot come from resolving nothing."""
    assert layer_of_module("untm.termbase.store") == "termbase"
    assert layer_of_module("untm.db") == "core"
    assert layer_of_module("untm.workspace") == "workspace"
    assert layer_of_module("sqlite3") is None
    assert "termbase" not in ALLOWED["core"]
    assert "tm" not in ALLOWED["termbase"]
    # relative imports resolve against the package: termbase/area.py's "from .store"
    found = dict((t, n) for n, t in imports_of(ROOT / "termbase" / "area.py"))
    assert "untm.termbase.store" in found and "untm.db" in found


def test_the_core_database_module_knows_no_area() -> None:
    """The issue's own check: untm/db.py imports nothing from termbase, tm, glossaries."""
    targets = [t for _, t in imports_of(ROOT / "untm" / "db.py")]
    assert not [t for t in targets if t.split(".")[:2] in (["untm", "termbase"], ["untm", "tm"])]
    assert not [t for t in targets if "glossar" in t or t.startswith("untm.text")]
