"""PDF clean-up: what the document reader (untm.text.document) needs: front matter kept
when asked, English title blocks and documents' own joins.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from tests.text.clean_helpers import (
    lines,
)
from untm.text.clean import clean_pdf_text
from untm.text.lang import Lang

# --- what the document reader needs (untm.text.document) ------------------------------

#: Running text wrapped at a right margin of about 88 characters, so that the layout
#: has a margin to measure.
FILLER = textwrap.wrap(
    "The Conference of the States Parties to the United Nations Convention against"
    " Corruption decided that the open-ended intergovernmental expert meetings should"
    " continue their work by exchanging information on the common reasons for refusals of"
    " and delays in responding to requests for mutual legal assistance related to corruption"
    " offences under the Convention, on international cooperation in civil and"
    " administrative proceedings relating to corruption cases and on possible measures to"
    " ensure the confidentiality of information provided in assisting criminal, civil and"
    " administrative measures, as the Working Group had recommended at its previous session.",
    88,
)


def with_filler(raw: str) -> list[str]:
    """The clean lines of ``raw`` after a paragraph of filler, without the filler."""
    out = lines(clean_pdf_text("\n".join(FILLER) + "\n\n" + raw, Lang.EN))
    assert out[0] == " ".join(FILLER)
    return out[1:]


def test_front_matter_is_kept_when_asked() -> None:
    raw = (
        "United Nations                CAC/COSP/2017/1\n"
        "Conference of the States Parties to the\nUnited Nations Convention against\nCorruption\n"
        "Distr.: General\n31 July 2017\n\nOriginal: English\n"
        "V.17-05544 (E)    010817    020817\n*1705544*\n"
        "Seventh session\nVienna, 6–10 November 2017\n"
    )
    assert lines(clean_pdf_text(raw, Lang.EN, front_matter=True)) == [
        "United Nations CAC/COSP/2017/1",
        "Conference of the States Parties to the United Nations Convention against Corruption",
        "Distr.: General",
        "31 July 2017",
        "Original: English",
        "Seventh session",
        "Vienna, 6–10 November 2017",
    ]
    assert lines(clean_pdf_text(raw, Lang.EN))[0].startswith("Conference of the States")
    # a symbol alone is the masthead only among the first lines; later it is a header
    later = "United Nations\nCAC/COSP/EG.1/2019/1\nDistr.: General\n" + "\n".join(FILLER)
    later += "\nCAC/COSP/EG.1/2019/1\n2/5\nthe end of the paragraph."
    out = lines(clean_pdf_text(later, Lang.EN, front_matter=True))
    assert out[:3] == ["United Nations", "CAC/COSP/EG.1/2019/1", "Distr.: General"]
    assert out[3].endswith("previous session. the end of the paragraph.")


def test_english_title_lines_join_only_where_they_could_wrap() -> None:
    raw = (
        "United Nations CAC/COSP/EG.1/2017/3\nDistr.: General\n20 November 2017\n"
        "Conference of the States Parties to the\nUnited Nations Convention\nagainst Corruption\n"
        "Open-ended Intergovernmental Expert Meeting to Enhance\n"
        "International Cooperation under the United Nations\nConvention against Corruption\n"
        "Vienna, 6 and 7 November 2017\nProvisional agenda\n1. Opening of the meeting.\n\n"
    )
    out = lines(clean_pdf_text(raw + "\n".join(FILLER), Lang.EN))
    assert out[:4] == [
        "Conference of the States Parties to the United Nations Convention against Corruption",
        "Open-ended Intergovernmental Expert Meeting to Enhance International Cooperation under"
        " the United Nations Convention against Corruption",
        "Vienna, 6 and 7 November 2017",  # the venue line is always a line of its own
        "Provisional agenda",
    ]


def test_english_paragraph_per_line_text_is_not_joined_by_width() -> None:
    """Clean English with a paragraph per line: a long title is not run into the next."""
    title = (
        "Open-ended Intergovernmental Expert Meeting to Enhance International Cooperation"
        " under the United Nations Convention against Corruption"
    )
    paragraphs = [
        title,
        "Vienna, 31 May 2019",
        "Annotated provisional agenda",
        *[" ".join(FILLER)] * 4,
        "10 a.m.–1 p.m.  1  Opening of the meeting and of the general discussion of the agenda"
        " items before the meeting",
        "2  Adoption of the agenda and organization of work",
    ]
    assert lines(clean_pdf_text("\n\n".join(paragraphs), Lang.EN)) == [
        re.sub(r" {2,}", " ", p) for p in paragraphs
    ]


JOINS = {
    # a symbol in brackets opening a line continues the sentence
    "bracket-start": (
        "To facilitate its deliberations, the Conference will have before it the room\n"
        "paper submitted to the Implementation Review Group at its eighth session\n"
        "(CAC/COSP/IRG/2017/CRP.1). In addition, the secretariats will be invited.",
        [
            "To facilitate its deliberations, the Conference will have before it the room paper"
            " submitted to the Implementation Review Group at its eighth session"
            " (CAC/COSP/IRG/2017/CRP.1). In addition, the secretariats will be invited."
        ],
    ),
    # a bracket left open continues the paragraph
    "open-bracket": (
        "Pursuant to the recommendations agreed upon at the eighth expert meeting\n"
        "held on 31 May 2019 (see\nCAC/COSP/EG.1/2019/4), States parties are encouraged.",
        [
            "Pursuant to the recommendations agreed upon at the eighth expert meeting held on"
            " 31 May 2019 (see CAC/COSP/EG.1/2019/4), States parties are encouraged."
        ],
    ),
    # entries of a list of documents, each ending with its symbol
    "documents": (
        "Summary of the state of implementation of the United Nations Convention against\n"
        "Corruption (CAC/COSP/2017/10)\n"
        "Note by the Secretariat on good practices in the identification of victims of\n"
        "corruption and parameters for their compensation (CAC/COSP/2017/11)\n"
        "Note by the Secretariat on financial and budgetary matters (CAC/COSP/2017/13)",
        [
            "Summary of the state of implementation of the United Nations Convention against"
            " Corruption (CAC/COSP/2017/10)",
            "Note by the Secretariat on good practices in the identification of victims of"
            " corruption and parameters for their compensation (CAC/COSP/2017/11)",
            "Note by the Secretariat on financial and budgetary matters (CAC/COSP/2017/13)",
        ],
    ),
    # the third line of a paragraph, long and without a stop, goes on
    "third-line": (
        "In its resolution 3/1, the Conference decided that the Implementation Review\n"
        "Group should follow up on and continue the work previously undertaken by the\n"
        "Open-ended Working Group on Technical Assistance at its sessions since 2006\n"
        "Intergovernmental Working Group on Technical Assistance. In accordance.",
        [
            "In its resolution 3/1, the Conference decided that the Implementation Review Group"
            " should follow up on and continue the work previously undertaken by the Open-ended"
            " Working Group on Technical Assistance at its sessions since 2006"
            " Intergovernmental Working Group on Technical Assistance. In accordance."
        ],
    ),
    # an enumeration run into the paragraph goes on at "(c)"; a list on lines does not
    "enumeration": (
        "States reported that the problems related to: (a) unfamiliarity with them;\n"
        "(b) non-acceptance of requests sent through other channels; and\n"
        "(c) the absence of a pending criminal case against the suspect.\n\n"
        "The Conference will have before it the following:\n\n"
        "(a) A note by the Secretariat;\n\n(b) A report of the Working Group.",
        [
            "States reported that the problems related to: (a) unfamiliarity with them;"
            " (b) non-acceptance of requests sent through other channels; and (c) the absence"
            " of a pending criminal case against the suspect.",
            "The Conference will have before it the following:",
            "(a) A note by the Secretariat;",
            "(b) A report of the Working Group.",
        ],
    ),
    # a subparagraph marker that completes the provision at the end of the line above
    "provision": (
        "In paragraph 8 of its resolution 8/2, the Conference called upon States parties,\n"
        "in accordance with article 1\n(b) of the Convention, to further promote cooperation.",
        [
            "In paragraph 8 of its resolution 8/2, the Conference called upon States parties, in"
            " accordance with article 1 (b) of the Convention, to further promote cooperation."
        ],
    ),
}


@pytest.mark.parametrize("case", list(JOINS))
def test_english_joins_for_documents(case: str) -> None:
    raw, expected = JOINS[case]
    assert with_filler(raw) == expected


def test_chinese_venue_line_stays_apart_in_the_title_block() -> None:
    raw = "增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议\n"
    raw += "2019年5月31日，维也纳\n临时议程说明"
    body = "\n".join(
        ["缔约国会议请秘书处继续收集关于《公约》用作司法协助法律依据的统计数据或其他相关信息"] * 6
    )
    out = lines(clean_pdf_text(raw + "\n\n" + body, Lang.ZH))
    assert out[:3] == [
        "增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议",
        "2019年5月31日，维也纳",
        "临时议程说明",
    ]
