"""Property tests: export -> import -> export is byte-stable, and TBX keeps every field."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings

from tests.termbase.formats.strategies import concept_lists
from untm.termbase.formats import ColumnMap, TermbaseFormat, read_concepts, write_concepts
from untm.termbase.model import Concept
from untm.text.lang import Lang

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _export_import_export(
    concepts: list[Concept], fmt: TermbaseFormat, columns: ColumnMap | None = None
) -> tuple[bytes, bytes, tuple[Concept, ...]]:
    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp, "a"), Path(tmp, "b")
        write_concepts(concepts, first, fmt, columns=columns)
        back = read_concepts(first, fmt, columns=columns).concepts
        write_concepts(back, second, fmt, columns=columns)
        return first.read_bytes(), second.read_bytes(), back


@pytest.mark.parametrize("fmt", [TermbaseFormat.TBX, TermbaseFormat.TBX2])
@SETTINGS
@given(data=concept_lists())
def test_tbx_export_is_byte_stable(fmt: TermbaseFormat, data: list[Concept]) -> None:
    first, second, _ = _export_import_export(data, fmt)
    assert first == second


@SETTINGS
@given(data=concept_lists())
def test_tbx3_keeps_every_field_of_canonical_concepts(data: list[Concept]) -> None:
    _, _, back = _export_import_export(data, TermbaseFormat.TBX)
    assert back == tuple(data)


@SETTINGS
@given(data=concept_lists(with_time=False))
def test_tbx2_keeps_every_field_when_dates_have_no_time(data: list[Concept]) -> None:
    _, _, back = _export_import_export(data, TermbaseFormat.TBX2)
    assert back == tuple(data)


@SETTINGS
@given(data=concept_lists())
def test_tbx2_cuts_a_date_time_to_its_date(data: list[Concept]) -> None:
    _, _, back = _export_import_export(data, TermbaseFormat.TBX2)
    expected = tuple(
        dataclasses.replace(c, created=c.created[:10], modified=c.modified[:10]) for c in data
    )
    assert back == expected


def _tabular_safe(concepts: list[Concept]) -> bool:
    """Rows a table can hold without ambiguity: distinct terms per language (the reader
    drops a repeated alias), both languages (the reader skips a row without its zh or en
    term, with a warning) and, for the OmegaT layout, no term starting a ``#`` line."""
    for c in concepts:
        if {t.lang for t in c.terms} != set(Lang):
            return False
        for lang in {t.lang for t in c.terms}:
            texts = [t.text for t in c.terms if t.lang is lang]
            if len(texts) != len(set(texts)):
                return False
    return True


@pytest.mark.parametrize(
    ("fmt", "columns"),
    [
        (TermbaseFormat.TSV, None),
        (TermbaseFormat.CSV, None),
        (TermbaseFormat.TSV, ColumnMap.omegat()),
        (TermbaseFormat.CSV, ColumnMap.parse("1=en,2=zh,3=note,4=zh:admitted")),
    ],
    ids=["tsv", "csv", "omegat", "csv-by-position"],
)
@SETTINGS
@given(data=concept_lists(forbid=";|#", bilingual=True))
def test_tabular_export_is_byte_stable(
    fmt: TermbaseFormat, columns: ColumnMap | None, data: list[Concept]
) -> None:
    assume(_tabular_safe(data))
    first, second, _ = _export_import_export(data, fmt, columns)
    assert first == second
