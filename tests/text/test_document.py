"""Reading UN documents into segments (untm.text.document).

The measure: for each of the corpus's five documents, read as the Chinese seed
(corpus/zh), the English PDF extraction (corpus/en-pdf) and the clean English
(corpus/en), the share of the hand-made sentence lines (corpus/aligned/{zh,en}) that
read_document reproduces exactly, whitespace aside, and the share of its segments that
are such lines. Both must be at least 0.95 for the aligner to reach its target.
"""

from __future__ import annotations

import difflib
import io
import re
import shutil
import subprocess
import time
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from untm.errors import EncodingError, FormatError, InputError, LanguageError
from untm.text.document import (
    BlockKind,
    Document,
    document_from_text,
    read_document,
    read_presegmented,
)
from untm.text.lang import Lang

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
NAMES = sorted(p.stem for p in (CORPUS / "zh").glob("*.txt"))
#: (folder of the document, folder of its sentence file, language)
SOURCES = (("zh", "zh", Lang.ZH), ("en-pdf", "en", Lang.EN), ("en", "en", Lang.EN))
THRESHOLD = 0.95


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def doc(folder: str, name: str) -> Document:
    return read_document(CORPUS / folder / f"{name}.txt")


def gold(folder: str, name: str) -> list[str]:
    path = CORPUS / "aligned" / folder / f"{name}.txt"
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def reproduction(folder: str, gold_folder: str, name: str) -> tuple[float, float, float]:
    """(share of gold lines reproduced, share of segments that are gold lines, share of
    gold lines reproduced in order)."""
    produced = [squeeze(s.text) for s in doc(folder, name).segments]
    expected = [squeeze(line) for line in gold(gold_folder, name)]
    common = sum((Counter(produced) & Counter(expected)).values())
    matcher = difflib.SequenceMatcher(None, expected, produced, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks())
    return common / len(expected), common / len(produced), in_order / len(expected)


def test_the_corpus_is_there() -> None:
    assert len(NAMES) == 5
    for folder, gold_folder, _ in SOURCES:
        for name in NAMES:
            assert (CORPUS / folder / f"{name}.txt").exists()
            assert (CORPUS / "aligned" / gold_folder / f"{name}.txt").exists()


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("folder", "gold_folder", "lang"), SOURCES, ids=[s[0] for s in SOURCES])
def test_reproduces_the_sentence_files(
    folder: str, gold_folder: str, lang: Lang, name: str
) -> None:
    recall, precision, in_order = reproduction(folder, gold_folder, name)
    figures = (
        f"{folder}/{name}: recall {recall:.3f}, precision {precision:.3f}, order {in_order:.3f}"
    )
    assert recall >= THRESHOLD, figures
    assert precision >= THRESHOLD, figures
    assert in_order >= THRESHOLD, figures
    assert doc(folder, name).lang is lang


def test_reproduction_figures(capsys: pytest.CaptureFixture[str]) -> None:
    """The table of figures (shown with ``pytest -s``); every one at least 0.95."""
    rows = []
    for folder, gold_folder, _ in SOURCES:
        for name in NAMES:
            recall, precision, in_order = reproduction(folder, gold_folder, name)
            rows.append((folder, name[:3], recall, precision, in_order))
    with capsys.disabled():
        print("\nfolder  doc  recall  precision  in order")
        for row in rows:
            print("{:7} {:4} {:6.3f}  {:9.3f}  {:8.3f}".format(*row))
    assert min(min(r[2:]) for r in rows) >= THRESHOLD


# --- structure ------------------------------------------------------------------------


def kinds_of(document: Document) -> dict[str, BlockKind]:
    return {squeeze(s.text): s.kind for s in document.segments}


def test_masthead_title_agenda_and_annotations() -> None:
    d = doc("en-pdf", NAMES[1])  # CAC/COSP/2017/1, the annotated agenda of the seventh session
    assert d.symbol == "CAC/COSP/2017/1"
    first = [(s.kind, s.text) for s in d.segments[:10]]
    assert first == [
        (BlockKind.MASTHEAD, "United Nations"),
        (BlockKind.MASTHEAD, "CAC/COSP/2017/1"),
        (
            BlockKind.TITLE,
            "Conference of the States Parties to the United Nations Convention against Corruption",
        ),
        (BlockKind.MASTHEAD, "Distr.: General"),
        (BlockKind.MASTHEAD, "31 July 2017"),
        (BlockKind.MASTHEAD, "Original: English"),
        (BlockKind.TITLE, "Seventh session"),
        (BlockKind.TITLE, "Vienna, 6–10 November 2017"),
        (BlockKind.TITLE, "Provisional agenda and annotations"),
        (BlockKind.HEADING, "Provisional agenda"),
    ]
    kinds = kinds_of(d)
    assert kinds[squeeze("1. Organizational matters:")] is BlockKind.AGENDA_ITEM
    assert kinds[squeeze("(b) Election of officers;")] is BlockKind.SUB_ITEM
    assert kinds[squeeze("1. Organizational matters")] is BlockKind.AGENDA_ITEM  # annotations
    assert kinds[squeeze("(b) Election of officers")] is BlockKind.SUB_ITEM
    assert kinds["Documentation"] is BlockKind.HEADING
    entry = "Note by the Secretariat on financial and budgetary matters (CAC/COSP/2017/13)"
    assert kinds[squeeze(entry)] is BlockKind.LIST_ITEM
    labels = {s.text: s.label for s in d.segments if s.label}
    assert labels["1. Organizational matters:"] == "1."
    assert labels["(b) Election of officers;"] == "(b)"


def test_chinese_and_english_have_the_same_structure() -> None:
    """Block kinds counted per document agree between the Chinese seed and the English
    PDF extraction (the masthead and title lines aside, which the seeds often lack)."""
    skip = {BlockKind.MASTHEAD, BlockKind.TITLE, BlockKind.PARAGRAPH}
    for name in NAMES:
        counts = []
        for folder in ("zh", "en-pdf"):
            blocks = [b[0].kind for b in doc(folder, name).blocks()]
            counts.append(Counter(k for k in blocks if k not in skip))
        assert counts[0] == counts[1], name


def test_a_heading_run_into_its_paragraph_is_split_off() -> None:
    """In the PDF text the heading of agenda item 2 ends one page and its first paragraph
    starts the next; the agenda names the item, so the two are split."""
    d = doc("en-pdf", NAMES[1])
    heading = "2. Review of implementation of the United Nations Convention against Corruption"
    (segment,) = [s for s in d.segments if s.text == heading]
    assert segment.kind is BlockKind.AGENDA_ITEM
    after = d.segments[d.segments.index(segment) + 1]
    assert after.text.startswith("In accordance with article 63, paragraph 5")
    assert after.kind is BlockKind.PARAGRAPH


def test_footnotes_come_last_in_order_with_their_marks() -> None:
    d = doc("en-pdf", NAMES[3])
    notes = [s for s in d.segments if s.kind is BlockKind.FOOTNOTE]
    assert [s.label for s in notes] == ["*", "1", "a"]
    assert d.segments[-len(notes) :] == tuple(notes)
    assert notes[0].text == "* Reissued for technical reasons on 27 August 2020."
    assert notes[1].text.startswith("1 Resolution 8/3, entitled")
    assert notes[1].text.endswith("more effectively prevent and fight corruption”.")
    # the running text goes on across the footnotes as if they were not there
    texts = [s.text for s in d.segments]
    assert "(b) Adoption of the agenda and organization of work" in texts
    zh = doc("zh", NAMES[3])
    assert [s.label for s in zh.segments if s.kind is BlockKind.FOOTNOTE] == ["*", "1", "a"]


def test_table_rows_are_rebuilt_from_wrapped_cells() -> None:
    d = doc("zh", NAMES[3])
    rows = [squeeze(s.text) for s in d.segments if s.kind is BlockKind.TABLE_ROW]
    assert rows == [
        squeeze(row)
        for row in (
            "日期 时间 项目 标题或说明",
            "8 月 31 日，星期一 上午 11 时至下午 1 时 1(a) 会议开幕",
            "1(b) 通过议程和工作安排",
            "下午 3 时至 5 时 2 缔约国会议有关决议的执行情况 a",
            "2(a) 预防腐败方面的良好做法和举措：加强反腐败机构的效力（《联合国反腐败公约》第六条）",
            "9 月 1 日，星期二 上午 11 时至下午 1 时 2 缔约国会议有关决议的执行情况 a（续）",
            "下午 3 时至 5 时 2(b) 其他建议",
            "9 月 2 日，星期三 上午11时至下午1时 3 今后的优先事项",
            "4 通过报告",
        )
    ]
    en = doc("en-pdf", NAMES[1])
    row = next(s.text for s in en.segments if s.text.startswith("Wednesday, 8 November"))
    assert row == (
        "Wednesday, 8 November  10 a.m.–1 p.m.  5 and 6  Asset recovery; international"
        " cooperation  Resumed eighth session of the Implementation Review Group (continued)"
    )
    assert en.tables_dropped == 0


@pytest.mark.parametrize(("folder", "gold_folder", "lang"), SOURCES, ids=[s[0] for s in SOURCES])
def test_offsets_point_into_the_original_text(folder: str, gold_folder: str, lang: Lang) -> None:
    """Every segment's characters (whitespace aside) are the original's, in order,
    between its start and end; blocks run in order, footnotes last."""
    for name in NAMES:
        d = doc(folder, name)
        original = (CORPUS / folder / f"{name}.txt").read_text(encoding="utf-8")
        assert d.text == original
        for s in d.segments:
            source = original[s.start : s.end]
            assert s.text and "\n" not in s.text and s.text == s.text.strip()
            assert s.text[0] == source[0] and s.text[-1] == source[-1]
            chars = iter(source)
            assert all(ch in chars for ch in squeeze(s.text)), (s.text, source)
        blocks = [s.block for s in d.segments]
        assert blocks == sorted(blocks)
        kinds = [s.kind is BlockKind.FOOTNOTE for s in d.segments]
        assert kinds == sorted(kinds)


def test_sentences_of_a_paragraph_share_its_block_and_label() -> None:
    d = doc("en-pdf", NAMES[4])
    para = [s for s in d.segments if s.label == "4." and s.kind is BlockKind.PARAGRAPH]
    assert [s.text[:30] for s in para] == [
        "4. The sixth expert meeting wa",
        "In his opening statement, the ",
    ]
    assert para[0].block == para[1].block


# --- a text in memory: the parts one at a time ------------------------------------------


def test_table_that_cannot_be_read_as_rows_is_left_out_and_reported() -> None:
    text = (
        "1. The Conference adopted the following organization of work.\n\n"
        "Date and time Item Title or description\n"
        "some cell text\nmore cell text\n"
    )
    d = document_from_text(text, Lang.EN)
    assert d.tables_dropped == 1
    assert d.left_out[0].kind == "table"
    assert text[d.left_out[0].start :].startswith("Date and time")
    assert [s.text for s in d.segments] == [
        "1. The Conference adopted the following organization of work."
    ]


LAST = "4. The Working Group will adopt a report on its meeting, prepared by the secretariat."


def test_table_ends_where_the_text_resumes() -> None:
    rows = "".join(f"{h} a.m.–1 p.m. {n} Item number {n}\n" for n, h in enumerate((9, 10, 11), 1))
    text = f"Date and time Item Title or description\n{rows}{LAST}\n"
    d = document_from_text(text, Lang.EN)
    kinds = [(s.kind, s.text) for s in d.segments]
    assert kinds[-1] == (
        BlockKind.PARAGRAPH,
        LAST,
    )
    assert [k for k, _ in kinds].count(BlockKind.TABLE_ROW) == 4


def test_markdown_bullets_and_links_go() -> None:
    text = "1. 组织事项：\n\n - (a) 会议开幕；\n\n - (b) 通过议程（[CAC/COSP/2017/1](#)）。\n"
    d = document_from_text(text, Lang.ZH)
    assert [s.text for s in d.segments] == [
        "1. 组织事项：",
        "(a) 会议开幕；",
        "(b) 通过议程（CAC/COSP/2017/1）。",
    ]
    assert [s.kind for s in d.segments[1:]] == [BlockKind.LIST_ITEM] * 2


def test_letter_spaced_chinese_masthead() -> None:
    text = "联 合 国   CAC/COSP/WG.4/2020/1/Rev.1*\n\nDistr.: General\n24 July 2020\nChinese\n"
    text += (
        "Original: English\n\n预防腐败问题不限成员名额政府间工作组\n\n2020 年 8 月 31 日，维也纳\n"
    )
    d = document_from_text(text, Lang.ZH)
    assert [(s.kind.value, s.text) for s in d.segments] == [
        ("masthead", "联合国"),
        ("masthead", "CAC/COSP/WG.4/2020/1/Rev.1*"),
        ("masthead", "Distr.: General"),
        ("masthead", "24 July 2020"),
        ("masthead", "Chinese"),
        ("masthead", "Original: English"),
        ("title", "预防腐败问题不限成员名额政府间工作组"),
        ("title", "2020年8月31日，维也纳"),
    ]
    assert d.symbol == "CAC/COSP/WG.4/2020/1/Rev.1"


# --- sentence files ---------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["zh", "en"])
def test_presegmented_keeps_every_line(folder: str) -> None:
    for name in NAMES:
        path = CORPUS / "aligned" / folder / f"{name}.txt"
        d = read_presegmented(path, Lang.ZH if folder == "zh" else Lang.EN)
        assert [s.text for s in d.segments] == [line.strip() for line in gold(folder, name)]
        assert len({s.block for s in d.segments}) == len(d.segments)
        assert d.format == "segments"
    d = read_presegmented(CORPUS / "aligned" / "en" / f"{NAMES[3]}.txt", Lang.EN)
    kinds = [(s.kind, s.label) for s in d.segments]
    assert kinds[:2] == [(BlockKind.MASTHEAD, ""), (BlockKind.MASTHEAD, "")]
    assert kinds[-3:] == [
        (BlockKind.FOOTNOTE, "*"),
        (BlockKind.FOOTNOTE, "1"),
        (BlockKind.FOOTNOTE, "a"),
    ]
    assert (BlockKind.TABLE_ROW, "") in kinds
    assert d.symbol == "CAC/COSP/WG.4/2020/1/Rev.1"


# --- errors -----------------------------------------------------------------------------


def test_errors_name_the_file_and_say_what_is_wrong(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n")
    with pytest.raises(FormatError, match=r"empty\.txt: the file is empty"):
        read_document(empty)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Réunion des États parties".encode("latin-1"))
    with pytest.raises(EncodingError, match=r"latin1\.txt: line 1: not valid UTF-8"):
        read_document(latin1)
    with pytest.raises(LanguageError, match=r"the text is in English, not Chinese"):
        read_document(CORPUS / "en-pdf" / f"{NAMES[0]}.txt", Lang.ZH)
    with pytest.raises(LanguageError, match=r"the text is in Chinese, not English"):
        read_document(CORPUS / "zh" / f"{NAMES[0]}.txt", Lang.EN)
    furniture = tmp_path / "furniture.txt"
    furniture.write_text("V.19-01752 (E)\n\n*1901752*\n\n2/5\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"furniture\.txt: no text found"):
        read_document(furniture)
    with pytest.raises(InputError, match=r"missing\.pdf: no such file"):
        read_document(tmp_path / "missing.pdf")


def test_files_of_other_formats_are_refused(tmp_path: Path) -> None:
    doc_file = tmp_path / "old.doc"
    doc_file.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(FormatError, match=r"old\.doc: a Word 97-2003 \(\.doc\) file"):
        read_document(doc_file)
    not_pdf = tmp_path / "fake.pdf"
    not_pdf.write_text("just text", encoding="utf-8")
    with pytest.raises(FormatError, match=r"fake\.pdf: not a PDF file"):
        read_document(not_pdf)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + b"garbage" * 20)
    with pytest.raises(InputError, match=r"broken\.pdf: "):
        read_document(broken)
    odt = tmp_path / "other.docx"
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("content.xml", "<x/>")
    with pytest.raises(FormatError, match=r"other\.docx: a ZIP file but not a \.docx"):
        read_document(odt)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(b"PK\x03\x04" + b"\0" * 50)
    with pytest.raises(FormatError, match=r"cut\.docx: not a valid \.docx file"):
        read_document(cut)


# --- .docx ------------------------------------------------------------------------------


def make_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("United Nations")
    d.add_paragraph("CAC/COSP/EG.1/2019/1")
    d.add_paragraph("Distr.: General")
    d.add_paragraph("增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议", style="Title")
    d.add_heading("临时议程", level=2)
    d.add_paragraph("会议开幕。", style="List Number")
    d.add_paragraph("通过议程和工作安排。", style="List Number")
    d.add_heading("Annotations", level=2)
    d.add_paragraph(
        "第八次专家会议将于2019年5月31日星期五上午10时开幕。会议将在维也纳国际中心举行。"
    )
    d.add_paragraph(
        "The eighth expert meeting will be opened on Friday, 31 May 2019. "
        "It will be held at the Vienna International Centre."
    )
    d.add_paragraph("__________________")
    d.add_paragraph("* Reissued for technical reasons on 3 April 2019.")
    d.add_paragraph("The secretariat will update the meeting.")
    table = d.add_table(rows=3, cols=3)
    cells = [["日期", "项目", "标题或说明"], ["5月31日", "1", "会议开幕"], ["", "2", "通过议程"]]
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.save(str(path))


def test_docx(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    path = tmp_path / "agenda.docx"
    make_docx(path)
    d = read_document(path)
    assert d.format == "docx" and d.lang is Lang.ZH
    assert d.symbol == "CAC/COSP/EG.1/2019/1"
    got = [(s.kind, s.label, s.text) for s in d.segments]
    assert got == [
        (BlockKind.MASTHEAD, "", "United Nations"),
        (BlockKind.MASTHEAD, "", "CAC/COSP/EG.1/2019/1"),
        (BlockKind.MASTHEAD, "", "Distr.: General"),
        (BlockKind.TITLE, "", "增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议"),
        (BlockKind.HEADING, "", "临时议程"),
        (BlockKind.AGENDA_ITEM, "1.", "1. 会议开幕。"),
        (BlockKind.AGENDA_ITEM, "2.", "2. 通过议程和工作安排。"),
        (BlockKind.HEADING, "", "Annotations"),
        (BlockKind.PARAGRAPH, "", "第八次专家会议将于2019年5月31日星期五上午10时开幕。"),
        (BlockKind.PARAGRAPH, "", "会议将在维也纳国际中心举行。"),
        (
            BlockKind.PARAGRAPH,
            "",
            "The eighth expert meeting will be opened on Friday, 31 May 2019.",
        ),
        (BlockKind.PARAGRAPH, "", "It will be held at the Vienna International Centre."),
        (BlockKind.PARAGRAPH, "", "The secretariat will update the meeting."),
        (BlockKind.TABLE_ROW, "", "日期  项目  标题或说明"),
        (BlockKind.TABLE_ROW, "", "5月31日  1  会议开幕"),
        (BlockKind.TABLE_ROW, "", "2  通过议程"),
        (BlockKind.FOOTNOTE, "*", "* Reissued for technical reasons on 3 April 2019."),
    ]
    for s in d.segments:  # offsets point into the text rendered from the .docx
        assert squeeze(d.text[s.start : s.end]) == squeeze(s.text)


def test_docx_footnotes_part(tmp_path: Path) -> None:
    """Real Word footnotes: the reference shows its number, the footnote comes last."""
    pytest.importorskip("docx")
    path = tmp_path / "notes.docx"
    make_docx(path)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    footnotes = (
        f"<w:footnotes {w}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> 见CAC/COSP/2017/10号文件。</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    body = parts["word/document.xml"].decode()
    body = body.replace(
        "会议将在维也纳国际中心举行。</w:t></w:r>",
        '会议将在维也纳国际中心举行。</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>',
    )
    parts["word/document.xml"] = body.encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    rel = (
        '<Relationship Id="rIdNotes" Target="footnotes.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/footnotes"/>'
    )
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", rel + "</Relationships>"
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    override = (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    )
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    parts["word/footnotes.xml"] = footnotes.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    d = read_document(path)
    texts = [s.text for s in d.segments]
    assert "会议将在维也纳国际中心举行。1" in texts
    assert d.segments[-1].kind is BlockKind.FOOTNOTE
    assert d.segments[-1].label == "1"
    assert d.segments[-1].text == "1见CAC/COSP/2017/10号文件。"  # CJK spacing folded


# --- PDF --------------------------------------------------------------------------------

#: Fonts with CJK glyphs that fpdf2 can embed (TrueType, TrueType collections).
_CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)


@cache
def cjk_font() -> str | None:
    for path in _CJK_FONTS:
        if Path(path).exists():
            return path
    if shutil.which("fc-list"):
        found = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False
        ).stdout
        for line in found.splitlines():
            path = line.split(":")[0].strip()
            if path.endswith((".ttf", ".ttc")):
                return path
    return None


def need_fpdf_and_font() -> tuple[object, str]:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (the test extras) makes the test PDFs")
    font = cjk_font()
    if font is None:
        pytest.skip("no TrueType font with CJK glyphs (install fonts-wqy-microhei)")
    return fpdf, font


def make_pdf(path: Path, pages: list[list[str]], font: str, lang: Lang) -> None:
    """A PDF with ``pages`` of lines, each line wrapped at the margin as fpdf2 does
    (Chinese at any character, English between words)."""
    from fpdf import FPDF
    from fpdf.enums import WrapMode

    wrap = WrapMode.CHAR if lang is Lang.ZH else WrapMode.WORD
    pdf = FPDF()
    pdf.add_font("cjk", fname=font)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("cjk", size=11)
        for line in lines:
            pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT", wrapmode=wrap)
    pdf.output(str(path))


ZH_BODY = [
    "第八次增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议将于2019年5月31日"
    "星期五上午10时在维也纳国际中心开幕。与会者将能够在线上观看会议的进程，但为了便利口译员"
    "的工作，只分配30分钟供线上与会者远程发言。",
    "会议临时议程和拟议工作安排是根据联合国反腐败公约缔约国会议第7/1号决议并按照第七次不限"
    "成员名额政府间专家会议商定的建议拟定的，其中考虑到实施情况审议组通过的多年期工作计划和"
    "扩大主席团在2017年8月27日的会议上核准的会议日程表。",
    "可用的资源将允许在2019年5月31日举行两场配有联合国所有正式语文口译的全体会议。秘书处将"
    "向第八次专家会议介绍执行上述任务授权的最新进展，并简要介绍《公约》第四章实施情况国别审议"
    "结果的最新情况。",
]
ZH_PAGE = [
    "联 合 国   CAC/COSP/EG.1/2019/1",
    "Distr.: General",
    "20 March 2019",
    "Chinese",
    "Original: English",
    "增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议",
    "2019年5月31日，维也纳",
    "临时议程说明",
    "临时议程",
    "1. 会议开幕。",
    "2. 通过议程和工作安排。",
    "说明",
    "1. 会议开幕",
    *ZH_BODY,
    "__________________",
    "* 由于技术原因于2019年4月3日重发。",
]
EN_BODY = [
    "The eighth open-ended intergovernmental expert meeting to enhance international cooperation"
    " under the United Nations Convention against Corruption will be opened on Friday, 31 May"
    " 2019. Participants will be able to follow the proceedings online.",
    "The provisional agenda and proposed organization of work of the meeting have been prepared"
    " in accordance with resolution 7/1 of the Conference of the States Parties and in line with"
    " the recommendations agreed upon at the seventh open-ended intergovernmental expert meeting.",
    "The resources available will allow for the holding of two plenary meetings with"
    " interpretation into all the official languages of the United Nations on 31 May 2019. The"
    " secretariat will update the meeting on progress made in the implementation of its mandates.",
]
EN_PAGE = [
    "United Nations   CAC/COSP/EG.1/2019/1",
    "Distr.: General",
    "20 March 2019",
    "Original: English",
    "Vienna, 31 May 2019",
    "Provisional agenda",
    "1. Opening of the meeting.",
    "2. Adoption of the agenda and organization of work.",
    "Annotations",
    "1. Opening of the meeting",
    *EN_BODY,
    "__________________",
    "* Reissued for technical reasons on 3 April 2019.",
]


@pytest.mark.parametrize(
    ("page", "body", "lang"),
    [(ZH_PAGE, ZH_BODY, Lang.ZH), (EN_PAGE, EN_BODY, Lang.EN)],
    ids=["zh", "en"],
)
def test_pdf(tmp_path: Path, page: list[str], body: list[str], lang: Lang) -> None:
    _, font = need_fpdf_and_font()
    path = tmp_path / f"{lang}.pdf"
    make_pdf(path, [page, ["CAC/COSP/EG.1/2019/1", "2/2"]], font, lang)
    d = read_document(path, lang)
    assert d.format == "pdf" and d.lang is lang
    assert d.symbol == "CAC/COSP/EG.1/2019/1"
    got = [(s.kind, s.label, s.text) for s in d.segments]
    un = "联合国" if lang is Lang.ZH else "United Nations"
    assert got[:2] == [
        (BlockKind.MASTHEAD, "", un),
        (BlockKind.MASTHEAD, "", "CAC/COSP/EG.1/2019/1"),
    ]
    agenda = [(k, label) for k, label, _ in got if k is BlockKind.AGENDA_ITEM]
    assert agenda == [
        (BlockKind.AGENDA_ITEM, "1."),
        (BlockKind.AGENDA_ITEM, "2."),
        (BlockKind.AGENDA_ITEM, "1."),
    ]
    assert got[-1][:2] == (BlockKind.FOOTNOTE, "*")
    paragraphs = [list(b) for b in d.blocks() if b[0].kind is BlockKind.PARAGRAPH]
    assert [squeeze("".join(s.text for s in b)) for b in paragraphs] == [squeeze(p) for p in body]
    assert [len(b) for b in paragraphs] == [2, 1, 2]  # sentences
    for s in d.segments:
        chars = iter(d.text[s.start : s.end])
        assert all(ch in chars for ch in squeeze(s.text))


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (the test extras) makes the test PDFs")
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).rectangle((40, 40, 360, 160), outline="black", width=4)
    pdf = fpdf.FPDF()
    pdf.add_page()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf.image(buffer, x=10, y=10, w=150)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == (
        f"{path}: no text layer (a scanned PDF?): untm needs text; run OCR first"
    )
    # a page of text before the image page: read, the image page reported
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "The meeting will be opened on 31 May 2019.")
    pdf.add_page()
    pdf.image(buffer, x=10, y=10, w=150)
    pdf.output(str(path))
    d = read_document(path)
    assert [s.text for s in d.segments] == ["The meeting will be opened on 31 May 2019."]
    assert [(x.kind, x.reason) for x in d.left_out] == [
        ("page", "page 2 has no text layer (an image?)")
    ]


def test_encrypted_pdf(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (the test extras) makes the test PDFs")
    import pypdf

    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "The meeting will be opened on 31 May 2019.")
    writer = pypdf.PdfWriter()
    for page in pypdf.PdfReader(io.BytesIO(bytes(pdf.output()))).pages:
        writer.add_page(page)
    writer.encrypt("secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(InputError, match=r"locked\.pdf: the PDF is encrypted"):
        read_document(path)


# --- speed ------------------------------------------------------------------------------


def test_a_megabyte_reads_in_well_under_the_alignment_budget() -> None:
    """About 1 MB of PDF-extracted text (the corpus repeated) in a couple of seconds at
    most on a slow machine (about half a second here); a quadratic step would take minutes."""
    for folder, _, lang in SOURCES[:2]:
        text = "".join((CORPUS / folder / f"{n}.txt").read_text(encoding="utf-8") for n in NAMES)
        big = text * (1_000_000 // len(text) + 1)
        start = time.perf_counter()
        d = document_from_text(big, lang)
        elapsed = time.perf_counter() - start
        assert len(d.segments) > 4000
        assert elapsed < 4.0, f"{folder}: {elapsed:.2f} s for {len(big)} characters"


def test_table_rows_as_pypdf_extracts_them() -> None:
    """pypdf drops the spaces between cells of a Chinese table: "1会议开幕" still starts a
    row with its item number, "1时" does not."""
    text = "日期和时间 议程项目 标题或说明\n上午10时至下午1时1会议开幕\n2通过议程和工作安排\n"
    text += "下午3时至下午\n6时4与腐败有关的民事诉讼\n和行政诉讼\n"
    d = document_from_text(text, Lang.ZH)
    assert [s.text for s in d.segments] == [
        "日期和时间议程项目标题或说明",
        "上午10时至下午1时1会议开幕",
        "2通过议程和工作安排",
        "下午3时至下午6时4与腐败有关的民事诉讼和行政诉讼",
    ]
    assert {s.kind for s in d.segments} == {BlockKind.TABLE_ROW}
