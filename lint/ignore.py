"""Suppressions: ``.untmignore`` (or ``--ignore FILE``).

One suppression per line; ``#`` starts a comment (at the start of a line or after a
space). A line is a rule id (or ``*`` for every rule), then optionally a segment hash
(the ``hash`` of a finding, 12 hexadecimal digits; ``*`` for every segment), then
optionally a term (the rest of the line, matched against the finding's source term,
found text and expected terms after the term-key folding)::

    term-inconsistent                     # the whole rule
    term-missing * 缔约国会议              # one term, everywhere
    * 3f2a9c1e7b4d                        # everything in one segment
    number 3f2a9c1e7b4d                   # one rule in one segment
    term-forbidden * Iran                 # one term of one rule

The segment hash is that of the segment's source and target texts, so a suppression
follows the segment when the file is reordered and lapses when the segment changes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from untm import _io
from untm.errors import FormatError
from untm.text.lang import Lang, detect_lang
from untm.text.normalize import term_key

from .model import RULE_GROUPS, RULES, Finding

DEFAULT_NAME = ".untmignore"
_HASH = re.compile(r"^[0-9a-f]{12}$")
_COMMENT = re.compile(r"(^|\s)#.*$")


@dataclass(frozen=True, slots=True)
class Suppression:
    rules: frozenset[str] | None  # None: every rule
    segment: str | None
    term: str | None  # the term's key
    line: int


def _key(text: str) -> str:
    return term_key(text, detect_lang(text))


def parse_ignore(text: str, source: str | os.PathLike[str]) -> list[Suppression]:
    out = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = _COMMENT.sub("", raw).strip()
        if not line:
            continue
        parts = line.split(None, 2)
        rule = parts[0]
        if rule == "*":
            rules = None
        elif rule in RULES:
            rules = frozenset({rule})
        elif rule in RULE_GROUPS:
            rules = frozenset(RULE_GROUPS[rule])
        else:
            raise FormatError(
                source, f"unknown rule {rule!r} (rules: {', '.join(RULES)}, or *)", line=n
            )
        segment = parts[1] if len(parts) > 1 else "*"
        if segment != "*" and not _HASH.match(segment):
            raise FormatError(
                source,
                f"{segment!r} is not a segment hash (12 hexadecimal digits, as the report "
                "shows them) or *",
                line=n,
            )
        term = parts[2].strip() if len(parts) > 2 else ""
        out.append(
            Suppression(rules, None if segment == "*" else segment, _key(term) if term else None, n)
        )
    return out


def read_ignore(path: str | os.PathLike[str]) -> list[Suppression]:
    """The suppressions of an ignore file; an unreadable one is an InputError."""
    return parse_ignore(_io.read_text(path), path)


def default_ignore_file(start: str | os.PathLike[str] = ".") -> str | None:
    """``.untmignore`` in the current directory, if there is one."""
    path = os.path.join(start, DEFAULT_NAME)
    return path if os.path.isfile(path) else None


def matches(s: Suppression, f: Finding) -> bool:
    if s.rules is not None and f.rule not in s.rules:
        return False
    if s.segment is not None and f.hash != s.segment:
        return False
    if s.term is not None:
        texts = [t for t in (f.source_term, f.found, *f.expected) if t]
        if s.term not in {_key(t) for t in texts}:
            return False
    return True


def apply(
    findings: Sequence[Finding], suppressions: Sequence[Suppression]
) -> tuple[list[Finding], int]:
    """(the findings no suppression matches, how many were suppressed)."""
    if not suppressions:
        return list(findings), 0
    kept = [f for f in findings if not any(matches(s, f) for s in suppressions)]
    return kept, len(findings) - len(kept)


__all__ = [
    "DEFAULT_NAME",
    "Lang",
    "Suppression",
    "apply",
    "default_ignore_file",
    "parse_ignore",
    "read_ignore",
]
