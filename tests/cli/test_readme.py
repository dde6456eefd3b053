"""Every shell example in README.md runs.

Convention for README authors: examples live in fenced blocks tagged ``console``; a line
starting with ``$ untm`` is a command (a trailing ``\\`` continues it on the next line),
and other lines are its shown output, which is not checked. A command must exit 0 unless
the line ends with a comment ``# exit N`` giving the documented status.

The commands run in README order, one shell each (pipes and redirections work), with
the installed ``untm`` first on PATH, against a fresh database (``UNTM_DB``), in a
temporary directory that links the repository's top-level entries so that relative
paths such as ``demo/...`` resolve, plus an empty ``.demo/`` (the README's set-up step,
``make demo``, creates it before any example is tried).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
_FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<info>[^\n`]*)$")
_EXIT = re.compile(r"\s+#\s*exit(?:\s+status)?\s+(\d+)\s*$")


def console_commands(text: str) -> list[tuple[int, str, int]]:
    """(line number, command, expected exit status) of every ``$ untm`` line in order."""
    out: list[tuple[int, str, int]] = []
    in_console = False
    pending: tuple[int, str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        fence = _FENCE.match(line)
        if fence:
            in_console = not in_console and fence["info"].strip().split(" ")[0] == "console"
            pending = None
            continue
        if not in_console:
            continue
        stripped = line.strip()
        if pending is not None:
            start, command = pending
            command += " " + stripped.removesuffix("\\").strip()
            pending = (start, command) if stripped.endswith("\\") else None
            if pending is None:
                out.append(_with_status(start, command))
            continue
        if stripped.startswith("$ untm"):
            command = stripped[2:]
            if command.endswith("\\"):
                pending = (number, command.removesuffix("\\").strip())
            else:
                out.append(_with_status(number, command))
    return out


def _with_status(line: int, command: str) -> tuple[int, str, int]:
    m = _EXIT.search(command)
    if m:
        return line, command[: m.start()], int(m.group(1))
    return line, command, 0


def test_the_parser_follows_the_convention() -> None:
    text = "\n".join(
        [
            "```console",
            "$ untm lookup UNODC",
            "1. [exact 100] un-unodc",
            "$ untm lookup qxz  # exit 1",
            "$ untm terms find a.txt \\",
            "    --json | head",
            "```",
            "```sh",
            "$ untm not-run",
            "```",
            "    ```console",
            "    $ untm info",
            "    ```",
        ]
    )
    assert console_commands(text) == [
        (2, "untm lookup UNODC", 0),
        (4, "untm lookup qxz", 1),
        (5, "untm terms find a.txt --json | head", 0),
        (12, "untm info", 0),
    ]


def _examples() -> list[tuple[int, str, int]]:
    if not README.exists():
        return []
    return console_commands(README.read_text(encoding="utf-8"))


EXAMPLES = _examples()


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    work = tmp_path_factory.mktemp("readme")
    for entry in ROOT.iterdir():
        if not entry.name.startswith("."):
            (work / entry.name).symlink_to(entry)
    (work / ".demo").mkdir()
    shared = ROOT.parent / "shared"
    if shared.exists():  # examples may cite ../shared
        (work.parent / "shared").symlink_to(shared)
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "UNTM_DB": str(work / ".demo" / "readme.db"),
    }
    return work, env


@pytest.mark.parametrize(
    ("line", "command", "status"),
    EXAMPLES or [pytest.param(0, "", 0, id="no-examples")],
    ids=[f"L{line}: {command}" for line, command, _ in EXAMPLES] or None,
)
def test_readme_example_runs(
    sandbox: tuple[Path, dict[str, str]], line: int, command: str, status: int
) -> None:
    if not EXAMPLES:
        pytest.skip(f"{README.name} has no ```console block with '$ untm' lines")
    if not (Path(sys.executable).parent / "untm").exists():
        pytest.skip("the untm console script is not installed (pip install -e .)")
    work, env = sandbox
    proc = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    where = f"README.md line {line}: {command}"
    assert proc.returncode == status, f"{where}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert "Traceback" not in proc.stdout + proc.stderr, where
