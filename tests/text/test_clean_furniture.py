"""PDF clean-up: the page furniture that goes (mastheads, job numbers, barcodes, running
headers and footers, front matter) and nothing else.

Expectations are written from the seed documents (the Chinese UNCAC documents in
../shared/seeds) and from tests/text/data/en_pdf_report.txt.
"""

from __future__ import annotations

import re

import pytest

from tests.text.clean_helpers import (
    MARKUP,
    SEEDS,
    cleaned,
    english,
    furniture_lines,
    lines,
    seed,
)
from untm.text.clean import clean_pdf_text

# --- page furniture -----------------------------------------------------------------


@pytest.mark.parametrize("prefix", SEEDS)
def test_no_furniture_survives(prefix: str) -> None:
    text = cleaned(prefix).text
    assert not re.search(r"V\.\d\d-\d{5}", text)
    assert not re.search(r"\*\d{7}\*", text)
    assert "undocs.org" not in text
    assert "____" not in text
    assert "](#)" not in text and "[CAC" not in text
    assert "Distr." not in text and "Original:" not in text
    assert "联 合 国" not in text
    for line in lines(cleaned(prefix)):
        assert not re.fullmatch(r"CAC/COSP/\S+|\d+/\d+( V\.\S+)?|\d+|Chinese|\d+ \w+ \d{4}", line)


@pytest.mark.parametrize("prefix", SEEDS)
def test_paragraphs_are_lines_without_edge_spaces(prefix: str) -> None:
    text = cleaned(prefix).text
    assert "\n\n\n" not in text
    assert text == text.strip()
    for line in lines(cleaned(prefix)):
        assert line and line == line.strip() and "\n" not in line


def test_running_header_and_page_number_are_removed_inside_a_paragraph() -> None:
    # 004 has " CAC/COSP/EG.1/2017/3 " and "3/6 V.17-07946 " in the middle of paragraph 12
    assert "CAC/COSP/EG.1/2017/3" in seed("004")
    assert "3/6 V.17-07946" in seed("004")
    text = cleaned("004").text
    assert "3/6" not in text and "V.17-07946" not in text
    assert "CAC/COSP/EG.1/2017/3" not in text  # the report's own symbol only heads pages


def test_masthead_job_number_and_barcode_lines_are_removed() -> None:
    original = seed("003")
    for furniture in ("V.20-04026 (C)", "*2004026*", "CAC/COSP/WG.4/2020/1/Rev.1*"):
        assert furniture in original
        assert furniture not in cleaned("003").text


@pytest.mark.parametrize("prefix", ["001", "002", "003"])
def test_front_matter_is_removed_and_the_title_kept(prefix: str) -> None:
    out = lines(cleaned(prefix))
    assert not {"Chinese", "Original: English", "Distr.: General"} & set(out)
    assert not any(re.fullmatch(r"\d{1,2} (June|July) 20\d\d", line) for line in out)
    assert "临时议程说明" in out


@pytest.mark.parametrize("prefix", SEEDS)
def test_only_furniture_and_markup_are_dropped(prefix: str) -> None:
    """Every original non-space character is in the clean text, unless it is furniture."""
    original, clean = seed(prefix), cleaned(prefix)
    kept = {o for c, o in zip(clean.text, clean.offsets, strict=False) if not c.isspace()}
    markup = {i for m in MARKUP.finditer(original) for i in range(m.start(), m.end())}
    allowed = furniture_lines(original) | markup
    lost = [i for i, ch in enumerate(original) if not ch.isspace() and i not in kept]
    assert [original[i] for i in lost if i not in allowed] == []


# --- the English fixture ------------------------------------------------------------


def test_english_furniture_is_removed() -> None:
    text = clean_pdf_text(english()).text
    for furniture in ("V.19-04567", "*1904567*", "2/8", "Distr.", "Original", "14 June 2019"):
        assert furniture not in text
    assert "undocs" not in text and "___" not in text
    assert "CAC/COSP/EG.1/2019/9" not in text  # masthead and running header
    assert not any(line.startswith("United Nations") for line in text.split("\n"))
