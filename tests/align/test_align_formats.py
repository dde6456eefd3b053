"""Aligning Word and PDF documents made in the test from a corpus document's gold
sentences: the units must be the gold's units."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.text.test_document import make_pdf, need_fpdf_and_font
from untm.align.api import align_documents
from untm.text.lang import Lang

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "corpus" / "aligned"
NAME = "003_a3caac8ccef19474.txt"


def key(text: str) -> str:
    return "".join(text.split())


def gold_units() -> tuple[list[str], list[str], set[tuple[str, str]]]:
    zs = (GOLD / "zh" / NAME).read_text(encoding="utf-8").splitlines()
    es = (GOLD / "en" / NAME).read_text(encoding="utf-8").splitlines()
    units = set()
    for line in (GOLD / "gold" / NAME).read_text(encoding="utf-8").splitlines():
        a, b = (ast.literal_eval(x) for x in line.split(":"))
        if a and b:
            units.add((key("".join(zs[i] for i in a)), key(" ".join(es[j] for j in b))))
    return zs, es, units


def share(found: set[tuple[str, str]], gold: set[tuple[str, str]]) -> tuple[float, float]:
    right = len(found & gold)
    return right / max(1, len(found)), right / len(gold)


def test_word_documents(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx", reason="python-docx reads .docx")
    zs, es, gold = gold_units()
    for lines, name in ((zs, "zh.docx"), (es, "en.docx")):
        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        document.save(str(tmp_path / name))
    result = align_documents(tmp_path / "zh.docx", tmp_path / "en.docx")
    assert result.zh.format == "docx" and result.en.format == "docx"
    found = {(key(u.zh), key(u.en)) for u in result.units(0.5)}
    precision, recall = share(found, gold)
    assert precision >= 0.9 and recall >= 0.9


def test_pdf_documents(tmp_path: Path) -> None:
    _fpdf, font = need_fpdf_and_font()
    zs, es, gold = gold_units()
    make_pdf(tmp_path / "zh.pdf", [zs], font, Lang.ZH)
    make_pdf(tmp_path / "en.pdf", [es], font, Lang.EN)
    result = align_documents(tmp_path / "zh.pdf", tmp_path / "en.pdf")
    assert result.zh.format == "pdf" and result.en.format == "pdf"
    found = {(key(u.zh), key(u.en)) for u in result.units(0.5)}
    precision, recall = share(found, gold)
    # a PDF made this way has no blank lines between paragraphs, so two list entries
    # can run together where a line reaches the margin: a little lower than from text
    assert precision >= 0.8 and recall >= 0.8
