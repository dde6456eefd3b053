"""Language tags and language detection for the two languages untm works in.

CAT tools write Chinese as ``zh``, ``zh-CN``, ``zh_CN``, ``ZH-CN``, ``zh-Hans``,
``zho`` or ``chi``; English as ``en``, ``en-US``, ``EN-GB``, ``eng``. untm keeps the
original tag for export but matches on the primary language.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum


class Lang(StrEnum):
    """The two languages of untm. The value is the BCP 47 primary subtag."""

    ZH = "zh"
    EN = "en"

    @property
    def other(self) -> Lang:
        return Lang.EN if self is Lang.ZH else Lang.ZH


_PRIMARY = {
    "zh": Lang.ZH,
    "zho": Lang.ZH,
    "chi": Lang.ZH,
    "cmn": Lang.ZH,
    "en": Lang.EN,
    "eng": Lang.EN,
}
_TAG_RE = re.compile(r"^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$")


@functools.lru_cache(maxsize=1024)
def normalize_tag(tag: str) -> str:
    """``tag`` in BCP 47 casing with hyphens: ``zh_cn`` -> ``zh-CN``, ``zh-hans`` -> ``zh-Hans``.

    Raises ValueError for something that is not a language tag at all.
    """
    tag = tag.strip()
    if not _TAG_RE.match(tag):
        raise ValueError(f"not a language tag: {tag!r}")
    parts = re.split(r"[-_]", tag)
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            out.append(part.upper())  # region
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())  # script
        else:
            out.append(part.lower())
    return "-".join(out)


@functools.lru_cache(maxsize=1024)
def lang_of_tag(tag: str) -> Lang | None:
    """The untm language of a tag (``zh-CN`` -> ZH), or None for other languages."""
    try:
        primary = normalize_tag(tag).split("-", 1)[0]
    except ValueError:
        return None
    return _PRIMARY.get(primary)


def parse_lang(value: str) -> Lang:
    """Parse a user-given language (``zh``, ``en``, ``zh-CN``...); ValueError if not zh or en."""
    lang = lang_of_tag(value)
    if lang is None:
        raise ValueError(f"unknown language {value!r}: use zh or en")
    return lang


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs (unified, extension A, compatibility) and the ideographic zero."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
        or o == 0x3007
    )


_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN_RE = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]")


def detect_lang(text: str) -> Lang:
    """Chinese if the text has any CJK ideograph and they are not swamped by Latin letters.

    A Chinese query often carries Latin acronyms or symbols (``UNODC 的任务``), so one
    ideograph per five Latin letters is enough to call it Chinese.
    """
    cjk = len(_CJK_RE.findall(text))
    if cjk == 0:
        return Lang.EN
    latin = len(_LATIN_RE.findall(text))
    return Lang.ZH if cjk * 5 >= latin else Lang.EN


def has_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None
