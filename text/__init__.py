"""Shared text handling: languages, normalization, PDF clean-up, segmentation, grams."""

from .lang import Lang, detect_lang, lang_of_tag, normalize_tag
from .normalize import NORMALIZATION, fold_cjk_spacing, fold_width, term_key, tm_key, to_simplified

__all__ = [
    "NORMALIZATION",
    "Lang",
    "detect_lang",
    "fold_cjk_spacing",
    "fold_width",
    "lang_of_tag",
    "normalize_tag",
    "term_key",
    "tm_key",
    "to_simplified",
]
